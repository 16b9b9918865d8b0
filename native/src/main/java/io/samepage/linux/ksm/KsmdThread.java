package io.samepage.linux.ksm;

import io.samepage.linux.PseudoFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The kernel's ksmd thread, for its CPU time ({@code utime + stime} from {@code /proc/<pid>/stat}). */
public final class KsmdThread {

    /** USER_HZ: {@code /proc/<pid>/stat} counts CPU time in these ticks on every Linux architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path stat;

    private KsmdThread(Path stat) {
        this.stat = stat;
    }

    /** @return the ksmd thread, or empty when there is none (kernel without KSM, or /proc hidden) */
    public static java.util.Optional<KsmdThread> find() {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                // Processes come and go while we look: a vanished one simply reads as absent.
                if (PseudoFiles.readIfExists(p.resolve("comm")).map(c -> c.trim().equals("ksmd")).orElse(false)) {
                    return java.util.Optional.of(new KsmdThread(p.resolve("stat")));
                }
            }
        } catch (IOException ignored) {
            // No /proc: no ksmd to report.
        }
        return java.util.Optional.empty();
    }

    /** @return CPU time ksmd has used since boot, in USER_HZ ticks, or empty if unreadable */
    public OptionalLong cpuTicks() {
        try {
            String s = PseudoFiles.read(stat);
            // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** @param ticks USER_HZ ticks @return seconds */
    public static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }
}
