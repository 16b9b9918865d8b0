package io.samepage.agent.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link EstimateReport} from the items' states: one pass over 16 bytes a page, so a report over 1 GiB
 * reads 4 MiB of metadata; cheap next to a scan pass, but not something to ask for every page.
 */
final class SavingsEstimator {

    private SavingsEstimator() {
    }

    static EstimateReport estimate(List<TrackedRegion> regions, StableTree stable, long fullScans,
                                   int unsettledRegions) {
        List<RegionEstimate> perRegion = new ArrayList<>(regions.size());
        long tracked = 0;
        long zero = 0;
        long volatilePages = 0;
        long unscanned = 0;
        for (TrackedRegion r : regions) {
            double duplicate = 0;
            long rZero = 0;
            long rVolatile = 0;
            long rUnscanned = 0;
            for (int p = 0; p < r.pages; p++) {
                long links = ItemTable.links(r, p);
                switch (ItemTable.state(links)) {
                    case ItemTable.NEW -> rUnscanned++;
                    case ItemTable.ZERO -> rZero++;
                    case ItemTable.VOLATILE -> rVolatile++;
                    case ItemTable.MERGED -> {
                        int m = stable.mappers(ItemTable.link(links));
                        duplicate += (m - 1) / (double) m;
                    }
                    default -> {
                        // SEEN and CANDIDATE pages are unique as far as the scanner knows
                    }
                }
            }
            long rDuplicate = Math.round(duplicate);
            perRegion.add(region(r.id, r.pages, rDuplicate, rZero, rVolatile, rUnscanned));
            tracked += r.pages;
            zero += rZero;
            volatilePages += rVolatile;
            unscanned += rUnscanned;
        }
        RegionEstimate total = region(-1, tracked, stable.sharing(), zero, volatilePages, unscanned);
        return new EstimateReport(total, perRegion, stable.shared() * PageSource.PAGE_BYTES, fullScans,
                unsettledRegions);
    }

    private static RegionEstimate region(int id, long pages, long duplicate, long zero, long volatilePages,
                                         long unscanned) {
        long unique = pages - duplicate - zero - volatilePages - unscanned;
        long page = PageSource.PAGE_BYTES;
        return new RegionEstimate(id, pages * page, duplicate * page, zero * page, volatilePages * page,
                unique * page, unscanned * page);
    }
}
