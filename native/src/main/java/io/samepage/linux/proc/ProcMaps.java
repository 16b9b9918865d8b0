package io.samepage.linux.proc;

import io.samepage.linux.PseudoFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Counts the VMAs of a process, the budget that {@code vm.max_map_count} limits.
 *
 * <p>Every merged page that cannot join a neighbour costs a VMA, and at the limit every mmap, mprotect and
 * partial munmap of the JVM fails with ENOMEM. Counting the lines of {@code maps} (not {@code smaps}) is the
 * cheap way to watch the budget: no per-page walk and no strings, only a newline count.
 */
public final class ProcMaps {

    private ProcMaps() {
    }

    /**
     * Counts this process's mappings.
     *
     * @return the number of lines of {@code /proc/self/maps}
     * @throws UncheckedIOException if it cannot be read
     */
    public static int countSelf() {
        return count(Path.of("/proc/self/maps"));
    }

    /**
     * Counts a process's mappings.
     *
     * @param pid the process id
     * @return the number of lines of {@code /proc/<pid>/maps}
     * @throws UncheckedIOException if the process does not exist or may not be inspected
     */
    public static int count(long pid) {
        return count(Path.of("/proc", Long.toString(pid), "maps"));
    }

    private static int count(Path maps) {
        byte[] chunk = new byte[PseudoFiles.READ_CHUNK_BYTES];
        int lines = 0;
        try (InputStream in = PseudoFiles.openStream(maps)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
