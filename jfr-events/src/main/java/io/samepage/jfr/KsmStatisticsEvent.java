package io.samepage.jfr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;

/**
 * The kernel's KSM counters, system-wide from {@code /sys/kernel/mm/ksm/} and for this process from
 * {@code /proc/self/ksm_stat}, sampled periodically.
 *
 * <p>Every counter is optional: kernels add them over the years and one without {@code CONFIG_KSM} has none.
 * A counter this kernel does not provide is {@value #NOT_AVAILABLE}; the yes/no flags are then
 * {@code false}. The two profit fields can be legitimately negative (rmap_item overhead exceeding what was
 * saved), but never {@code -1}: they are whole pages minus whole rmap_items, both multiples of 8 bytes.
 *
 * <p>The system-wide counters are the same in every JVM on one kernel (containers included), which is why the
 * event names the kernel by its boot ID.
 *
 * <p>A hook registered with {@link #registerPeriodic(Runnable)} reads the counters and calls
 * {@link #commit commit}; JFR runs it on its own thread once per period, and only while a recording has
 * the event enabled, so reading {@code /sys} costs nothing otherwise.
 */
@Name(EventNames.KSM_STATISTICS)
@Label("KSM Statistics")
@Category({Categories.SAMEPAGE, Categories.KERNEL_KSM})
@Description("Kernel same-page merging counters, system-wide and for this process; -1 where the kernel does "
        + "not provide one")
@StackTrace(false)
@Period("5 s")
public final class KsmStatisticsEvent extends Event {

    /** Value of a counter this kernel does not provide. */
    public static final long NOT_AVAILABLE = -1;

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final KsmStatisticsEvent INSTANCE = new KsmStatisticsEvent();

    /** The recording-start listener of each registered hook, to remove it with the hook. */
    private static final Map<Runnable, FlightRecorderListener> SAMPLE_ON_START = new ConcurrentHashMap<>();

    @Label("Run")
    @Description("ksmd state: 0 stopped keeping merges, 1 scanning, 2 stopped after unmerging everything; -1 "
            + "without KSM")
    int run;

    @Label("Pages Shared")
    @Description("KSM pages in use, each backing one or more identical pages; -1 if not available")
    long pagesShared;

    @Label("Pages Sharing")
    @Description("Further pages mapped onto KSM pages, i.e. pages saved, system-wide; -1 if not available")
    long pagesSharing;

    @Label("Pages Unshared")
    @Description("Pages checked and still unique, waiting in the unstable tree; -1 if not available")
    long pagesUnshared;

    @Label("Pages Volatile")
    @Description("Pages changing too fast to be merged; -1 if not available")
    long pagesVolatile;

    @Label("Full Scans")
    @Description("Completed passes of ksmd over all mergeable memory; -1 if not available")
    long fullScans;

    @Label("Pages Scanned")
    @Description("Pages ksmd has scanned so far; -1 if not available")
    long pagesScanned;

    @Label("Pages Skipped")
    @Description("Pages ksmd skipped because they repeatedly failed to merge (smart_scan); -1 if not available")
    long pagesSkipped;

    @Label("Stable Node Chains")
    @Description("Contents that reached max_page_sharing and so needed more than one KSM page; -1 if not "
            + "available")
    long stableNodeChains;

    @Label("Stable Node Dups")
    @Description("KSM pages linked into those chains; -1 if not available")
    long stableNodeDups;

    @Label("KSM Zero Pages")
    @Description("Empty pages merged with the kernel zero page (use_zero_pages); -1 if not available")
    long ksmZeroPages;

    @Label("General Profit")
    @Description("Memory KSM saves system-wide, net of its own metadata; may be negative; -1 if not available")
    @DataAmount
    long generalProfit;

    @Label("Process Rmap Items")
    @Description("KSM reverse-map items for this process, one per page ksmd has looked at; -1 if not available")
    long processRmapItems;

    @Label("Process Zero Pages")
    @Description("Pages of this process merged with the kernel zero page; -1 if not available")
    long processZeroPages;

    @Label("Process Merging Pages")
    @Description("Pages of this process currently merged; -1 if not available")
    long processMergingPages;

    @Label("Process Profit")
    @Description("Memory KSM saves for this process, net of its metadata; may be negative; -1 if not available")
    @DataAmount
    long processProfit;

    @Label("Process Merge Any")
    @Description("Whether the whole process opted in with prctl(PR_SET_MEMORY_MERGE); false if not available")
    boolean processMergeAny;

    @Label("Process Mergeable")
    @Description("Whether any memory of this process is registered with KSM; false if not available")
    boolean processMergeable;

    @Label("Bytes Saved")
    @Description("Pages Sharing times the page size, system-wide; -1 if not available")
    @DataAmount
    long bytesSaved;

    @Label("Kernel Boot ID")
    @Description("The kernel's /proc/sys/kernel/random/boot_id: recordings with the same ID read the same "
            + "system-wide counters, so a report adds them up once; empty if not available")
    String kernelBootId;

    @Label("Not Merging Reasons")
    @Description("Why memory of this process will not merge now (ksmd stopped, huge pages, mapping budget), one "
            + "reason per line; empty when nothing stands in the way")
    String notMergingReasons;

    /**
     * Tells whether any running recording wants this event; with no recording it is a constant
     * {@code false} to the JIT.
     *
     * @return {@code true} if a {@link #commit commit} now would be recorded
     */
    public static boolean enabled() {
        return INSTANCE.isEnabled();
    }

