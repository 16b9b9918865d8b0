package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** max_page_sharing, chains, dups and pruning: KSM digest §8 items 16 to 20. */
class SharingLimitTest {

    @ParameterizedTest(name = "M={0} K={1}")
    @CsvSource({"2,5", "2,2", "2,3", "2,8", "3,7", "3,8", "3,10", "4,6", "4,4", "5,23", "256,40"})
    void kIdenticalPagesSettleToThePredictedFrames(int m, int k) {
        Rig rig = new Rig(b -> b.maxPageSharing(m));
        byte[] content = Pages.random(m * 1000L + k);
        byte[][] pages = new byte[k][];
        for (int i = 0; i < k; i++) {
            pages[i] = content;
        }
        int region = rig.region(pages);

        int r = k % m;
        long frames = k / m + (r >= 2 ? 1 : 0);
        long sharing = k - frames - (r == 1 ? 1 : 0);
        for (int passes = 2; passes <= 4; passes++) {
            DedupStats s = passes == 2 ? rig.scan(2) : rig.scan(1);
            assertEquals(frames, s.pagesShared(), "pages_shared after " + passes + " passes");
            assertEquals(sharing, s.pagesSharing(), "pages_sharing");
            assertEquals(r == 1 ? 1 : 0, s.pagesUnshared(), "a single leftover page stays unmerged");
            assertEquals(frames >= 2 ? 1 : 0, s.stableNodeChains(), "chains count contents with two or more frames");
            assertEquals(frames >= 2 ? frames : 0, s.stableNodeDups());
            assertTrue(s.pagesShared() == 0 || s.pagesSharing() <= (m - 1) * s.pagesShared(), "sharing/shared <= M-1");
        }
        Map<Integer, Integer> mappers = new HashMap<>();
        for (int p = 0; p < k; p++) {
            mappers.merge(rig.memory.frameOf(region, p), 1, Integer::sum);
            assertArrayEquals(content, rig.memory.contentOf(region, p));
        }
        for (int count : mappers.values()) {
            assertTrue(count <= m, "no frame has more than M mappers: " + mappers);
        }
    }

    @Test
    void theKernelsExample() {
        Rig rig = new Rig(b -> b.maxPageSharing(2));
        byte[] content = Pages.random(5);
        rig.region(content, content, content, content, content);
        DedupStats s = rig.scan(2);
        assertEquals(2, s.pagesShared());
        assertEquals(2, s.pagesSharing());
        assertEquals(1, s.pagesUnshared());
        assertEquals(1, s.stableNodeChains());
        assertEquals(2, s.stableNodeDups());
    }

