package io.samepage.agent.jmx;

import java.util.List;

/** samepage's in-process engine: its mode, the kernel-style counters, and the savings estimate. */
public interface DeduplicatorMXBean {

    /** The ObjectName the agent registers under. */
    String OBJECT_NAME = "io.samepage:type=Deduplicator";

    /** @return {@code estimate} (read-only scanning) or {@code off} */
    String getMode();

    /** @return completed passes over all regions */
    long getFullScans();

    /** @return pages the engine has visited since start */
    long getPagesScanned();

    /** @return distinct contents with at least two copies (the kernel's pages_shared) */
    long getPagesShared();

    /** @return copies beyond the first of each (the kernel's pages_sharing: what merging saves, in pages) */
    long getPagesSharing();

    /** @return candidate pages in this pass's unstable tree */
    long getPagesUnshared();

    /** @return pages that changed between visits */
    long getPagesVolatile();

    /** @return all-zero pages */
    long getZeroPages();

    /** @return contents that hit the sharing limit (max_page_sharing) */
    long getStableNodeChains();

    /** @return canonical pages linked into chains */
    long getStableNodeDups();

    /** @return regions not yet scanned twice whole: until none, the estimate is provisional */
    int getUnsettledRegions();

    /** @return the estimate by region, by allocation site, and the total (last row) */
    List<EstimateRow> getEstimate();
}
