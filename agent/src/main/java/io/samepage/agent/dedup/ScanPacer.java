package io.samepage.agent.dedup;

/**
 * Keeps the scan thread within a CPU budget, like the kernel's {@code advisor_mode=scan-time} keeps ksmd within
 * {@code advisor_max_cpu}: after every batch it learns the CPU cost per page (smoothed), then sizes the next batch
 * to fill {@code budget × period} of CPU and sleeps out the rest of the period.
 *
 * <p>With a budget of 5% and a 100 ms period the thread works about 5 ms and sleeps about 95 ms, so the
 * application never sees a long burst, and the scan rate follows the real per-page cost (which varies with
 * content: pages that differ early compare in nanoseconds, near-duplicates read whole pages).
 */
final class ScanPacer {

    /** How much a new cost sample moves the estimate: smooth enough to ride out one noisy batch. */
    private static final double SMOOTHING = 0.25;

    private final double budget;
    private final long periodNanos;
    private final int minPages;
    private final int maxPages;
    private double nanosPerPage = -1;
    private int nextPages;

    /**
     * @param budgetFraction CPU share allowed, e.g. 0.05
     * @param periodNanos    one work-plus-sleep cycle
     * @param minPages       smallest batch (progress even when pages are expensive)
     * @param maxPages       largest batch (bounds a single burst)
     */
    ScanPacer(double budgetFraction, long periodNanos, int minPages, int maxPages) {
        this.budget = budgetFraction;
        this.periodNanos = periodNanos;
        this.minPages = minPages;
        this.maxPages = maxPages;
        this.nextPages = minPages;
    }

    /** @return pages to scan in the next batch */
    int nextBatchPages() {
        return nextPages;
    }

    /**
     * Learns from a finished batch.
     *
     * @param pages    pages the batch processed (0 when there was nothing to scan)
     * @param cpuNanos CPU time the batch used
     * @return how long to sleep before the next batch, in nanoseconds
     */
    long batchDone(int pages, long cpuNanos) {
        if (pages > 0) {
            double sample = (double) cpuNanos / pages;
            nanosPerPage = nanosPerPage < 0 ? sample : nanosPerPage + SMOOTHING * (sample - nanosPerPage);
            long target = (long) (budget * periodNanos / Math.max(nanosPerPage, 1.0));
            nextPages = (int) Math.max(minPages, Math.min(maxPages, target));
        }
        // Whatever the batch cost, the sleep keeps cpu / (cpu + sleep) within the budget.
        long sleepForBudget = (long) (cpuNanos * (1 - budget) / budget);
        return Math.max(sleepForBudget, periodNanos - cpuNanos);
    }

    /** @return the learned CPU cost per page, or -1 before the first batch */
    double nanosPerPage() {
        return nanosPerPage;
    }
}