    /**
     * Records one sample of the KSM counters, if a recording wants it. Pass {@link #NOT_AVAILABLE} for a
     * counter the kernel lacks and {@code false} for a missing flag. The parameters follow the order of the
     * sysfs counters and then of {@code /proc/self/ksm_stat}, as samepage's readers of those files do.
     *
     * @param run                 {@code /sys/kernel/mm/ksm/run}: 0, 1 or 2
     * @param pagesShared         {@code pages_shared}
     * @param pagesSharing        {@code pages_sharing}
     * @param pagesUnshared       {@code pages_unshared}
     * @param pagesVolatile       {@code pages_volatile}
     * @param fullScans           {@code full_scans}
     * @param pagesScanned        {@code pages_scanned}
     * @param pagesSkipped        {@code pages_skipped}
     * @param stableNodeChains    {@code stable_node_chains}
     * @param stableNodeDups      {@code stable_node_dups}
     * @param ksmZeroPages        {@code ksm_zero_pages}
     * @param generalProfit       {@code general_profit}, in bytes
     * @param processRmapItems    {@code ksm_rmap_items} of {@code /proc/self/ksm_stat}
     * @param processZeroPages    {@code ksm_zero_pages} of {@code /proc/self/ksm_stat}
     * @param processMergingPages {@code ksm_merging_pages} of {@code /proc/self/ksm_stat}
     * @param processProfit       {@code ksm_process_profit} of {@code /proc/self/ksm_stat}, in bytes
     * @param processMergeAny     {@code ksm_merge_any: yes} in {@code /proc/self/ksm_stat}
     * @param processMergeable    {@code ksm_mergeable: yes} in {@code /proc/self/ksm_stat}
     * @param bytesSaved          {@code pagesSharing} times the page size
     * @param kernelBootId        {@code /proc/sys/kernel/random/boot_id}, or empty
     * @param notMergingReasons   why this process's memory will not merge, one reason per line, or empty
     */
    public static void commit(int run, long pagesShared, long pagesSharing, long pagesUnshared,
            long pagesVolatile, long fullScans, long pagesScanned, long pagesSkipped, long stableNodeChains,
            long stableNodeDups, long ksmZeroPages, long generalProfit, long processRmapItems,
            long processZeroPages, long processMergingPages, long processProfit, boolean processMergeAny,
            boolean processMergeable, long bytesSaved, String kernelBootId, String notMergingReasons) {
        KsmStatisticsEvent event = new KsmStatisticsEvent();
        if (event.shouldCommit()) {
            event.run = run;
            event.pagesShared = pagesShared;
            event.pagesSharing = pagesSharing;
            event.pagesUnshared = pagesUnshared;
            event.pagesVolatile = pagesVolatile;
            event.fullScans = fullScans;
            event.pagesScanned = pagesScanned;
            event.pagesSkipped = pagesSkipped;
            event.stableNodeChains = stableNodeChains;
            event.stableNodeDups = stableNodeDups;
            event.ksmZeroPages = ksmZeroPages;
            event.generalProfit = generalProfit;
            event.processRmapItems = processRmapItems;
            event.processZeroPages = processZeroPages;
            event.processMergingPages = processMergingPages;
            event.processProfit = processProfit;
            event.processMergeAny = processMergeAny;
            event.processMergeable = processMergeable;
            event.bytesSaved = bytesSaved;
            event.kernelBootId = kernelBootId;
            event.notMergingReasons = notMergingReasons;
            event.commit();
        }
    }

    /**
     * Has JFR run {@code hook} once per period of this event while a recording has it enabled, and once when such a
     * recording starts. The hook
     * should read the counters and call {@link #commit commit}. Call it lazily, never from {@code premain}:
     * it initialises JFR's metadata.
     *
     * @param hook reads the counters and commits one event
     * @return {@code true} if registered; {@code false} if JFR is unavailable in this JVM, the hook was
     *         already added, or a security manager refused
     */
    public static boolean registerPeriodic(Runnable hook) {
        try {
            if (!FlightRecorder.isAvailable()) {
                return false;
            }
            FlightRecorder.addPeriodicEvent(KsmStatisticsEvent.class, hook);
            FlightRecorderListener onStart = new SampleOnStart(hook);
            FlightRecorder.addListener(onStart);
            SAMPLE_ON_START.put(hook, onStart);
            return true;
        } catch (RuntimeException e) {
            // IllegalArgumentException (hook already added) or SecurityException: the agent keeps working
            // without statistics either way.
            return false;
        }
    }

    /**
     * Stops JFR running a hook added with {@link #registerPeriodic(Runnable)}.
     *
     * @param hook the hook that was registered
     * @return {@code true} if it was registered and now is not
     */
    public static boolean unregisterPeriodic(Runnable hook) {
        try {
            FlightRecorderListener onStart = SAMPLE_ON_START.remove(hook);
            if (onStart != null) {
                FlightRecorder.removeListener(onStart);
            }
            return FlightRecorder.removePeriodicEvent(hook);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs the hook when a recording starts, so that every recording begins with a sample: JFR's first periodic
     * run comes a whole period after the start, and a report needs the counters from before merging began (a
     * recording started with {@code jcmd JFR.start} on a JVM that has been merging for hours included).
     */
    private static final class SampleOnStart implements FlightRecorderListener {
        private final Runnable hook;

        SampleOnStart(Runnable hook) {
            this.hook = hook;
        }

        @Override
        public void recordingStateChanged(Recording recording) {
            if (recording.getState() == RecordingState.RUNNING && enabled()) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    // The periodic run will try again; starting the recording must not fail for a sample.
                }
            }
        }
    }
}
