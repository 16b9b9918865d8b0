package io.samepage.jfr.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How the report writes amounts and times, the same in text and HTML. */
final class Units {

    static final double MIB = 1 << 20;

    private Units() {
    }

    /** @param bytes an amount @return it in MiB with one decimal, {@code "32.0 MiB"} */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    /** @param bytes an amount @return it in MiB with one decimal and no unit, for table cells */
    static String mibNumber(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MIB);
    }

    /** @param from start @param to end @return the seconds between them, one decimal, {@code "21.3 s"} */
    static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f s", secondsBetween(from, to));
    }

    /** @param from start @param to end @return the seconds between them */
    static double secondsBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** @param share 0 to 1 @return a percentage with one decimal, {@code "75.0%"} */
    static String percent(double share) {
        return Double.isInfinite(share) ? "∞" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** @param n a count @param noun its noun, singular @return {@code "1 kernel"}, {@code "2 kernels"} */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
