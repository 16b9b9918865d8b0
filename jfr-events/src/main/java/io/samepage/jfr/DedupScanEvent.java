package io.samepage.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * One scan of the in-process deduplicator, timed by the event's own duration.
 *
 * <p>The counters use KSM's vocabulary (ksm-algorithm §2.4) so that the two engines read alike in one
 * recording. Scans run on samepage's own thread, a few per second at most, so every one is recorded
 * ({@code 0 ms} threshold) and none carries a stack trace.
 *
 * <p>Usage: {@code DedupScanEvent scan = DedupScanEvent.start(); ...scan...; DedupScanEvent.commit(scan, ...)}.
 */
@Name(EventNames.DEDUP_SCAN)
@Label("Deduplication Scan")
@Category({Categories.SAMEPAGE, Categories.DEDUPLICATION})
@Description("A scan of samepage's in-process deduplicator over the registered regions")
@StackTrace(false)
@Threshold("0 ms")
public final class DedupScanEvent extends Event {

    /** {@code mode} of a scan that only measures what merging would save. */
    public static final String MODE_ESTIMATE = "estimate";

    /** {@code mode} of a scan that merges what it finds. */
    public static final String MODE_MERGE = "merge";

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final DedupScanEvent INSTANCE = new DedupScanEvent();

    @Label("Pages Scanned")
    @Description("Pages visited by this scan")
    long pagesScanned;

    @Label("Volatile Pages")
    @Description("Pages this scan found changed since their previous visit, and so kept out of the unstable "
            + "tree")
    long pagesVolatile;

    @Label("Unstable Tree Size")
    @Description("Candidate pages in the unstable tree when the scan ended")
    long unstableTreeSize;

    @Label("Stable Nodes")
    @Description("Distinct shared page contents in the stable tree when the scan ended")
    long stableNodes;

    @Label("Pages Shared")
    @Description("Pages backing shared contents when the scan ended, as KSM's pages_shared")
    long pagesShared;

    @Label("Pages Sharing")
    @Description("Further pages mapped onto shared contents when the scan ended, i.e. pages saved, as KSM's "
            + "pages_sharing")
    long pagesSharing;

    @Label("Full Scans")
    @Description("Complete passes over all regions so far, this one included if it completed a pass")
    long fullScans;

    @Label("Mode")
    @Description("estimate (measure only) or merge")
    String mode;

    /**
     * Tells whether any running recording wants this event; with no recording it is a constant
     * {@code false} to the JIT.
     *
     * @return {@code true} if a scan ended now would be recorded (subject to the threshold)
     */
    public static boolean enabled() {
        return INSTANCE.isEnabled();
    }

    /**
     * Starts timing a scan. Cheap enough to call unconditionally: without a recording the JIT removes the
     * event object along with the {@link #commit(DedupScanEvent, long, long, long, long, long, long, long,
     * String) commit}.
     *
     * @return the started event, to pass to {@code commit} when the scan ends
     */
    public static DedupScanEvent start() {
        DedupScanEvent scan = new DedupScanEvent();
        scan.begin();
        return scan;
    }

    /**
     * Ends the timing of a scan begun with {@link #start()} and records it, if a recording wants it.
     *
     * @param scan             the event returned by {@link #start()}
     * @param pagesScanned     pages visited by this scan
     * @param pagesVolatile    pages this scan found changed since their previous visit
     * @param unstableTreeSize candidate pages in the unstable tree at the end
     * @param stableNodes      distinct shared contents in the stable tree at the end
     * @param pagesShared      pages backing shared contents at the end
     * @param pagesSharing     further pages mapped onto shared contents (pages saved) at the end
     * @param fullScans        complete passes so far
     * @param mode             {@link #MODE_ESTIMATE} or {@link #MODE_MERGE}
     */
    public static void commit(DedupScanEvent scan, long pagesScanned, long pagesVolatile, long unstableTreeSize,
            long stableNodes, long pagesShared, long pagesSharing, long fullScans, String mode) {
        // end() first: shouldCommit() compares the duration with the threshold.
        scan.end();
        if (scan.shouldCommit()) {
            scan.pagesScanned = pagesScanned;
            scan.pagesVolatile = pagesVolatile;
            scan.unstableTreeSize = unstableTreeSize;
            scan.stableNodes = stableNodes;
            scan.pagesShared = pagesShared;
            scan.pagesSharing = pagesSharing;
            scan.fullScans = fullScans;
            scan.mode = mode;
            scan.commit();
        }
    }
}
