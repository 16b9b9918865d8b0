package io.samepage.agent.jmx;

import java.util.List;
import java.util.Map;

/** What samepage has registered, marked and seen merged, and why the rest will not merge. */
public interface AgentMXBean {

    /** The ObjectName the agent registers under. */
    String OBJECT_NAME = "io.samepage:type=Agent";

    /** @return live registered regions */
    int getLiveRegions();

    /** @return regions registered since start */
    long getRegionsRegistered();

    /** @return regions freed since start */
    long getRegionsFreed();

    /** @return bytes in live registered regions */
    long getRegisteredBytes();

    /** @return bytes of live regions marked mergeable */
    long getMarkedBytes();

    /** @return bytes of live regions backed by KSM pages at the last sample */
    long getMergedBytes();

    /** @return bytes newly merged since start, summed over samples */
    long getMergedBytesTotal();

    /** @return merged pages seen unshared again (copy-on-write breaks) while their region lived */
    long getCowBreakPages();

    /** @return bytes of those pages */
    long getCowBreakBytes();

    /** @return live bytes that will not merge, by reason */
    Map<String, Long> getNotMergeableBytesByReason();

    /** @return why memory of this process will not merge now, process-wide */
    List<String> getProcessReasons();

    /** @return bytes of marked regions backed by transparent huge pages (KSM splits them only to merge) */
    long getTransparentHugePageBytes();

    /** @return {@code /sys/kernel/mm/ksm/run} is 1 */
    boolean isKsmdRunning();

    /** @return this process's mappings at the last count, against {@code vm.max_map_count} */
    int getMappingsInUse();
}
