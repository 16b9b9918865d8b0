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
 * Copies live off the heap in direct slabs of {@link #SLAB_FRAMES} frames: a large estimate must not grow the
 * application's heap or its collector's work (measured: a gigabyte of heap slabs cost seconds of young pauses).
 * A frame's view is made on each {@link #frame} call, a short-lived object, not kept per frame. Freed frames are
 * reused, slabs are kept. In the agent the slabs are allocated on its own thread, which the allocation hook
 * ignores.
 */
public final class EstimatingMerger implements PageMerger {

    /** Frames per slab: 2 MiB. */
    static final int SLAB_FRAMES = 512;

    private final PageSource source;
    private final List<ByteBuffer> slabs = new ArrayList<>();
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
        if (frame == ZERO_FRAME) {
            return PageOrder.zeroPage();
        }
        return slot(frame).asReadOnlyBuffer();
    }

    @Override
    public int mergePair(int region, int page, int partnerRegion, int partnerPage, ByteBuffer content,
                         int offset) {
        if (!source.live(region) || !source.live(partnerRegion)) {
            return NO_FRAME;
        }
        int frame = freeCount > 0 ? freeFrames[--freeCount] : newFrame();
        slot(frame).put(0, content, offset, PageSource.PAGE_BYTES);
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

    /** @return a writable view of a frame's 4 KiB in its slab */
    private ByteBuffer slot(int frame) {
        return slabs.get(frame / SLAB_FRAMES).slice(frame % SLAB_FRAMES * PageSource.PAGE_BYTES,
                PageSource.PAGE_BYTES);
    }

    private int newFrame() {
        int frame = highWater++;
        if (frame / SLAB_FRAMES == slabs.size()) {
            slabs.add(ByteBuffer.allocateDirect(SLAB_FRAMES * PageSource.PAGE_BYTES));
        }
        return frame;
    }
}
