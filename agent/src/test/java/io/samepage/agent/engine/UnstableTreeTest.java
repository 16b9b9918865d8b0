package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The checksum gate and the unstable tree: KSM digest §8 items 7 to 11. */
class UnstableTreeTest {

    @Test
    void pagesRewrittenBetweenVisitsNeverEnterTheUnstableTree() {
        Rig rig = new Rig();
        int region = rig.region(Pages.random(1), Pages.random(2));
        for (int pass = 0; pass < 5; pass++) {
            rig.memory.write(region, 0, Pages.random(100 + pass));
            DedupStats s = rig.scan(1);
            if (pass > 0) {
                assertEquals(1, s.pagesUnshared(), "only the page that held still is a candidate");
                assertEquals(1, s.pagesVolatile(), "the rewritten page is volatile");
            }
        }
        assertEquals(1, rig.engine.stateCounts()[ItemTable.VOLATILE]);
        assertEquals(4, rig.engine.work().unstableLookups(), "one search-or-insert a pass, for the stable page only");
    }

    @Test
    void aVolatilePageEqualToAFrameStillMerges() {
        Rig rig = new Rig();
        byte[] content = Pages.random(3);
        int region = rig.region(content, content, Pages.random(4));
        rig.scan(2);
        rig.memory.write(region, 2, content);

        DedupStats s = rig.scan(1);
        assertEquals(2, s.pagesSharing(), "the stable search runs before the checksum gate");
        assertEquals(rig.memory.frameOf(region, 0), rig.memory.frameOf(region, 2));
    }

    @Test
    void aFirstVisitRecordsTheChecksumOnly() {
        Rig rig = new Rig();
        byte[] content = Pages.random(5);
        rig.region(content, content, Pages.random(6));

        DedupStats s = rig.scan(1);
        assertEquals(0, s.pagesUnshared());
        assertEquals(0, s.pagesShared(), "not even a twin seen in the same pass merges on a first visit");
        assertEquals(0, rig.engine.work().unstableLookups(), "mainline: not searched either");
        assertEquals(3, rig.engine.work().checksumChecks());
        assertEquals(3, s.pagesVolatile(), "seen once: counted volatile, as the kernel does");
    }

    @Test
    void theUnstableTreeIsFlushedEveryPass() {
        int n = 301;
        Rig rig = new Rig(b -> b.pagesPerBatch(7));
        byte[][] pages = new byte[n][];
        for (int i = 0; i < n; i++) {
            pages[i] = Pages.random(1000 + i);
        }
        rig.region(pages);

        long steps = 0;
        for (int pass = 1; pass <= 4; pass++) {
            long before = rig.engine.stats().fullScans();
            while (rig.engine.stats().fullScans() == before) {
                rig.engine.step();
                steps++;
            }
            assertEquals(before + 1, rig.engine.stats().fullScans(), "exactly one per pass");
            DedupStats s = rig.consistentStats();
            assertEquals(pass == 1 ? 0 : n, s.pagesUnshared(), "this pass's insertions only, not accumulated");
        }
        assertEquals(4 * ((n + 6) / 7), steps);

        rig.engine.resetWork();
        rig.engine.setPagesPerBatch(1);
        rig.engine.step();
        WorkCounters w = rig.engine.work();
        assertEquals(1, w.unstableLookups());
        assertEquals(0, w.unstableComparisons(), "last pass's candidates are unreachable: the tree is empty");
        assertEquals(1, rig.engine.validateTrees()[1]);
    }

    @Test
    void aKeyChangedAfterInsertionNeverCausesAWrongMerge() {
        int n = 1024;
        // A constant hash puts every candidate on one chain, compared by content alone, so changed pages are met.
        Rig rig = new Rig(b -> b.hasher(Pages.CONSTANT_HASHER).pagesPerBatch(64));
        byte[][] pages = new byte[n][];
        for (int i = 0; i < n; i++) {
            pages[i] = Pages.tail(i * 2L);
        }
        int region = rig.region(pages);
        rig.scan(1);
        SplittableRandom random = new SplittableRandom(7);
        // Pass 2: after each batch, rewrite some already inserted candidates with contents still to come.
        long fullScans = rig.engine.stats().fullScans();
        while (rig.engine.stats().fullScans() == fullScans) {
            rig.engine.step();
            for (int k = 0; k < 8; k++) {
                int victim = random.nextInt(n);
                rig.memory.write(region, victim, Pages.tail(random.nextInt(n) * 2L + (k % 2)));
            }
            rig.consistentStats();
        }
        for (int p = 0; p < n; p++) {
            int frame = rig.memory.frameOf(region, p);
            if (rig.memory.mappersOf(frame) > 1) {
                assertArrayEquals(rig.memory.frameBytes(frame), rig.memory.contentOf(region, p));
            }
        }
        int worst = rig.engine.work().maxComparisonsPerLookup();
        assertTrue(worst <= HashChains.MAX_STEPS, worst + " comparisons > the walk bound " + HashChains.MAX_STEPS);
    }
}
