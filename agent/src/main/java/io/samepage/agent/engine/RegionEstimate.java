package io.samepage.agent.engine;

/**
 * What merging saves in one region, or in all ({@code region == -1}), as the scanner last saw it. The buckets
 * partition {@code trackedBytes}:
 * <ul>
 *   <li>{@code duplicateBytes}: freed by merging. A frame with {@code m} mappers frees {@code m - 1} pages; each
 *       mapper's region is credited {@code (m - 1) / m} of a page, so regions add up to the total, which is exactly
 *       {@code pagesSharing} pages. With the estimating merger these merges are virtual: what a real merge would
 *       save, {@code maxPageSharing} included.</li>
 *   <li>{@code zeroBytes}: all-zero pages mapped to the zero frame, all freed.</li>
 *   <li>{@code volatileBytes}: pages whose content changed between the last two visits; not merged.</li>
 *   <li>{@code uniqueBytes}: the rest of the scanned pages: no equal page found (unstable candidates), the one page
 *       in {@code m} that keeps each frame, pages seen once so far, pages whose merge failed.</li>
 *   <li>{@code unscannedBytes}: pages not visited yet, or absent at their last visit.</li>
 * </ul>
 * After two full passes over content that does not change, duplicate, zero and unique bytes are exact.
 *
 * @param region         the {@link PageSource}'s region number, -1 for the total
 * @param trackedBytes   the region's size in whole pages
 * @param duplicateBytes freed by merging equal pages
 * @param zeroBytes      freed by mapping zero pages to the zero frame
 * @param volatileBytes  changing too often to merge
 * @param uniqueBytes    scanned, with no equal page
 * @param unscannedBytes not scanned, or absent
 */
public record RegionEstimate(int region, long trackedBytes, long duplicateBytes, long zeroBytes, long volatileBytes,
                             long uniqueBytes, long unscannedBytes) {

    /** @return bytes merging saves: duplicate plus zero */
    public long savedBytes() {
        return duplicateBytes + zeroBytes;
    }
}
