package io.samepage.agent.engine;

import java.util.List;

/**
 * What deduplication saves, per region and in total, from one engine snapshot (see {@link RegionEstimate} for the
 * buckets). {@code frameBytes} is the price: the frames the savings need, one page per {@code pagesShared}.
 *
 * @param total      all regions; its duplicate bytes are exactly {@code pagesSharing} pages
 * @param regions    one entry per tracked region, in scan order
 * @param frameBytes bytes of the frames kept, {@code pagesShared} pages
 * @param fullScans  passes completed when the snapshot was taken
 * @param unsettledRegions regions not yet scanned twice whole (added after scanning began): pages of theirs may
 *                   still count as unique or unscanned that a second visit will find duplicate
 */
public record EstimateReport(RegionEstimate total, List<RegionEstimate> regions, long frameBytes, long fullScans,
                             int unsettledRegions) {

    /**
     * @param total      all regions
     * @param regions    one entry per tracked region, copied
     * @param frameBytes bytes of the frames kept
     * @param fullScans  passes completed
     * @param unsettledRegions regions not yet scanned twice whole
     */
    public EstimateReport {
        regions = List.copyOf(regions);
    }
}
