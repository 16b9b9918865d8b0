package io.samepage.jfr;

/**
 * The stable names of samepage's JFR events.
 *
 * <p>{@code .jfc} files, {@code jfr print --events} and every consumer select events by these names, so an
 * event's name is part of samepage's interface and never follows its class name through a refactoring. The
 * literals are spelled out rather than built from {@link #PREFIX} so that a grep for a name seen in a
 * recording lands here.
 */
public final class EventNames {

    /** The namespace of every samepage event, as {@code jdk.} is the JDK's. */
    public static final String PREFIX = "io.samepage.";

    /** {@link RegionRegisteredEvent}. */
    public static final String REGION_REGISTERED = "io.samepage.RegionRegistered";

    /** {@link RegionFreedEvent}. */
    public static final String REGION_FREED = "io.samepage.RegionFreed";

    /** {@link PageMergeEvent}. */
    public static final String PAGE_MERGE = "io.samepage.PageMerge";

    /** {@link CowBreakEvent}. */
    public static final String COW_BREAK = "io.samepage.CowBreak";

    /** {@link DedupScanEvent}. */
    public static final String DEDUP_SCAN = "io.samepage.DedupScan";

    /** {@link KsmStatisticsEvent}. */
    public static final String KSM_STATISTICS = "io.samepage.KsmStatistics";

    /** {@link SavingsEstimateEvent}. */
    public static final String SAVINGS_ESTIMATE = "io.samepage.SavingsEstimate";

    private EventNames() {
    }
}
