package io.samepage.linux.ksm;

/**
 * The writable files of {@code /sys/kernel/mm/ksm} (Documentation/admin-guide/mm/ksm.rst). All are mode
 * 0644: readable by anyone, writable only by root. A kernel may lack the newer ones.
 */
public enum KsmKnob {
    /** 0 stops ksmd and keeps merged pages; 1 runs it; 2 stops it and unmerges everything. Off (0) at boot. */
    RUN("run"),
    /** Pages scanned per batch (default 100). Rejected with EINVAL while {@link #ADVISOR_MODE} is scan-time. */
    PAGES_TO_SCAN("pages_to_scan"),
    /** Sleep between batches in ms (default 20). */
    SLEEP_MILLISECS("sleep_millisecs"),
    /** Most mappers per KSM page, at least 2 (default 256). Changes only while no KSM page exists: EBUSY. */
    MAX_PAGE_SHARING("max_page_sharing"),
    /** 0 keeps a tree per NUMA node (default 1). Changes only while no KSM page exists. Absent without NUMA. */
    MERGE_ACROSS_NODES("merge_across_nodes"),
    /** 1 maps all-zero pages to the kernel's zero page (default 0). */
    USE_ZERO_PAGES("use_zero_pages"),
    /** 1 skips pages that repeatedly failed to merge (default 1, Linux 6.7+). */
    SMART_SCAN("smart_scan"),
    /** How often stale duplicates of a stable-node chain are pruned, in ms (default 2000). */
    STABLE_NODE_CHAINS_PRUNE_MILLISECS("stable_node_chains_prune_millisecs"),
    /** {@code none} or {@code scan-time}: auto-tunes pages_to_scan (Linux 6.8+); reads as {@code [none] scan-time}. */
    ADVISOR_MODE("advisor_mode"),
    /** CPU percentage the scan-time advisor may use (default 70). */
    ADVISOR_MAX_CPU("advisor_max_cpu"),
    /** Lower bound on pages_to_scan under the advisor (default 500). */
    ADVISOR_MIN_PAGES_TO_SCAN("advisor_min_pages_to_scan"),
    /** Upper bound on pages_to_scan under the advisor (default 30000). */
    ADVISOR_MAX_PAGES_TO_SCAN("advisor_max_pages_to_scan"),
    /** Target duration of a full scan under the advisor, in seconds (default 200). */
    ADVISOR_TARGET_SCAN_TIME("advisor_target_scan_time");

    private final String fileName;

    KsmKnob(String fileName) {
        this.fileName = fileName;
    }

    /**
     * The knob's file in the KSM sysfs directory.
     *
     * @return e.g. {@code "pages_to_scan"}
     */
    public String fileName() {
        return fileName;
    }
}
