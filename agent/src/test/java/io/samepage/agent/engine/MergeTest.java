package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Core merge and copy-on-write: KSM digest §8 items 1, 2, 3, 5, 12, 27, 29 and the verify-after-protect rule. */
class MergeTest {

    @Test
    void identicalPagesInTwoRegionsMergeWithinTwoPasses() {
        Rig rig = new Rig();
        byte[] content = Pages.random(1);
        int a = rig.region(content);
        int b = rig.region(content);

        DedupStats first = rig.scan(1);
        assertEquals(0, first.pagesShared(), "the first pass only records checksums");
        assertEquals(0, first.pagesUnshared(), "and inserts nothing");

        DedupStats second = rig.scan(1);
        assertEquals(1, second.pagesShared());
        assertEquals(1, second.pagesSharing());
        assertEquals(rig.memory.frameOf(a, 0), rig.memory.frameOf(b, 0), "one frame");
        assertArrayEquals(content, rig.memory.contentOf(a, 0));
        assertArrayEquals(content, rig.memory.contentOf(b, 0));
        assertEquals(1, rig.memory.liveFrames());
    }

    @Test
    void nIdenticalPagesShareOneFrameAndFreeNMinusOne() {
        int n = 40;
        Rig rig = new Rig();
        byte[][] pages = new byte[n][];
        for (int i = 0; i < n; i++) {
            pages[i] = Pages.random(7);
        }
        int region = rig.region(pages);
        assertEquals(n, rig.memory.liveFrames());

        DedupStats s = rig.scan(2);
        assertEquals(1, s.pagesShared());
        assertEquals(n - 1, s.pagesSharing());
        assertEquals(1, rig.memory.liveFrames(), "freed frames = N - 1");
        for (int p = 0; p < n; p++) {
            assertArrayEquals(pages[p], rig.memory.contentOf(region, p));
        }
    }

    @Test
    void writeAfterMergeCopiesOnWriteAndSharingDropsOnTheNextVisit() {
        Rig rig = new Rig();
        byte[] content = Pages.random(3);
        int region = rig.region(content, content, content);
        rig.scan(2);
        int frame = rig.memory.frameOf(region, 0);
        assertEquals(2, rig.engine.stats().pagesSharing());

        byte[] written = Pages.random(4);
        rig.memory.write(region, 1, written);
        assertArrayEquals(written, rig.memory.contentOf(region, 1), "the writer sees its bytes");
        assertArrayEquals(content, rig.memory.contentOf(region, 0), "the other mappers see the old bytes");
        assertArrayEquals(content, rig.memory.frameBytes(frame), "the shared frame never changes");
        assertNotEquals(frame, rig.memory.frameOf(region, 1));
        assertEquals(2, rig.engine.stats().pagesSharing(), "noticed lazily: on the scanner's next visit");

        DedupStats s = rig.scan(1);
        assertEquals(1, s.pagesShared());
        assertEquals(1, s.pagesSharing(), "sharing dropped by one");
        assertEquals(1, rig.engine.work().copyOnWriteBreaks());
    }

    @Test
    void frameLeftWithOneMapperStillCountsAsShared() {
        Rig rig = new Rig();
        byte[] content = Pages.random(5);
        int region = rig.region(content, content);
        rig.scan(2);
        rig.memory.write(region, 0, Pages.random(6));

        DedupStats s = rig.scan(1);
        assertEquals(1, s.pagesShared());
        assertEquals(0, s.pagesSharing());
    }

    @Test
    void equalHashesWithDifferentBytesNeverMerge() {
        Rig rig = new Rig(b -> b.hasher(Pages.CONSTANT_HASHER));
        byte[][] pages = new byte[64][];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = i % 2 == 0 ? Pages.random(i) : Pages.tail(i);
        }
        pages[10] = pages[20].clone();
        int region = rig.region(pages);

