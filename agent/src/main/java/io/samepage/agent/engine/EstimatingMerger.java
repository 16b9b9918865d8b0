package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link PageMerger} for {@code dedup=estimate}: it changes no memory, it records virtual merges, so the engine's
 * counters and {@link EstimateReport} evolve exactly as if the pages had been merged.
 *
 * <p>Each frame is a private 4 KiB heap copy of the content at merge time, because the pages themselves stay
 * writable: a "written" (copied-on-write) page is one whose bytes no longer equal its frame's, found when the
 * scanner next reads it; a write that stores the same bytes is invisible, where a real merger would count a copy on
 * write. The copies cost one page per {@code pages_shared}: what a real merger's frames would cost.
 */
public final class EstimatingMerger implements PageMerger {

    private final PageSource source;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES);
    private ByteBuffer[] frames = new ByteBuffer[16];
    private int[] freeFrames = new int[16];
    private int freeCount;
    private int highWater;
    private int held;

    /** @param source read to verify each merge against the live page */
    public EstimatingMerger(PageSource source) {
        this.source = source;
    }

    @Override
    public ByteBuffer frame(int frame) {
        return frame == ZERO_FRAME ? PageOrder.zeroPage() : frames[frame];
    }

    @Override
    public int mergePair(int region, int page, int partnerRegion, int partnerPage) {
        ByteBuffer copy = ByteBuffer.allocate(PageSource.PAGE_BYTES);
        if (!readPage(region, page, copy) || !readPage(partnerRegion, partnerPage, scratch)
                || PageOrder.compareContent(copy, 0, scratch, 0) != 0) {
            return NO_FRAME;
        }
        int frame = freeCount > 0 ? freeFrames[--freeCount] : highWater++;
        if (frame == frames.length) {
            frames = Arrays.copyOf(frames, frames.length * 2);
        }
        frames[frame] = copy.asReadOnlyBuffer();
        held++;
        return frame;
    }

    @Override
    public boolean mergeInto(int frame, int region, int page) {
        return readPage(region, page, scratch) && PageOrder.compareContent(scratch, 0, frame(frame), 0) == 0;
    }

    @Override
    public boolean stillMerged(int frame, int region, int page, ByteBuffer content, int offset) {
        return PageOrder.compareContent(content, offset, frame(frame), 0) == 0;
    }

    @Override
    public boolean unmerge(int frame, int region, int page) {
        return true;
    }

    @Override
    public void releaseFrame(int frame) {
        frames[frame] = null;
        if (freeCount == freeFrames.length) {
            freeFrames = Arrays.copyOf(freeFrames, freeFrames.length * 2);
        }
        freeFrames[freeCount++] = frame;
        held--;
    }

    @Override
    public void regionRemoved(int region) {
        // No per-page state: a gone region's virtual mappings vanish with the engine's items.
    }

    /** @return frame copies currently held: {@code pages_shared} */
    public int framesHeld() {
        return held;
    }

    private boolean readPage(int region, int page, ByteBuffer into) {
        try {
            if (!source.present(region, page)) {
                return false;
            }
            source.read(region, page, 1, into, 0);
            return true;
        } catch (RegionGoneException e) {
            return false;
        }
    }
}
