package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The shape of the costs: KSM digest §8 items 13 and 14 (and the height bound of item 11), measured in index
 * comparisons and full-page compares, which is what keying both trees by hash is for.
 */
class CostTest {

    private static final int[] SIZES = {1024, 2048, 4096};

    /** Comparisons and full compares per lookup of one pass of inserts, then one pass of stable hits. */
    private record Costs(double unstableComparisons, double unstableFullCompares, int maxComparisons,
                         double stableComparisons, double stableFullCompares) {
    }

    private static Costs worstCase(int n, PageHasher hasher, boolean allMerge) {
        // KSM's benchmark worst case: pages differ only in their last 8 bytes.
        byte[][] pages = new byte[n][];
        for (int i = 0; i < n; i++) {
            pages[i] = Pages.tail(i + 1);
        }
        Rig rig = new Rig(b -> b.hasher(hasher).pagesPerBatch(512));
        rig.region(pages);
        rig.scan(1);
        rig.engine.resetWork();
        rig.scan(1);
        WorkCounters inserts = rig.engine.work();
        assertEquals(n, inserts.unstableLookups());

        // A second copy pairs every page into a frame; a third copy then hits the stable tree of n frames, on its
        // first visit, since the stable search comes before the checksum gate.
        rig.region(pages);
        rig.scan(2);
        rig.region(pages);
        rig.engine.resetWork();
        DedupStats s = rig.scan(1);
        WorkCounters hits = rig.engine.work();
        if (allMerge) {
            assertEquals(n, s.pagesShared());
            assertEquals(2L * n, s.pagesSharing());
        }
        long lookups = hits.stableLookups();
        return new Costs((double) inserts.unstableComparisons() / n, (double) inserts.fullPageCompares() / n,
                inserts.maxComparisonsPerLookup(), (double) hits.stableComparisons() / lookups,
                (double) hits.fullPageCompares() / lookups);
    }

    @Test
    void worstCaseLookupsCostAboutOneComparisonAndOneFullCompareWhateverN() {
        Costs[] costs = new Costs[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            int n = SIZES[i];
            costs[i] = worstCase(n, PageHasher.standard(), true);
            assertTrue(costs[i].unstableComparisons() <= 2, n + ": " + costs[i]);
            assertTrue(costs[i].maxComparisons() <= 12, n + ": " + costs[i]);
            assertTrue(costs[i].unstableFullCompares() < 0.01, "distinct hashes: no page compared, " + costs[i]);
            assertTrue(costs[i].stableFullCompares() <= 1.01, "about one full compare per hit, " + costs[i]);
            assertTrue(costs[i].stableComparisons() <= 2, n + ": " + costs[i]);
        }
        double grownUnstable = costs[SIZES.length - 1].unstableComparisons() - costs[0].unstableComparisons();
        double grownStable = costs[SIZES.length - 1].stableComparisons() - costs[0].stableComparisons();
        assertTrue(Math.abs(grownUnstable) < 0.5, "4x the pages, no more comparisons: " + grownUnstable);
        assertTrue(Math.abs(grownStable) < 0.5, "4x the pages, no more comparisons: " + grownStable);
    }

    @Test
    void withoutAUsefulHashEveryStepComparesAWholePageButWalksStayBounded() {
        Costs costs = worstCase(1024, Pages.CONSTANT_HASHER, false);
        assertTrue(costs.unstableFullCompares() > 8, "a full compare at every step: " + costs);
        assertTrue(costs.stableFullCompares() > 8, "a full compare at every step: " + costs);
        assertTrue(costs.maxComparisons() <= HashChains.MAX_STEPS, "equal hashes cannot force more: " + costs);
    }

    @Test
    void bestCaseCostsOneComparisonAtTheStableRootAndNoChecksums() {
        int n = 2000;
        byte[] content = Pages.random(42);
        byte[][] pages = new byte[n][];
        for (int i = 0; i < n; i++) {
            pages[i] = content;
        }
        Rig rig = new Rig(b -> b.maxPageSharing(1 << 20).pagesPerBatch(500));
        rig.region(pages);
        rig.scan(1);
        rig.engine.resetWork();
        DedupStats s = rig.scan(1);
        WorkCounters merging = rig.engine.work();
        assertEquals(n - 1, s.pagesSharing());
        assertEquals(2, merging.checksumChecks(), "only the first pair reached the checksum gate");
        assertEquals(n + 1, merging.stableLookups(), "one search per page, plus the pair's insert");
        assertEquals(n - 2, merging.stableComparisons(), "one comparison, at the root, per page after the pair");
        assertEquals(n, merging.hashes(), "one hash per page: it is the search key and the checksum at once");

        rig.engine.resetWork();
        rig.scan(1);
        WorkCounters steady = rig.engine.work();
        assertEquals(0, steady.hashes(), "merged pages are not hashed again");
        assertEquals(0, steady.checksumChecks());
        assertEquals(0, steady.stableLookups());
    }
}
