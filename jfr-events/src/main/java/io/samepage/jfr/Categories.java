package io.samepage.jfr;

/**
 * The {@code @Category} path segments of samepage's events: JMC's event browser and
 * {@code jfr print --categories 'Samepage*'} group by them.
 */
public final class Categories {

    /** The top-level category of every samepage event. */
    public static final String SAMEPAGE = "Samepage";

    /** Life cycle of the off-heap regions samepage tracks. */
    public static final String REGIONS = "Regions";

    /** The kernel's same-page merging daemon (ksmd) and its counters. */
    public static final String KERNEL_KSM = "Kernel KSM";

    /** Merges, copy-on-write breaks and scans, by either engine. */
    public static final String DEDUPLICATION = "Deduplication";

    /** What deduplication could save, measured without merging. */
    public static final String ESTIMATE = "Estimate";

    private Categories() {
    }
}
