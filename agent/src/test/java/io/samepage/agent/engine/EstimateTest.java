package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@code dedup=estimate}: the {@link EstimatingMerger} and the {@link EstimateReport}. */
class EstimateTest {

    private static final int REGIONS = 4;
    private static final int PAGES = 1024;

    @Test
    void estimateIsWithinOnePercentAfterTwoPasses() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        DedupEngine engine = DedupEngine.builder(memory, merger).pagesPerBatch(256).build();
        int[] regions = new int[REGIONS];
        for (int r = 0; r < REGIONS; r++) {
            regions[r] = memory.addRegion(PAGES);
            engine.addRegion(regions[r], PAGES);
        }
        // Every page slot gets a role: 30% in duplicate groups of 2 to 8 (spread over regions), 15% zero,
        // 10% volatile, 40% unique, 5% never written (absent).
        List<int[]> slots = new ArrayList<>();
        for (int r : regions) {
            for (int p = 0; p < PAGES; p++) {
                slots.add(new int[] {r, p});
            }
        }
        Random random = new Random(6);
        Collections.shuffle(slots, random);
        int total = slots.size();
        int next = 0;
        long duplicateSaved = 0;
        long groups = 0;
        while (next < total * 30 / 100) {
            int size = Math.min(2 + random.nextInt(7), total * 30 / 100 - next);
            if (size < 2) {
                break;
            }
            byte[] content = Pages.random(10_000 + groups);
            for (int i = 0; i < size; i++) {
                int[] slot = slots.get(next++);
                memory.write(slot[0], slot[1], content);
            }
            duplicateSaved += size - 1;
            groups++;
        }
        long zero = total * 15 / 100;
        for (int i = 0; i < zero; i++) {
            int[] slot = slots.get(next++);
            memory.write(slot[0], slot[1], Pages.zero());
        }
        List<int[]> volatileSlots = slots.subList(next, next + total / 10);
        next += volatileSlots.size();
        long unique = total * 40 / 100;
        for (int i = 0; i < unique; i++) {
            int[] slot = slots.get(next++);
            memory.write(slot[0], slot[1], Pages.random(-1 - i));
        }
        long absent = total - next;

        for (int pass = 0; pass < 2; pass++) {
            for (int[] slot : volatileSlots) {
                memory.write(slot[0], slot[1], Pages.random(random.nextLong()));
            }
            assertTrue(engine.fullScan());
        }
        EstimateReport report = engine.estimate();
        RegionEstimate t = report.total();
        long page = PageSource.PAGE_BYTES;
        assertWithinOnePercent(duplicateSaved * page, t.duplicateBytes(), "duplicate");
        assertWithinOnePercent(zero * page, t.zeroBytes(), "zero");
        assertWithinOnePercent(volatileSlots.size() * page, t.volatileBytes(), "volatile");
        assertWithinOnePercent((unique + groups) * page, t.uniqueBytes(), "unique (and one keeper per frame)");
        assertWithinOnePercent(absent * page, t.unscannedBytes(), "absent");
        assertEquals((long) total * page, t.trackedBytes());
        assertEquals(t.trackedBytes(), t.duplicateBytes() + t.zeroBytes() + t.volatileBytes() + t.uniqueBytes()
                + t.unscannedBytes(), "the buckets partition the region");
        assertEquals(groups * page, report.frameBytes());
        assertEquals(groups, merger.framesHeld());

