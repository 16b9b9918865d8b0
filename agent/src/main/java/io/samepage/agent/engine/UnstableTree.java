package io.samepage.agent.engine;

import java.nio.ByteBuffer;

/**
 * KSM's unstable tree: pages whose checksum held still between two visits, not merged, not write-protected, so
 * their content may change under the index. Its nodes are the {@link ItemTable} items, chained through their link
 * bits in buckets of their stored checksum ({@link HashChains}); the bucket heads, one {@code int} per one or two
 * tracked pages, are the only memory it adds.
 *
 * <p>What keeps that safe: the key, the checksum stored at insertion, never changes while a node is linked, so a
 * node is always in its own bucket; a changed page can only fail a byte comparison, costing a missed merge; every
 * match is verified again by the {@link PageMerger} before merging; and {@link #flush()} empties the index every
 * pass: the heads are cleared and the epoch advances, so items still marked {@code CANDIDATE} from the old index are
 * known stale ({@link #isLinked}) and cleaned up when next visited.
 */
final class UnstableTree extends HashChains {

    /** {@link #searchOrInsert} inserted the page. */
    static final int INSERTED = -2;

    /** {@link #searchOrInsert} met an absent page on its way and gave up, as the kernel does. */
    static final int ABANDONED = -3;

    /** {@link #compareWithCandidate}: the candidate's page is absent; no comparison returns this. */
    private static final int ABSENT = Integer.MIN_VALUE;

    /** The unit of {@link #touchFirstCandidate}'s reads. */
    private static final int CACHE_LINE_BYTES = 64;

    private final ItemTable items;
    private final PageSource source;
    private final Work work;
    private final ByteBuffer nodePage = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES);
    private int epoch;

    UnstableTree(ItemTable items, PageSource source, Work work) {
        super(16);
        this.items = items;
        this.source = source;
        this.work = work;
    }

    /**
     * Looks for a page equal to the scanned one; inserts the scanned one when there is none.
     *
     * @param handle the scanned page's item, not in the tree
     * @param hash   its hash, whose checksum is already stored in the item
     * @return the equal candidate's handle (then {@link #remove} may unlink it), {@link #INSERTED} or
     *         {@link #ABANDONED}
     * @throws RegionGoneException when a candidate's region went away; the tree is unchanged
     */
    int searchOrInsert(int handle, long hash, ByteBuffer page, int offset) throws RegionGoneException {
        work.unstableLookups++;
        long checksum = ItemTable.checksum(hash);
        int visits = 0;
        try {
            for (int n = first(checksum); n != NIL && visits < MAX_STEPS; n = next(n)) {
                visits++;
                if (items.hash(n) != checksum) {
                    continue;
                }
                int c = compareWithCandidate(n, page, offset);
                if (c == ABSENT) {
                    return ABANDONED;
                }
                if (c == 0) {
                    return n;
                }
            }
        } finally {
            work.unstableComparisons += visits;
            work.lookupDone(visits);
        }
        if (linked() >= 2 * buckets() && 2L * buckets() <= items.trackedPages()) {
            // Regions added during the pass: keep chains short, heads within one int per tracked page.
            resize(buckets() * 2);
        }
        items.setLinks(handle, ItemTable.withEpoch(ItemTable.withState(items.links(handle), ItemTable.CANDIDATE),
                epoch));
        link(handle);
        return INSERTED;
    }

    /**
     * Reads one word of every cache line of the first candidate a search for this hash would compare with, where
     * the source can pin its region, so the comparison finds the page in cache. A run's worth of these, back to
     * back, keep many cache misses in flight at once; one at a time, inside each comparison, they came in a few
     * lines at a time. Changes nothing.
     *
     * @return a value made of the words read, for the caller to keep (so the reads cannot be optimised away)
     */
    long touchFirstCandidate(long hash) {
        long checksum = ItemTable.checksum(hash);
        int steps = 0;
        for (int n = first(checksum); n != NIL && steps < MAX_STEPS; n = next(n), steps++) {
            if (items.hash(n) == checksum) {
                return touchPage(n);
            }
        }
        return 0;
    }

    private long touchPage(int n) {
        TrackedRegion r = items.regionOf(n);
        ByteBuffer view;
        try {
            view = source.pin(r.id);
        } catch (RegionGoneException e) {
            return 0;
        }
        if (view == null) {
            return 0;
        }
        try {
            long sum = 0;
            int start = (n - r.firstHandle) * PageSource.PAGE_BYTES;
            for (int line = 0; line < PageSource.PAGE_BYTES; line += CACHE_LINE_BYTES) {
                sum += view.getLong(start + line);
            }
            return sum;
        } finally {
            source.unpin(r.id);
        }
    }

    /**
     * Compares the scanned page with a candidate's live bytes. In place where the source can pin the candidate's
     * region: that page was present when it was inserted, during this pass, and such memory can only go absent by
     * the application's own {@code madvise} or by swapping, so it is read without asking again (reading it maps the
     * zero page or swaps it back in; it allocates nothing new). Through a copy elsewhere, and then an absent
     * candidate is not read: the kernel abandons the search there too.
     *
     * @return the comparison, or {@link #ABSENT}
     */
    private int compareWithCandidate(int n, ByteBuffer page, int offset) throws RegionGoneException {
        TrackedRegion r = items.regionOf(n);
        int p = n - r.firstHandle;
        ByteBuffer view = source.pin(r.id);
        if (view != null) {
            try {
                work.fullPageCompares++;
                return PageOrder.compareContent(page, offset, view, p * PageSource.PAGE_BYTES);
            } finally {
                source.unpin(r.id);
            }
        }
        if (!source.present(r.id, p)) {
            return ABSENT;
        }
        work.fullPageCompares++;
        source.read(r.id, p, 1, nodePage, 0);
        return PageOrder.compareContent(page, offset, nodePage, 0);
    }

    /** Unlinks a linked candidate found by identity. */
    void remove(int handle) {
        if (!unlink(handle)) {
            throw new IllegalStateException("candidate " + handle + " is not in the unstable tree");
        }
    }

    /** @return whether a {@code CANDIDATE} item with these links is in the current tree, not a stale one */
    boolean isLinked(long links) {
        return ItemTable.state(links) == ItemTable.CANDIDATE && ItemTable.epoch(links) == epoch;
    }

    /** Ends a pass: the tree is empty again, its heads sized to the tracked pages (one per one or two). */
    void flush() {
        clearAll();
        epoch = (epoch + 1) & 3;
        int wanted = Integer.highestOneBit((int) Math.max(16, Math.min(1 << 30, items.trackedPages())));
        if (wanted != buckets()) {
            resize(wanted);
        }
    }

    /** @return candidates linked in the current tree */
    int size() {
        return linked();
    }

    @Override
    int next(int node) {
        return ItemTable.link(items.links(node));
    }

    @Override
    void setNext(int node, int next) {
        items.setLinks(node, ItemTable.withLink(items.links(node), next));
    }

    @Override
    long key(int node) {
        return items.hash(node);
    }
}