    @Test
    void changingTheLimitIsRefusedWhileFramesAreShared() {
        Rig rig = new Rig(b -> b.maxPageSharing(2));
        byte[] content = Pages.random(6);
        int region = rig.region(content, content, content, content);
        rig.scan(2);
        assertEquals(2, rig.engine.stats().pagesShared());

        assertFalse(rig.engine.setMaxPageSharing(8), "busy");
        assertEquals(2, rig.engine.maxPageSharing());
        assertThrows(IllegalArgumentException.class, () -> rig.engine.setMaxPageSharing(1));

        assertTrue(rig.engine.setRunState(RunState.UNMERGE));
        assertTrue(rig.engine.setMaxPageSharing(8), "accepted after unmerge-all");
        rig.engine.setRunState(RunState.RUN);
        DedupStats s = rig.scan(2);
        assertEquals(1, s.pagesShared());
        assertEquals(3, s.pagesSharing());
        assertEquals(0, s.stableNodeChains());
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(content, rig.memory.contentOf(region, p));
        }
    }

    @Test
    void aChainWithOneLiveDupCollapsesAfterThePruneInterval() {
        AtomicLong clock = new AtomicLong(1_000_000);
        Rig rig = new Rig(b -> b.maxPageSharing(2).clockMillis(clock::get).pruneIntervalMillis(2000));
        byte[] content = Pages.random(7);
        int region = rig.region(content, content, content, content);
        DedupStats s = rig.scan(2);
        assertEquals(1, s.stableNodeChains());
        assertEquals(2, s.stableNodeDups());

        // Both mappers of one frame write: that dup loses its mappers and its frame.
        int frame = rig.memory.frameOf(region, 3);
        for (int p = 0; p < 4; p++) {
            if (rig.memory.frameOf(region, p) == frame) {
                rig.memory.write(region, p, Pages.random(100 + p));
            }
        }
        s = rig.scan(1);
        assertEquals(1, s.pagesShared(), "the emptied dup no longer counts as shared");
        assertEquals(1, s.pagesSharing());
        assertEquals(1, s.stableNodeChains(), "but stays on its chain until pruned");
        assertEquals(2, s.stableNodeDups());

        clock.addAndGet(1999);
        s = rig.scan(1);
        assertEquals(1, s.stableNodeChains(), "lookups touched the chain, but the interval has not passed");
        assertEquals(2, s.stableNodeDups());

        clock.addAndGet(1);
        s = rig.scan(1);
        assertEquals(0, s.stableNodeChains(), "collapsed to a plain node");
        assertEquals(0, s.stableNodeDups());
        assertEquals(1, s.pagesShared());
        assertEquals(1, s.pagesSharing());
        assertEquals(1, rig.engine.validateTrees()[0]);
    }

    @Test
    void aChainWhoseFramesAreAllGoneLeavesTheTree() {
        AtomicLong clock = new AtomicLong(0);
        Rig rig = new Rig(b -> b.maxPageSharing(2).clockMillis(clock::get));
        byte[] content = Pages.random(8);
        int region = rig.region(content, content, content, content);
        rig.scan(2);
        for (int p = 0; p < 4; p++) {
            rig.memory.write(region, p, Pages.random(200 + p));
        }
        DedupStats s = rig.scan(1);
        assertEquals(0, s.pagesShared());
        assertEquals(0, s.pagesSharing());
        // The last walk found no frame left to compare against: the chain left the tree without waiting.
        assertEquals(0, s.stableNodeChains());
        assertEquals(0, s.stableNodeDups());
        assertEquals(0, rig.engine.footprint().stableNodes());
    }

    @Test
    void aHitTakesTheHeadDupUnlessAPruneJustReadThemAll() {
        for (boolean pruneDue : new boolean[] {false, true}) {
            AtomicLong clock = new AtomicLong(0);
            Rig rig = new Rig(b -> b.maxPageSharing(4).clockMillis(clock::get));
            byte[] content = Pages.random(9);
            int probe = rig.region(Pages.random(10));
            byte[][] pages = new byte[8][];
            for (int p = 0; p < 8; p++) {
                pages[p] = content;
            }
            int region = rig.region(pages);
            rig.scan(2);
            int older = rig.memory.frameOf(region, 0);
            int newer = rig.memory.frameOf(region, 7);
            // Leave the newer frame (the head of the chain's list) with 2 mappers, the older with 3.
            rig.memory.write(region, 6, Pages.random(11));
            rig.memory.write(region, 7, Pages.random(12));
            rig.memory.write(region, 0, Pages.random(13));
            rig.scan(1);
            assertEquals(3, rig.memory.mappersOf(older));
            assertEquals(2, rig.memory.mappersOf(newer));

            rig.memory.write(probe, 0, content);
            if (pruneDue) {
                clock.addAndGet(StableTree.DEFAULT_PRUNE_INTERVAL_MILLIS);
            }
            rig.scan(1);
            assertEquals(pruneDue ? older : newer, rig.memory.frameOf(probe, 0),
                    pruneDue ? "after a prune: the fullest dup, packing frames" : "no prune due: the head dup");
        }
    }

    @Test
    void aContentWithAThousandFramesStillSettles() {
        Rig rig = new Rig(b -> b.maxPageSharing(2));
        byte[] content = Pages.random(12);
        byte[][] pages = new byte[2001][];
        for (int p = 0; p < pages.length; p++) {
            pages[p] = content;
        }
        rig.region(pages);
        DedupStats s = rig.scan(3);
        assertEquals(1000, s.pagesShared());
        assertEquals(1000, s.pagesSharing());
        assertEquals(1, s.pagesUnshared());
        assertEquals(1000, s.stableNodeDups());
    }
}
