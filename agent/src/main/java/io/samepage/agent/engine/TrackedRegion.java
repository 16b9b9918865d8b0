package io.samepage.agent.engine;

/**
 * One registered region's metadata: an item per page, struct-of-arrays style in a single {@code long[]}, two words a
 * page (see {@link ItemTable} for the bits). One array rather than one per field because a tree walk reads a
 * node's hash and links together: interleaved they share a cache line.
 */
final class TrackedRegion {

    /** The {@link PageSource}'s number for the region. */
    final int id;

    /** Pages in the region. */
    final int pages;

    /** Handle of page 0; page {@code p} is handle {@code firstHandle + p}. */
    final int firstHandle;

    /** {@code items[2p]}: hash; {@code items[2p + 1]}: links, state, epoch, colour. */
    final long[] items;

    /** Set once the engine dropped the region; nothing reads its pages after that. */
    boolean dropped;

    TrackedRegion(int id, int pages, int firstHandle) {
        this.id = id;
        this.pages = pages;
        this.firstHandle = firstHandle;
        this.items = new long[pages * 2];
    }

    @Override
    public String toString() {
        return "region " + id + " (" + pages + " pages)";
    }
}