        long regionsDuplicate = 0;
        for (RegionEstimate r : report.regions()) {
            regionsDuplicate += r.duplicateBytes();
            assertEquals(r.trackedBytes(), r.duplicateBytes() + r.zeroBytes() + r.volatileBytes() + r.uniqueBytes()
                    + r.unscannedBytes());
        }
        assertTrue(Math.abs(regionsDuplicate - t.duplicateBytes()) <= REGIONS * page / 2, "regions add up");
        memory.verifyNoWrongContent();
        assertEquals(next, memory.liveFrames(), "the estimating merger changed no memory");
    }

    private static void assertWithinOnePercent(long expected, long actual, String what) {
        assertTrue(Math.abs(actual - expected) <= expected / 100, what + ": estimated " + actual + ", true " + expected);
    }

    @Test
    void aRegionAddedLateIsUnsettledUntilScannedTwice() {
        SimulatedMemory memory = new SimulatedMemory();
        DedupEngine engine = DedupEngine.builder(memory, new EstimatingMerger(memory)).build();
        byte[] content = Pages.random(5);
        int early = memory.addRegion(2);
        memory.write(early, 0, content);
        memory.write(early, 1, Pages.random(6));
        engine.addRegion(early, 2);
        engine.fullScan();
        assertEquals(1, engine.estimate().unsettledRegions());
        engine.fullScan();
        assertEquals(0, engine.estimate().unsettledRegions());

        int late = memory.addRegion(1);
        memory.write(late, 0, content);
        engine.addRegion(late, 1);
        engine.fullScan();
        EstimateReport once = engine.estimate();
        assertEquals(1, once.unsettledRegions(), "three full scans, but the late region was scanned once");
        assertEquals(1, engine.unsettledRegions(), "the same count without building an estimate");
        assertEquals(0, once.total().duplicateBytes(), "its duplicate is not known yet");
        engine.fullScan();
        EstimateReport twice = engine.estimate();
        assertEquals(0, twice.unsettledRegions());
        assertEquals(PageSource.PAGE_BYTES, twice.total().duplicateBytes());
    }

    @Test
    void virtualMergesNoticeWritesByContent() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        DedupEngine engine = DedupEngine.builder(memory, merger).build();
        byte[] content = Pages.random(1);
        int region = memory.addRegion(4);
        for (int p = 0; p < 4; p++) {
            memory.write(region, p, content);
        }
        engine.addRegion(region, 4);
        engine.fullScan();
        engine.fullScan();
        assertEquals(3, engine.stats().pagesSharing());
        assertEquals(4, memory.liveFrames(), "nothing really merged");

        memory.writeLong(region, 2, 100, 7);
        engine.fullScan();
        DedupStats s = engine.stats();
        assertEquals(1, s.pagesShared());
        assertEquals(2, s.pagesSharing(), "the written page left its virtual frame");
        assertEquals(1, engine.work().copyOnWriteBreaks());

        for (int p = 0; p < 4; p++) {
            memory.write(region, p, Pages.random(50 + p));
        }
        engine.fullScan();
        assertEquals(0, engine.stats().pagesShared());
        assertEquals(0, merger.framesHeld(), "virtual frames are released with their last mapper");
        assertArrayEquals(Pages.random(50), memory.contentOf(region, 0));
    }

    @Test
    void estimatingMergerRefusesContentThatDiffersAndGoneRegions() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        int region = memory.addRegion(3);
        byte[] one = Pages.random(1);
        memory.write(region, 0, one);
        memory.write(region, 2, one);
        memory.write(region, 1, Pages.random(2));
        int frame = merger.mergePair(region, 0, region, 2, ByteBuffer.wrap(one), 0, hash(one));
        assertTrue(frame >= 0);
        assertTrue(merger.holds(frame, ByteBuffer.wrap(one), 0), "the frame holds the content");
        assertArrayEquals(one, bytes(merger.frame(frame)));
        assertTrue(merger.mergeInto(frame, region, 2, ByteBuffer.wrap(one), 0, hash(one)));
        byte[] two = Pages.random(2);
        assertFalse(merger.mergeInto(frame, region, 1, ByteBuffer.wrap(two), 0, hash(two)));
        memory.removeRegion(region);
        assertFalse(merger.holds(frame, ByteBuffer.wrap(one), 0), "a gone representative compares with nothing");
        assertFalse(merger.mergeInto(frame, region, 0, ByteBuffer.wrap(one), 0, hash(one)),
                "a gone region merges nothing");
        assertEquals(PageMerger.NO_FRAME, merger.mergePair(region, 0, region, 2, ByteBuffer.wrap(one), 0, hash(one)));
        merger.releaseFrame(frame);
        assertEquals(0, merger.framesHeld());
    }

    @Test
    void aWrittenRepresentativeHandsTheFrameToAnotherMapper() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        int region = memory.addRegion(3);
        byte[] content = Pages.random(3);
        for (int p = 0; p < 3; p++) {
            memory.write(region, p, content);
        }
        int frame = merger.mergePair(region, 0, region, 1, ByteBuffer.wrap(content), 0, hash(content));
        assertTrue(merger.mergeInto(frame, region, 2, ByteBuffer.wrap(content), 0, hash(content)));

        memory.writeLong(region, 0, 8, 42);
        assertFalse(merger.holds(frame, ByteBuffer.wrap(content), 0),
                "compares read the representative's live bytes, and it was written");
        byte[] written = memory.contentOf(region, 0);
        assertFalse(merger.stillMerged(frame, region, 0, ByteBuffer.wrap(written), 0, hash(written)),
                "the fingerprint changed");
        assertFalse(merger.mergeInto(frame, region, 0, ByteBuffer.wrap(written), 0, hash(written)),
                "the representative's new bytes are not the frame's");
        merger.pageLeft(frame, region, 0);
        assertNull(merger.frame(frame), "no representative until a mapper proves the fingerprint");

        assertTrue(merger.stillMerged(frame, region, 2, ByteBuffer.wrap(content), 0, hash(content)));
        assertTrue(merger.holds(frame, ByteBuffer.wrap(content), 0), "page 2 represents the frame now");
        memory.writeLong(region, 0, 8, 0);
        merger.pageLeft(frame, region, 0);
        assertTrue(merger.holds(frame, ByteBuffer.wrap(content), 0), "a non-representative leaving changes nothing");
    }

    @Test
    void estimatingMergerFramesAreSixteenBytesAndReused() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        int region = memory.addRegion(2);
        int count = 10_000;
        int[] frames = new int[count];
        for (int i = 0; i < count; i++) {
            frames[i] = pair(merger, region, Pages.random(100 + i));
        }
        assertTrue(merger.metadataBytes() <= count * 16L * 3 / 2 + count * 4L, merger.metadataBytes() + " bytes");
        merger.releaseFrame(frames[7]);
        byte[] other = Pages.random(9999);
        int reused = pair(merger, region, other);
        assertEquals(frames[7], reused, "a released frame's number is reused");
        assertTrue(merger.stillMerged(reused, region, 0, ByteBuffer.wrap(other), 0, hash(other)));
        byte[] neighbour = Pages.random(108);
        assertTrue(merger.stillMerged(frames[8], region, 0, ByteBuffer.wrap(neighbour), 0, hash(neighbour)),
                "its neighbour is untouched");
        assertEquals(count, merger.framesHeld());
    }

    private static int pair(EstimatingMerger merger, int region, byte[] content) {
        return merger.mergePair(region, 0, region, 1, ByteBuffer.wrap(content), 0, hash(content));
    }

    private static long hash(byte[] page) {
        return PageHasher.standard().hash(ByteBuffer.wrap(page), 0);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[PageSource.PAGE_BYTES];
        buffer.get(0, b);
        return b;
    }
}
