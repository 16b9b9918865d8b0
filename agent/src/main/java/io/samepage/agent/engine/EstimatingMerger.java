package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link PageMerger} for {@code dedup=estimate}: it changes no memory, it records virtual merges, so the engine's
 * counters and {@link EstimateReport} evolve exactly as if the pages had been merged.
 *
 * <p>Each frame is a private 4 KiB copy of the content at merge time, because the pages themselves stay writable: a
 * "written" (copied-on-write) page is one whose bytes no longer equal its frame's, found when the scanner next reads
 * it; a write that stores the same bytes is invisible, where a real merger would count a copy on write. The copies
 * cost one page per {@code pages_shared}: what a real merger's frames would cost.
 *
 * <p>It takes the bytes the engine read as the page's content (it cannot protect the page anyway, so reading it
 * again proves nothing more) and refuses content that differs from the frame's or pages of a region known gone.
 * Copies live in heap slabs of {@link #SLAB_FRAMES} frames, so a large estimate is a few hundred large arrays,
 * not one small object per frame for the collector to copy; freed frames are reused, slabs are kept.
 */
public final class EstimatingMerger implements PageMerger {

    /** Frames per slab: 1 MiB, allocated straight into the old generation by G1 and never copied. */
    static final int SLAB_FRAMES = 256;

    private final PageSource source;
    private final List<ByteBuffer> slabs = new ArrayList<>();
    /** Per frame, a read-only view of its slot; {@code null} while the frame is free. */
    private ByteBuffer[] frames = new ByteBuffer[SLAB_FRAMES];
    private int[] freeFrames = new int[16];
    private int freeCount;
    private int highWater;
    private int held;

    /** @param source asked whether a page's region is still there */
    public EstimatingMerger(PageSource source) {
        this.source = source;
    }

    @Override
    public ByteBuffer frame(int frame) {
        return frame == ZERO_FRAME ? PageOrder.zeroPage() : frames[frame];
    }

    @Override
    public int mergePair(int region, int page, int partnerRegion, int partnerPage, ByteBuffer content,
                         int offset) {
        if (!source.live(region) || !source.live(partnerRegion)) {
            return NO_FRAME;
        }
        int frame = freeCount > 0 ? freeFrames[--freeCount] : newFrame();
        ByteBuffer slab = slabs.get(frame / SLAB_FRAMES);
        int at = frame % SLAB_FRAMES * PageSource.PAGE_BYTES;
        slab.put(at, content, offset, PageSource.PAGE_BYTES);
        frames[frame] = slab.slice(at, PageSource.PAGE_BYTES).asReadOnlyBuffer();
        held++;
        return frame;
    }

    @Override
    public boolean mergeInto(int frame, int region, int page, ByteBuffer content, int offset) {
        return source.live(region) && PageOrder.compareContent(content, offset, frame(frame), 0) == 0;
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

    private int newFrame() {
        int frame = highWater++;
        if (frame == frames.length) {
            frames = Arrays.copyOf(frames, frames.length * 2);
        }
        if (frame / SLAB_FRAMES == slabs.size()) {
            slabs.add(ByteBuffer.allocate(SLAB_FRAMES * PageSource.PAGE_BYTES));
        }
        return frame;
    }
}
