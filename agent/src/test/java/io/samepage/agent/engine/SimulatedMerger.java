package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link PageMerger} over {@link SimulatedMemory}: merging really repoints page tables at one write-protected
 * frame, and a later owner write copies on write. Follows mainline's order: protect, then compare, then swap; the
 * scanned page of a pair becomes the frame in place. Tests can inject failures and a "racing writer" that runs
 * between protection and comparison.
 */
final class SimulatedMerger implements PageMerger {

    private final SimulatedMemory memory;
    private final List<Integer> removedRegions = new ArrayList<>();
    private Runnable racingWriter = () -> { };
    private Runnable earlyWriter = () -> { };
    private int failPairs;
    private int failPartners;
    private int failMergeIntos;
    private int failUnmerges;
    private long pairsMerged;

    SimulatedMerger(SimulatedMemory memory) {
        this.memory = memory;
    }

    /** @param writer runs once, after the next merge write-protected its page and before it compares */
    void raceNextMerge(Runnable writer) {
        racingWriter = writer;
    }

    /** @param writer runs once, at the start of the next pair merge, before anything is protected */
    void changeBeforeNextPair(Runnable writer) {
        earlyWriter = writer;
    }

    /** The next {@code n} pairs fail on the partner, after the scanned page was already made the frame. */
    void failPartnerOfNextPairs(int n) {
        failPartners = n;
    }

    /** The next {@code n} pairs fail outright. */
    void failNextPairs(int n) {
        failPairs = n;
    }

    void failNextMergeIntos(int n) {
        failMergeIntos = n;
    }

    void failNextUnmerges(int n) {
        failUnmerges = n;
    }

    long pairsMerged() {
        return pairsMerged;
    }

    List<Integer> removedRegions() {
        return removedRegions;
    }

    @Override
    public ByteBuffer frame(int frame) {
        return ByteBuffer.wrap(memory.frameBytes(frame == ZERO_FRAME ? SimulatedMemory.ZERO : frame))
                .asReadOnlyBuffer();
    }

    @Override
    public int mergePair(int region, int page, int partnerRegion, int partnerPage, ByteBuffer content,
                         int offset, long hash) {
        if (failPairs > 0) {
            failPairs--;
            return NO_FRAME;
        }
        Runnable early = earlyWriter;
        earlyWriter = () -> { };
        early.run();
        int frame = memory.frameOf(region, page);
        int partner = memory.frameOf(partnerRegion, partnerPage);
        if (frame == SimulatedMemory.ABSENT || partner == SimulatedMemory.ABSENT || frame == partner) {
            return NO_FRAME;
        }
        memory.protect(frame);
        memory.hold(frame);
        race();
        boolean same = memory.frameOf(region, page) == frame
                && memory.frameOf(partnerRegion, partnerPage) == partner
                && Arrays.equals(memory.frameBytes(frame), memory.frameBytes(partner));
        if (failPartners > 0) {
            failPartners--;
            same = false;
        }
        if (!same) {
            // Mainline breaks COW on the first page: it is private and writable again, no one-mapper KSM frame.
            memory.unprotect(frame);
            memory.release(frame);
            return NO_FRAME;
        }
        memory.remap(partnerRegion, partnerPage, frame);
        pairsMerged++;
        return frame;
    }

    @Override
    public boolean mergeInto(int frame, int region, int page, ByteBuffer content, int offset, long hash) {
        if (failMergeIntos > 0) {
            failMergeIntos--;
            return false;
        }
        int target = frame == ZERO_FRAME ? SimulatedMemory.ZERO : frame;
        int own = memory.frameOf(region, page);
        if (own == SimulatedMemory.ABSENT || own == target) {
            return false;
        }
        boolean wasProtected = memory.isWriteProtected(own);
        memory.protect(own);
        race();
        boolean same = memory.frameOf(region, page) == own
                && Arrays.equals(memory.frameBytes(own), memory.frameBytes(target));
        if (!wasProtected) {
            memory.unprotect(own);
        }
        if (!same) {
            return false;
        }
        memory.remap(region, page, target);
        return true;
    }

    @Override
    public boolean stillMerged(int frame, int region, int page, ByteBuffer content, int offset, long hash) {
        return memory.frameOf(region, page) == (frame == ZERO_FRAME ? SimulatedMemory.ZERO : frame);
    }

    @Override
    public boolean unmerge(int frame, int region, int page) {
        if (failUnmerges > 0) {
            failUnmerges--;
            return false;
        }
        if (memory.frameOf(region, page) == (frame == ZERO_FRAME ? SimulatedMemory.ZERO : frame)) {
            memory.copyOnWrite(region, page);
        }
        return true;
    }

    @Override
    public void releaseFrame(int frame) {
        memory.release(frame);
    }

    @Override
    public void regionRemoved(int region) {
        removedRegions.add(region);
    }

    private void race() {
        Runnable writer = racingWriter;
        racingWriter = () -> { };
        writer.run();
    }
}
