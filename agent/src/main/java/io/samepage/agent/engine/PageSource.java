package io.samepage.agent.engine;

import java.nio.ByteBuffer;

/**
 * Where the engine reads pages: regions of {@link #PAGE_BYTES}-byte pages, each page named by (region, page index).
 *
 * <p>Reads come in runs of up to {@link #MAX_RUN_PAGES} consecutive pages because a real source pays a system call
 * per read ({@code process_vm_readv}, {@code mincore}): one presence query and one read per run, not per page.
 *
 * <p>A source must never materialise a page: asking whether a page is present, or reading a present page, must not
 * allocate memory for an absent one. Once a region's memory is released every call about it throws
 * {@link RegionGoneException}; the engine may still call in the window between the release and its
 * {@link DedupEngine#removeRegion} being applied, so the source, not the engine, guards the memory's lifetime.
 *
 * <p>Only the scanner thread calls a source.
 */
public interface PageSource {

    /** Size of a page, the unit of merging. */
    int PAGE_BYTES = 4096;

    /** Most pages one {@link #presentPages} or {@link #read} call covers: one bit per page in a {@code long}. */
    int MAX_RUN_PAGES = 64;

    /**
     * Which pages of a run are present (resident or populated), without touching absent ones.
     *
     * @param region    the region
     * @param firstPage first page of the run
     * @param count     pages in the run, 1 to {@link #MAX_RUN_PAGES}, all inside the region
     * @return bit {@code i} set when page {@code firstPage + i} is present
     * @throws RegionGoneException when the region's memory is gone
     */
    long presentPages(int region, int firstPage, int count) throws RegionGoneException;

    /**
     * Whether one page is present.
     *
     * @param region the region
     * @param page   the page
     * @return {@code true} when present
     * @throws RegionGoneException when the region's memory is gone
     */
    default boolean present(int region, int page) throws RegionGoneException {
        return (presentPages(region, page, 1) & 1L) != 0;
    }

    /**
     * Copies consecutive pages that {@link #presentPages} reported present. A page that went absent in between may
     * read as anything but must not be materialised; whatever the engine concludes from it is re-verified by the
     * {@link PageMerger} before any merge.
     *
     * @param region    the region
     * @param firstPage first page
     * @param count     pages, 1 to {@link #MAX_RUN_PAGES}, all inside the region
     * @param into      receives {@code count * PAGE_BYTES} bytes at absolute positions from {@code offset};
     *                  its position and limit are left alone
     * @param offset    where the first page goes in {@code into}
     * @throws RegionGoneException when the region's memory is gone
     */
    void read(int region, int firstPage, int count, ByteBuffer into, int offset) throws RegionGoneException;

    /**
     * Whether a region's memory is still there as far as the source knows, without a system call and without
     * touching the memory: a merger that changes nothing asks this instead of reading the page again.
     *
     * @param region the region
     * @return {@code false} once the region is known gone
     */
    default boolean live(int region) {
        return true;
    }

    /**
     * Opens a region for reading in place, without copying: where a source can guarantee the memory stays mapped
     * until {@link #unpin} (it holds the region's lifetime lock), it returns a view of the whole region, page
     * {@code p} at byte {@code p * PAGE_BYTES}. Only pages {@link #presentPages} reported present may be read
     * through it, and only until {@link #unpin}. Pins nest; each successful one is closed by one {@link #unpin}.
     *
     * @param region the region
     * @return the view, or {@code null} when this source cannot read the region in place (then nothing is pinned
     *         and the caller copies with {@link #read})
     * @throws RegionGoneException when the region's memory is gone
     */
    default ByteBuffer pin(int region) throws RegionGoneException {
        return null;
    }

    /**
     * Ends the latest {@link #pin} that returned a view; the view must not be read afterwards.
     *
     * @param region the region
     */
    default void unpin(int region) {
        throw new IllegalStateException("region " + region + " is not pinned");
    }
}
