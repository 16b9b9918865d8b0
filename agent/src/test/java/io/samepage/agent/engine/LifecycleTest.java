package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counters, run states and region lifecycles: KSM digest §8 items 21 to 25 and 28. */
class LifecycleTest {

    @Test
    void countersStayConsistentUnderRandomWrites() {
        SplittableRandom random = new SplittableRandom(21);
        Rig rig = new Rig(b -> b.maxPageSharing(3).pagesPerBatch(37));
        int[] regions = new int[4];
        for (int r = 0; r < regions.length; r++) {
            byte[][] pages = new byte[150][];
            for (int p = 0; p < pages.length; p++) {
                pages[p] = content(random);
            }
            regions[r] = rig.region(pages);
        }
        for (int round = 0; round < 400; round++) {
            rig.engine.step();
            for (int w = 0; w < 3; w++) {
                int r = regions[random.nextInt(regions.length)];
                int p = random.nextInt(150);
                if (random.nextInt(10) == 0) {
                    rig.memory.discard(r, p);
                } else {
                    rig.memory.write(r, p, content(random));
                }
            }
            DedupStats s = rig.consistentStats();
            assertTrue(s.pagesShared() == 0 || s.pagesSharing() <= 2 * s.pagesShared());
        }
        // With writes stopped, a full pass makes the engine's view exact: saved frames = sharing + zero pages.
        rig.scan(2);
        DedupStats s = rig.consistentStats();
        assertTrue(s.pagesSharing() > 50, "the workload merges: " + s);
        long present = 0;
        for (int r : regions) {
            for (int p = 0; p < 150; p++) {
                present += rig.memory.isAbsent(r, p) ? 0 : 1;
            }
        }
        assertEquals(present - s.pagesSharing() - s.zeroPages(), rig.memory.liveFrames());
    }

    /** A small alphabet of contents, so pages keep colliding into shared frames; zero pages among them. */
    private static byte[] content(SplittableRandom random) {
        int kind = random.nextInt(12);
        return kind == 0 ? Pages.zero() : Pages.random(kind);
    }

    @Test
    void aFrameWhoseMappersAreAllGoneLeavesTheStableTree() {
        Rig rig = new Rig();
        byte[] content = Pages.random(22);
        int region = rig.region(content, content, content);
        rig.scan(2);
        assertEquals(1, rig.engine.footprint().stableNodes());
        for (int p = 0; p < 3; p++) {
            rig.memory.write(region, p, Pages.random(300 + p));
        }
        DedupStats s = rig.scan(1);
        assertEquals(0, s.pagesShared());
        assertEquals(0, s.pagesSharing());
        assertEquals(0, rig.engine.footprint().stableNodes());
        assertEquals(3, rig.memory.liveFrames(), "the frame was released once its last mapper left");
    }

    @Test
    void stopKeepsMergesRunResumesUnmergeGivesPrivateCopies() {
        Rig rig = new Rig();
        byte[] a = Pages.random(23);
        byte[] z = Pages.zero();
        int region = rig.region(a, a, a, z, z, Pages.random(24));
        rig.scan(2);
        assertEquals(2, rig.engine.stats().pagesSharing());
        assertEquals(2, rig.engine.stats().zeroPages());

        assertTrue(rig.engine.setRunState(RunState.STOP));
        rig.memory.write(region, 5, a);
        assertEquals(0, rig.engine.step());
        assertFalse(rig.engine.fullScan());
        assertEquals(2, rig.engine.stats().pagesSharing(), "stop keeps merges");

        rig.engine.setRunState(RunState.RUN);
        assertEquals(3, rig.scan(1).pagesSharing(), "run resumes");

        rig.merger.failNextUnmerges(1);
        assertFalse(rig.engine.setRunState(RunState.UNMERGE), "one page could not be unmerged yet");
        assertTrue(rig.engine.stats().pagesShared() > 0);
        assertEquals(0, rig.engine.step(), "scans nothing, retries the unmerge");
        DedupStats s = rig.consistentStats();
        assertEquals(0, s.pagesShared());
        assertEquals(0, s.pagesSharing());
        assertEquals(0, s.zeroPages());
        assertEquals(0, rig.engine.footprint().stableNodes(), "the stable tree is empty");
        assertEquals(1, s.regions(), "regions stay registered");
        assertEquals(6, rig.memory.liveFrames(), "every page has a private frame");
        for (int p = 0; p < 6; p++) {
            assertFalse(rig.memory.isWriteProtected(rig.memory.frameOf(region, p)));
            assertArrayEquals(p < 3 || p == 5 ? a : z, rig.memory.contentOf(region, p), "content intact");
        }
        assertEquals(0, rig.engine.step());

        rig.engine.setRunState(RunState.RUN);
        assertEquals(3, rig.scan(1).pagesSharing(), "merges again: the checksums survived the unmerge");
    }

