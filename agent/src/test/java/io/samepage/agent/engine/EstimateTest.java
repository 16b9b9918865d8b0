package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(0, merger.framesHeld(), "frame copies are released with their last mapper");
        assertArrayEquals(Pages.random(50), memory.contentOf(region, 0));
    }

    @Test
    void estimatingMergerRefusesContentThatDiffersAndGoneRegions() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        int region = memory.addRegion(3);
        ByteBuffer one = ByteBuffer.wrap(Pages.random(1));
        ByteBuffer two = ByteBuffer.wrap(Pages.random(2));
        int frame = merger.mergePair(region, 0, region, 2, one, 0);
        assertTrue(frame >= 0);
        assertEquals(0, PageOrder.compareContent(one, 0, merger.frame(frame), 0), "the frame holds the content");
        assertTrue(merger.mergeInto(frame, region, 2, one, 0));
        assertFalse(merger.mergeInto(frame, region, 1, two, 0));
        memory.removeRegion(region);
        assertFalse(merger.mergeInto(frame, region, 0, one, 0), "a gone region merges nothing");
        assertEquals(PageMerger.NO_FRAME, merger.mergePair(region, 0, region, 2, one, 0));
        merger.releaseFrame(frame);
        assertEquals(0, merger.framesHeld());
    }

    @Test
    void estimatingMergerFramesSpanSlabsAndAreReused() {
        SimulatedMemory memory = new SimulatedMemory();
        EstimatingMerger merger = new EstimatingMerger(memory);
        int region = memory.addRegion(2);
        int count = EstimatingMerger.SLAB_FRAMES * 2 + 3;
        int[] frames = new int[count];
        for (int i = 0; i < count; i++) {
            frames[i] = merger.mergePair(region, 0, region, 1, ByteBuffer.wrap(Pages.random(100 + i)), 0);
        }
        for (int i = 0; i < count; i++) {
            ByteBuffer want = ByteBuffer.wrap(Pages.random(100 + i));
            assertEquals(0, PageOrder.compareContent(want, 0, merger.frame(frames[i]), 0), "frame " + i);
        }
        merger.releaseFrame(frames[7]);
        int reused = merger.mergePair(region, 0, region, 1, ByteBuffer.wrap(Pages.random(9999)), 0);
        assertEquals(frames[7], reused, "a released frame's slot is reused");
        assertEquals(0, PageOrder.compareContent(ByteBuffer.wrap(Pages.random(9999)), 0, merger.frame(reused), 0));
        assertEquals(0, PageOrder.compareContent(ByteBuffer.wrap(Pages.random(108)), 0, merger.frame(frames[8]), 0),
                "its neighbour is untouched");
        assertEquals(count, merger.framesHeld());
    }
}
