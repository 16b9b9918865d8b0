package io.samepage.linux.ksm;

/**
 * A snapshot of KSM's system-wide state from {@code /sys/kernel/mm/ksm}. Each value is -1 if this kernel
 * does not have the file. The files are read one after another, so the values are not one atomic snapshot.
 *
 * @param run              0 stopped, 1 running, 2 stopped and unmerged
 * @param pagesShared      KSM pages in use (each stands for several)
 * @param pagesSharing     further mappings of those pages: the pages saved
 * @param pagesUnshared    candidate pages that are unique, scanned again and again
 * @param pagesVolatile    candidate pages that change too fast to merge
 * @param fullScans        passes over all mergeable memory so far
 * @param pagesScanned     pages scanned so far (Linux 6.7+)
 * @param pagesSkipped     pages skipped by smart_scan (Linux 6.7+)
 * @param stableNodeChains KSM pages that reached max_page_sharing and became chains
 * @param stableNodeDups   duplicate KSM pages inside those chains
 * @param ksmZeroPages     pages mapped to the zero page through use_zero_pages (Linux 6.10 name)
 * @param generalProfit    bytes saved minus KSM's own metadata (Linux 6.1+)
 */
public record KsmCounters(int run, long pagesShared, long pagesSharing, long pagesUnshared, long pagesVolatile,
        long fullScans, long pagesScanned, long pagesSkipped, long stableNodeChains, long stableNodeDups,
        long ksmZeroPages, long generalProfit) {
}