    @Test
    void aRemovedRegionIsNeverTouchedAgainAndLeavesNoMetadata() {
        // A constant hash makes every lookup read candidates' pages: a forgotten candidate would be read.
        Rig rig = new Rig(b -> b.hasher(Pages.CONSTANT_HASHER).pagesPerBatch(16));
        byte[] shared = Pages.random(25);
        byte[][] doomedPages = new byte[64][];
        byte[][] otherPages = new byte[64][];
        for (int p = 0; p < 64; p++) {
            doomedPages[p] = p < 4 ? shared : Pages.random(400 + p);
            otherPages[p] = p < 2 ? shared : Pages.random(500 + p);
        }
        int doomed = rig.region(doomedPages);
        int kept = rig.region(otherPages);
        rig.scan(1);
        MetadataFootprint before = rig.engine.footprint();
        // Mid-pass: the doomed region's pages are merged (4 of them) or live candidates of the unstable tree.
        for (int i = 0; i < 4; i++) {
            rig.engine.step();
        }
        DedupStats mid = rig.consistentStats();
        assertEquals(1, mid.pagesShared());
        assertEquals(3, mid.pagesSharing());
        assertEquals(60, mid.pagesUnshared());

        rig.memory.removeRegion(doomed);
        rig.engine.removeRegion(doomed);
        rig.scan(3);

        assertEquals(0, rig.memory.touchesAfterRemoval(), "never touched after removal");
        DedupStats s = rig.consistentStats();
        assertEquals(1, s.regions());
        assertEquals(64, s.trackedPages());
        assertEquals(1, s.pagesShared(), "the two pages of the other region still share the frame");
        assertEquals(1, s.pagesSharing());
        assertEquals(62, s.pagesUnshared());
        assertEquals(before.itemBytes() / 2, rig.engine.footprint().itemBytes(), "its items are gone");
        assertEquals(1, rig.engine.footprint().stableNodes());
        assertTrue(rig.merger.removedRegions().contains(doomed));
        assertEquals(64, rig.memory.liveFrames() + 1, "63 private frames + the shared one");
        assertArrayEquals(shared, rig.memory.contentOf(kept, 0));
    }

    @Test
    void aRegionThatVanishesUnannouncedIsDroppedOnFirstContact() {
        Rig rig = new Rig(b -> b.hasher(Pages.CONSTANT_HASHER).pagesPerBatch(10));
        byte[] shared = Pages.random(26);
        int gone = rig.region(shared, shared, Pages.random(27), Pages.random(28));
        int kept = rig.region(shared, Pages.random(29), Pages.random(30));
        rig.scan(2);
        assertEquals(2, rig.engine.stats().pagesSharing());

        rig.memory.removeRegion(gone);
        rig.scan(3);
        assertEquals(1, rig.memory.touchesAfterRemoval(), "one touch found it gone, none after");
        DedupStats s = rig.consistentStats();
        assertEquals(1, s.regions());
        assertEquals(1, s.pagesShared(), "the kept page still maps the frame");
        assertEquals(0, s.pagesSharing());
        assertEquals(1, rig.engine.work().regionsDropped());
        assertArrayEquals(shared, rig.memory.contentOf(kept, 0));
    }

    @Test
    void aCandidateInAVanishedRegionAbandonsTheLookupThatMetIt() {
        Rig rig = new Rig(b -> b.hasher(Pages.CONSTANT_HASHER).pagesPerBatch(1));
        int gone = rig.region(Pages.random(31));
        int kept = rig.region(Pages.random(32), Pages.random(33));
        rig.scan(1);
        rig.engine.step();
        rig.memory.removeRegion(gone);
        rig.engine.fullScan();
        assertEquals(1, rig.memory.touchesAfterRemoval());
        rig.scan(2);
        assertEquals(1, rig.memory.touchesAfterRemoval());
        DedupStats s = rig.consistentStats();
        assertEquals(2, s.pagesUnshared());
        assertEquals(2, s.trackedPages());
        assertTrue(rig.memory.touches(kept) > 0);
    }

    @Test
    void aNewRegionIsFirstScannedWhenTheCursorComesRoundToIt() {
        Rig rig = new Rig(b -> b.pagesPerBatch(16));
        byte[][] pages = new byte[64][];
        for (int p = 0; p < 64; p++) {
            pages[p] = Pages.random(600 + p);
        }
        rig.region(pages);
        rig.region(pages);
        rig.scan(1);
        for (int i = 0; i < 5; i++) {
            rig.engine.step();
        }
        int late = rig.region(pages);
        rig.engine.fullScan();
        assertEquals(0, rig.memory.touches(late), "placed behind the cursor: not reached this pass");

        for (int i = 0; i < 4; i++) {
            rig.engine.step();
        }
        assertEquals(0, rig.memory.touches(late), "the next pass reaches it after the regions before it");
        rig.engine.step();
        assertTrue(rig.memory.touches(late) > 0);
        rig.engine.fullScan();
        rig.consistentStats();
    }

    @Test
    void aRegionAddedBetweenPassesIsScannedInTheNextOne() {
        Rig rig = new Rig();
        rig.region(Pages.random(34));
        rig.scan(1);
        int added = rig.region(Pages.random(35));
        rig.scan(1);
        assertTrue(rig.memory.touches(added) > 0);
        assertEquals(2, rig.engine.stats().items());
    }
}
