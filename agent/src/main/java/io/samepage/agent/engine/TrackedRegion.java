package io.samepage.agent.engine;

/**
 * One registered region's metadata: an item per page, one {@code long} each (see {@link ItemTable} for the bits).
 * One word rather than an array per field because a chain walk reads a node's checksum and link together.
 */
final class TrackedRegion {

    /** The {@link PageSource}'s number for the region. */
    final int id;

    /** Pages in the region. */
    final int pages;

    /** Handle of page 0; page {@code p} is handle {@code firstHandle + p}. */
    final int firstHandle;

    /** {@code items[p]}: checksum, epoch, state, link. */
    final long[] items;

    /** Passes completed over all of this region: a region added mid-pass has fewer than {@code full_scans}. */
    int passes;

    /** Set once the engine dropped the region; nothing reads its pages after that. */
    boolean dropped;

    TrackedRegion(int id, int pages, int firstHandle) {
        this.id = id;
        this.pages = pages;
        this.firstHandle = firstHandle;
        this.items = new long[pages];
    }

    @Override
    public String toString() {
        return "region " + id + " (" + pages + " pages)";
    }
}
