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
}
