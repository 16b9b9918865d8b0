package io.samepage.agent.engine;

import java.nio.ByteBuffer;

/**
 * KSM's unstable tree: pages whose checksum held still between two visits, not merged, not write-protected, so
 * their content (the tree's second key) may change under the tree. Its nodes are the {@link ItemTable} items.
 *
 * <p>What keeps that safe: the first key, the hash stored at insertion, never changes while a node is linked, so the
 * tree stays ordered by it; a changed page can only misdirect a search among equal hashes, costing a missed merge;
 * every match is verified again by the {@link PageMerger} before merging; and {@link #flush()} empties the tree
 * every pass, in O(1): the root is dropped and the epoch advances, so items still marked {@code CANDIDATE} from the
 * old tree are known stale ({@link #isLinked}) and cleaned up when next visited.
 */
final class UnstableTree extends RedBlackTree {

    /** {@link #searchOrInsert} inserted the page. */
    static final int INSERTED = -2;

    /** {@link #searchOrInsert} met an absent page on its way and gave up, as the kernel does. */
    static final int ABANDONED = -3;

    /** {@link #compareWithCandidate}: the candidate's page is absent; no comparison returns this. */
    private static final int ABSENT = Integer.MIN_VALUE;

    private final ItemTable items;
    private final PageSource source;
    private final Work work;
    private final ByteBuffer nodePage = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES);
    private int epoch;
    private int size;

    UnstableTree(ItemTable items, PageSource source, Work work) {
        this.items = items;
        this.source = source;
        this.work = work;
    }

    /**
     * Looks for a page equal to the scanned one; inserts the scanned one when there is none.
     *
     * @param handle the scanned page's item, not in the tree
     * @param hash   its hash, already stored in the item
     * @return the equal candidate's handle (then {@link #removeMatch()} may unlink it), {@link #INSERTED} or
     *         {@link #ABANDONED}
     * @throws RegionGoneException when a candidate's region went away; the tree is unchanged
     */
    int searchOrInsert(int handle, long hash, ByteBuffer page, int offset) throws RegionGoneException {
        work.unstableLookups++;
        depth = 0;
        int n = root;
        int visits = 0;
        try {
            while (n != NIL) {
                path[depth++] = n;
                visits++;
                int c = PageOrder.compareHashes(hash, items.hash(n));
                if (c == 0) {
                    c = compareWithCandidate(n, page, offset);
                    if (c == ABSENT) {
                        return ABANDONED;
                    }
                    if (c == 0) {
                        return n;
                    }
                }
                lastLeft = c < 0;
                n = lastLeft ? left(n) : right(n);
            }
        } finally {
            work.unstableComparisons += visits;
            work.lookupDone(visits);
        }
        insertAtSearchEnd(handle);
        long links = items.links(handle);
        items.setLinks(handle, ItemTable.withEpoch(ItemTable.withState(links, ItemTable.CANDIDATE), epoch));
        size++;
        return INSERTED;
    }

    /**
     * Compares the scanned page with a candidate's live bytes: in place where the source can pin the candidate's
     * region, else through a copy. An absent candidate is not read (the kernel abandons the search there too).
     *
     * @return the comparison, or {@link #ABSENT}
     */
    private int compareWithCandidate(int n, ByteBuffer page, int offset) throws RegionGoneException {
        TrackedRegion r = items.regionOf(n);
        int p = n - r.firstHandle;
        ByteBuffer view = source.pin(r.id);
        try {
            if (!source.present(r.id, p)) {
                return ABSENT;
            }
            work.fullPageCompares++;
            if (view != null) {
                return PageOrder.compareContent(page, offset, view, p * PageSource.PAGE_BYTES);
            }
            source.read(r.id, p, 1, nodePage, 0);
            return PageOrder.compareContent(page, offset, nodePage, 0);
        } finally {
            if (view != null) {
                source.unpin(r.id);
            }
        }
    }

    /** Unlinks the candidate {@link #searchOrInsert} just returned; nothing may touch the tree in between. */
    void removeMatch() {
        deletePathEnd();
        size--;
    }

    /** Unlinks a linked candidate found by identity (its region is being dropped). */
    void remove(int handle) {
        if (!findPath(handle)) {
            throw new IllegalStateException("candidate " + handle + " is not in the unstable tree");
        }
        deletePathEnd();
        size--;
    }

    /** @return whether a {@code CANDIDATE} item with these links is in the current tree, not a stale one */
    boolean isLinked(long links) {
        return ItemTable.state(links) == ItemTable.CANDIDATE && ItemTable.epoch(links) == epoch;
    }

    /** Ends a pass: the tree is empty again. */
    void flush() {
        clearRoot();
        size = 0;
        epoch = (epoch + 1) & 3;
    }

    /** @return candidates linked in the current tree */
    int size() {
        return size;
    }

    @Override
    int left(int node) {
        return ItemTable.left(items.links(node));
    }

    @Override
    int right(int node) {
        return ItemTable.right(items.links(node));
    }

    @Override
    void setLeft(int node, int child) {
        items.setLinks(node, ItemTable.withLeft(items.links(node), child));
    }

    @Override
    void setRight(int node, int child) {
        items.setLinks(node, ItemTable.withRight(items.links(node), child));
    }

    @Override
    boolean isRed(int node) {
        return ItemTable.red(items.links(node));
    }

    @Override
    void setRed(int node, boolean red) {
        items.setLinks(node, ItemTable.withRed(items.links(node), red));
    }

    @Override
    long hash(int node) {
        return items.hash(node);
    }
}