        DedupStats s = rig.scan(4);
        assertEquals(1, s.pagesShared(), "only the one byte-equal pair merged");
        assertEquals(1, s.pagesSharing());
        assertEquals(rig.memory.frameOf(region, 10), rig.memory.frameOf(region, 20));
        for (int p = 0; p < pages.length; p++) {
            assertArrayEquals(pages[p], rig.memory.contentOf(region, p));
        }
    }

    @Test
    void absentPagesAreSkippedAndNeverMaterialised() {
        Rig rig = new Rig();
        int region = rig.memory.addRegion(200);
        byte[] content = Pages.random(8);
        for (int p = 0; p < 200; p += 3) {
            rig.memory.write(region, p, content);
        }
        long materialised = rig.memory.materialised();
        rig.engine.addRegion(region, 200);

        DedupStats s = rig.scan(3);
        assertEquals(materialised, rig.memory.materialised(), "no page materialised");
        assertEquals(0, rig.memory.absentReads(), "no absent page read");
        for (int p = 0; p < 200; p++) {
            assertEquals(p % 3 != 0, rig.memory.isAbsent(region, p));
        }
        assertEquals(67, s.items(), "only present pages are items");
        assertEquals(66, s.pagesSharing());
        assertEquals(3 * 133, rig.engine.work().absentPages());
    }

    @Test
    void mergedPageThatGoesAbsentLeavesItsFrame() {
        Rig rig = new Rig();
        byte[] content = Pages.random(9);
        int region = rig.region(content, content, content);
        rig.scan(2);
        rig.memory.discard(region, 2);

        DedupStats s = rig.scan(1);
        assertEquals(1, s.pagesSharing());
        assertEquals(2, s.items());
    }

    @Test
    void failedPairRollsBackTheFirstPage() {
        Rig rig = new Rig();
        byte[] content = Pages.random(10);
        int region = rig.region(content, content);
        rig.scan(1);
        rig.merger.failPartnerOfNextPairs(1);

        DedupStats s = rig.scan(1);
        assertEquals(0, s.pagesShared());
        assertEquals(1, rig.engine.work().mergeFailures());
        for (int p = 0; p < 2; p++) {
            int frame = rig.memory.frameOf(region, p);
            assertFalse(rig.memory.isWriteProtected(frame), "page " + p + " is private and writable again");
            assertEquals(1, rig.memory.mappersOf(frame));
        }
        assertEquals(2, rig.memory.liveFrames(), "no frame left with one mapper by the failed pair");

        s = rig.scan(1);
        assertEquals(1, s.pagesShared(), "merged on a later pass");
        assertEquals(1, s.pagesSharing());
    }

    @Test
    void aWriteBetweenProtectionAndCompareCancelsThePair() {
        Rig rig = new Rig();
        byte[] content = Pages.random(11);
        int region = rig.region(content, content);
        rig.scan(1);
        byte[] racing = Pages.random(12);
        rig.merger.raceNextMerge(() -> rig.memory.write(region, 0, racing));

        DedupStats s = rig.scan(1);
        assertEquals(0, s.pagesShared(), "the partner changed after the tree compare: no merge");
        assertArrayEquals(racing, rig.memory.contentOf(region, 0));
        assertArrayEquals(content, rig.memory.contentOf(region, 1));
    }

    @Test
    void aPairThatChangedAlikeBeforeProtectionIsKeyedByItsNewContent() {
        Rig rig = new Rig(b -> b.pagesPerBatch(2));
        byte[] before = Pages.random(16);
        byte[] after = Pages.random(17);
        int region = rig.region(before, before, after, before);
        rig.scan(1);
        // Both halves of the pair are rewritten between the scanner's read and the merger's protection: the merge
        // is right (they are equal), and the stable node must be found by the new bytes' hash.
        rig.merger.changeBeforeNextPair(() -> {
            rig.memory.write(region, 0, after);
            rig.memory.write(region, 1, after);
        });
        rig.engine.resetWork();
        rig.engine.step();
        assertEquals(rig.memory.frameOf(region, 0), rig.memory.frameOf(region, 1));
        assertEquals(2 + 1, rig.engine.work().hashes(), "two pages, and the frame hashed again");
        rig.engine.fullScan();

        DedupStats s = rig.consistentStats();
        assertEquals(1, s.pagesShared());
        assertEquals(2, s.pagesSharing(), "page 2 (the new bytes) hit the frame; page 3 (the old ones) did not");
        assertEquals(rig.memory.frameOf(region, 0), rig.memory.frameOf(region, 2));
        assertArrayEquals(before, rig.memory.contentOf(region, 3));
    }

    @Test
    void aWriteToTheProtectedPageCancelsAStableMerge() {
        Rig rig = new Rig();
        byte[] content = Pages.random(13);
        int region = rig.region(content, content, content);
        rig.scan(1);
        // Pass 2 pairs pages 0 and 1; page 2 then hits the stable tree, and its owner writes during the merge.
        byte[] racing = Pages.random(14);
        rig.engine.setPagesPerBatch(2);
        rig.engine.step();
        rig.merger.raceNextMerge(() -> rig.memory.write(region, 2, racing));
        rig.engine.fullScan();

        DedupStats s = rig.consistentStats();
        assertEquals(1, s.pagesSharing());
        assertArrayEquals(racing, rig.memory.contentOf(region, 2), "the write landed in a private copy");
    }

    @Test
    void zeroPagesMapTheZeroFrameAndCopyOnWrite() {
        Rig rig = new Rig();
        int region = rig.region(Pages.zero(), Pages.zero(), Pages.zero(), Pages.random(15));
        DedupStats first = rig.scan(1);
        assertEquals(0, first.zeroPages(), "zero pages too wait for a second look");

        DedupStats s = rig.scan(1);
        assertEquals(3, s.zeroPages());
        assertEquals(0, s.pagesShared(), "zero pages are not in the stable tree");
        for (int p = 0; p < 3; p++) {
            assertEquals(SimulatedMemory.ZERO, rig.memory.frameOf(region, p));
        }
        assertEquals(1, rig.memory.liveFrames());

        rig.memory.writeLong(region, 1, 0, 99);
        assertEquals(99, java.nio.ByteBuffer.wrap(rig.memory.contentOf(region, 1)).getLong(0));
        assertArrayEquals(Pages.zero(), rig.memory.contentOf(region, 0));
        s = rig.scan(1);
        assertEquals(2, s.zeroPages());
        assertEquals(2L * PageSource.PAGE_BYTES, rig.engine.estimate().total().zeroBytes());
    }
}
