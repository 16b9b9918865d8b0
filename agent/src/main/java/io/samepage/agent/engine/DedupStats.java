package io.samepage.agent.engine;

/**
 * The engine's counters, named and defined as the kernel's {@code /sys/kernel/mm/ksm/*}, at one instant.
 *
 * <p>Consistency (kernel §8.21): {@code pagesShared + pagesSharing} is the number of pages mapping a frame,
 * {@code pagesSharing} is the number of pages saved, and {@code pagesVolatile = items - pagesShared - pagesSharing
 * - pagesUnshared - zeroPages}, never negative. Zero pages are a bucket of their own (newer kernels' ksm_zero_pages):
 * they map the zero frame, not a stable node.
 *
 * @param pagesShared      frames with at least one mapper
 * @param pagesSharing     mappers beyond the first of each frame: pages merging saved
 * @param pagesUnshared    pages inserted in the unstable tree this pass (a candidate counts until its next visit)
 * @param pagesVolatile    visited pages in no other bucket: changed since the last visit, or seen only once
 * @param fullScans        completed passes over all regions
 * @param stableNodeChains contents with more than one frame because of {@code maxPageSharing}
 * @param stableNodeDups   frames on chains (stale ones until pruned)
 * @param zeroPages        pages mapped to the zero frame
 * @param items            pages visited and present at their last visit
 * @param trackedPages     pages in all tracked regions, visited or not
 * @param regions          tracked regions
 * @param regionsRefused   regions never tracked because the 2 TiB handle space was full
 */
public record DedupStats(long pagesShared, long pagesSharing, long pagesUnshared, long pagesVolatile, long fullScans,
                         long stableNodeChains, long stableNodeDups, long zeroPages, long items, long trackedPages,
                         int regions, long regionsRefused) {
}
