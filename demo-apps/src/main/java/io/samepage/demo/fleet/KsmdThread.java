package io.samepage.demo.fleet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The kernel's ksmd thread, for its CPU time ({@code utime + stime} from {@code /proc/<pid>/stat}). */
final class KsmdThread {

    /** USER_HZ: {@code /proc/<pid>/stat} counts CPU time in these ticks on every Linux architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path stat;

    private KsmdThread(Path stat) {
        this.stat = stat;
    }

    /** @return the ksmd thread, or empty when there is none (kernel without KSM, or /proc hidden) */
    static java.util.Optional<KsmdThread> find() {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if ("ksmd".equals(Files.readString(p.resolve("comm")).trim())) {
                        return java.util.Optional.of(new KsmdThread(p.resolve("stat")));
                    }
                } catch (IOException ignored) {
                    // Processes come and go while we look.
                }
            }
        } catch (IOException ignored) {
            // No /proc: no ksmd to report.
        }
        return java.util.Optional.empty();
    }

    /** @return CPU seconds ksmd has used since boot, or empty if unreadable */
    OptionalLong cpuTicks() {
        try {
            String s = Files.readString(stat);
            // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }
}
