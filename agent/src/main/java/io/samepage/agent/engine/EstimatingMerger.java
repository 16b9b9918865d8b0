package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link PageMerger} for {@code dedup=estimate}: it changes no memory, it records virtual merges, so the engine's
 * counters and {@link EstimateReport} evolve exactly as if the pages had been merged.
 *
 * <p><b>No copies.</b> A virtual frame is 16 bytes: a 64-bit fingerprint of its content (the engine's hash, which
 * it computes anyway) and a <em>representative</em>, one of its mappers whose live bytes stand for the frame's.
 * The first version kept a private 4 KiB copy per frame; at a gigabyte of duplicates committing those copies took
 * 3.8 of the worst case's 4.5 seconds, and an estimate cost as much memory as the merge it predicts would save.
 *
 * <ul>
 *   <li>Comparisons against a frame ({@link #holds}, the stable tree's lookups) read the representative in place
 *       where the source can pin its region, else copy that one page. They are exact byte comparisons.</li>
 *   <li>A page is still merged while its fingerprint is unchanged ({@link #stillMerged}), and only a page with the
 *       frame's fingerprint merges into it ({@link #mergeInto}): a representative written since its last visit
 *       cannot lend a frame new content. The estimate's one approximation: a write that keeps a page's 64-bit
 *       fingerprint goes unnoticed (where a real merger would count a copy on write, and where the copying
 *       version missed a write of the same bytes). So the estimate is as exact as the engine's hasher: with the
 *       default, a 64-bit hash, a miss has odds of 2<sup>-64</sup> per write.</li>
 *   <li>When the representative leaves ({@link #pageLeft}: written, absent, its region gone) the frame has none
 *       until one of its mappers proves its fingerprint again, which every mapper does within a pass; meanwhile
 *       comparisons with the frame fail, so at worst a merge is found a pass later.</li>
 * </ul>
 * Pages of a region known gone merge into nothing.
 */
public final class EstimatingMerger implements PageMerger {

    /** In {@link #repRegion}: the frame has no representative now. */
    private static final int NONE = -1;

    private final PageSource source;
    /** Where a representative of a region that cannot be pinned is copied to compare. */
    private final ByteBuffer copy = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES);
    private long[] fingerprint = new long[16];
    private int[] repRegion = new int[16];
    private int[] repPage = new int[16];
    private int[] freeFrames = new int[16];
    private int freeCount;
    private int highWater;
    private int held;

    /** @param source reads representatives and says whether a page's region is still there */
    public EstimatingMerger(PageSource source) {
        this.source = source;
    }

    /** @return a copy of the representative's bytes, valid until the next call; {@code null} with no representative */
    @Override
    public ByteBuffer frame(int frame) {
        if (frame == ZERO_FRAME) {
            return PageOrder.zeroPage();
        }
        int region = repRegion[frame];
        if (region == NONE) {
            return null;
        }
        try {
            ByteBuffer view = source.pin(region);
            if (view == null) {
                return copyRepresentative(frame, region);
            }
            try {
                copy.put(0, view, repPage[frame] * PageSource.PAGE_BYTES, PageSource.PAGE_BYTES);
            } finally {
                source.unpin(region);
            }
            return copy.asReadOnlyBuffer();
        } catch (RegionGoneException e) {
            repRegion[frame] = NONE;
            return null;
        }
    }

    @Override
    public boolean holds(int frame, ByteBuffer content, int offset) {
        if (frame == ZERO_FRAME) {
            return PageOrder.isZero(content, offset);
        }
        int region = repRegion[frame];
        if (region == NONE) {
            return false;
        }
        try {
            ByteBuffer view = source.pin(region);
            if (view == null) {
                ByteBuffer now = copyRepresentative(frame, region);
                return now != null && PageOrder.compareContent(content, offset, now, 0) == 0;
            }
            try {
                int at = repPage[frame] * PageSource.PAGE_BYTES;
                // The scanner's own in-place view of the representative: the same bytes, nothing to compare.
                return content == view && offset == at || PageOrder.compareContent(content, offset, view, at) == 0;
            } finally {
                source.unpin(region);
            }
        } catch (RegionGoneException e) {
            repRegion[frame] = NONE;
            return false;
        }
    }

    /**
     * Copies the representative of a region that cannot be pinned, if present; an absent one (dropped by the
     * application, swapped out) stops representing the frame.
     *
     * @return {@link #copy}, read-only, or {@code null}
     */
    private ByteBuffer copyRepresentative(int frame, int region) throws RegionGoneException {
        if (!source.present(region, repPage[frame])) {
            repRegion[frame] = NONE;
            return null;
        }
        source.read(region, repPage[frame], 1, copy, 0);
        return copy.asReadOnlyBuffer();
    }

    @Override
    public int mergePair(int region, int page, int partnerRegion, int partnerPage, ByteBuffer content,
                         int offset, long hash) {
        if (!source.live(region) || !source.live(partnerRegion)) {
            return NO_FRAME;
        }
        int frame = freeCount > 0 ? freeFrames[--freeCount] : newFrame();
        fingerprint[frame] = hash;
        repRegion[frame] = region;
        repPage[frame] = page;
        held++;
        return frame;
    }

    @Override
    public boolean mergeInto(int frame, int region, int page, ByteBuffer content, int offset, long hash) {
        if (!source.live(region)) {
            return false;
        }
        return frame == ZERO_FRAME ? PageOrder.isZero(content, offset) : proves(frame, region, page, hash);
    }

    /** @return {@code true}: a virtual merge leaves the page writable, so only its content tells a write */
    @Override
    public boolean fingerprintsContent() {
        return true;
    }

    @Override
    public boolean stillMerged(int frame, int region, int page, ByteBuffer content, int offset, long hash) {
        return frame == ZERO_FRAME ? PageOrder.isZero(content, offset) : proves(frame, region, page, hash);
    }

    @Override
    public boolean unmerge(int frame, int region, int page) {
        return true;
    }

    @Override
    public void pageLeft(int frame, int region, int page) {
        if (frame != ZERO_FRAME && repRegion[frame] == region && repPage[frame] == page) {
            repRegion[frame] = NONE;
        }
    }

    @Override
    public void releaseFrame(int frame) {
        if (freeCount == freeFrames.length) {
            freeFrames = Arrays.copyOf(freeFrames, freeFrames.length * 2);
        }
        repRegion[frame] = NONE;
        freeFrames[freeCount++] = frame;
        held--;
    }

    @Override
    public void regionRemoved(int region) {
        // Its pages left their frames first (pageLeft), so no frame is represented by it any more.
    }

    /** @return virtual frames currently held: {@code pages_shared} */
    public int framesHeld() {
        return held;
    }

    /** @return bytes this merger keeps per frame it can hold (capacity), against a real frame's 4096 */
    public long metadataBytes() {
        return (long) fingerprint.length * (Long.BYTES + 2 * Integer.BYTES) + (long) freeFrames.length * Integer.BYTES;
    }

    /**
     * Whether a page's hash is the frame's fingerprint; if so and the frame has no representative, the page becomes
     * it.
     */
    private boolean proves(int frame, int region, int page, long hash) {
        if (hash != fingerprint[frame]) {
            return false;
        }
        if (repRegion[frame] == NONE) {
            repRegion[frame] = region;
            repPage[frame] = page;
        }
        return true;
    }

    private int newFrame() {
        int frame = highWater++;
        if (frame == fingerprint.length) {
            int size = frame + (frame >> 1);
            fingerprint = Arrays.copyOf(fingerprint, size);
            repRegion = Arrays.copyOf(repRegion, size);
            repPage = Arrays.copyOf(repPage, size);
        }
        return frame;
    }
}
