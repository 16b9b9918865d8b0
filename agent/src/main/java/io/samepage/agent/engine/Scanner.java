package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The scan itself: the cursor's walk over the regions in runs, and for each page mainline's
 * {@code cmp_and_merge_page} (see {@link DedupEngine} for the steps). Owns the items, both trees and the counters;
 * {@link DedupEngine} wraps it with threading, run states and the public API. Not thread-safe.
 */
final class Scanner {

    private final PageSource source;
    private final PageMerger merger;
    private final PageHasher hasher;
    private final Work work;
    private final ItemTable items = new ItemTable();
    private final ScanRing ring = new ScanRing();
    private final StableTree stable;
    private final UnstableTree unstable;
    private final ArrayDeque<TrackedRegion> doomed = new ArrayDeque<>();
    /** Where a run's present pages are read, in one call per stretch; direct, so a native source reads into it. */
    private final ByteBuffer run = ByteBuffer.allocateDirect(PageSource.MAX_RUN_PAGES * PageSource.PAGE_BYTES);
    /** The run's page hashes, where {@link #hashRun} computed them. */
    private final long[] runHashes = new long[PageSource.MAX_RUN_PAGES];
    /** What {@link #touchAhead} read, kept so the JIT cannot drop the reads. */
    private int touched;
    private final long zeroHash;
    private long fullScans;
    private long visitedItems;
    private long unshared;
    private long zeroPages;

    Scanner(PageSource source, PageMerger merger, PageHasher hasher, Work work, StableTree stable) {
        this.source = source;
        this.merger = merger;
        this.hasher = hasher;
        this.work = work;
        this.stable = stable;
        this.unstable = new UnstableTree(items, source, work);
        this.zeroHash = hasher.hash(PageOrder.zeroPage(), 0);
    }

    /** @return {@code false} when the handle space is full (or the region is already tracked) */
    boolean track(int region, int pages) {
        if (items.byId(region) != null) {
            return true;
        }
        TrackedRegion r = items.add(region, pages);
        if (r == null) {
            return false;
        }
        ring.add(r);
        return true;
    }

    void untrack(int region) {
        TrackedRegion r = items.byId(region);
        if (r != null) {
            drop(r);
        }
    }

    /**
     * Visits up to {@code budget} pages, stopping early at the end of a pass.
     *
     * @return pages visited
     */
    int scan(int budget) {
        int visited = 0;
        while (budget > 0 && !ring.isEmpty()) {
            if (ring.passDone()) {
                endPass();
                continue;
            }
            TrackedRegion r = ring.current();
            int first = ring.page();
            int count = Math.min(Math.min(PageSource.MAX_RUN_PAGES, r.pages - first), budget);
            ring.advance(count);
            scanRun(r, first, count);
            if (first + count == r.pages) {
                r.passes++;
            }
            budget -= count;
            visited += count;
            if (ring.passDone()) {
                endPass();
                break;
            }
        }
        return visited;
    }

    /**
     * Asks the merger for a private copy of every merged page.
     *
     * @return whether all are private now (then the stable tree is empty)
     */
    boolean unmergeAll() {
        boolean all = true;
        for (TrackedRegion r : ring.regions()) {
            for (int p = 0; p < r.pages; p++) {
                long links = ItemTable.links(r, p);
                int state = ItemTable.state(links);
                if (state != ItemTable.MERGED && state != ItemTable.ZERO) {
                    continue;
                }
                if (merger.unmerge(frameOf(links), r.id, p)) {
                    leaveFrame(links, r, p);
                    ItemTable.setLinks(r, p, ItemTable.fresh(ItemTable.SEEN));
                } else {
                    all = false;
                }
            }
        }
        if (all) {
            stable.clear();
        }
        return all;
    }

    boolean isEmpty() {
        return ring.isEmpty();
    }

    long fullScans() {
        return fullScans;
    }

    ScanRing ring() {
        return ring;
    }

    ItemTable items() {
        return items;
    }

    UnstableTree unstable() {
        return unstable;
    }

    /** @return pages visited and present at their last visit ({@code ksm_rmap_items}) */
    long visitedItems() {
        return visitedItems;
    }

    long unshared() {
        return unshared;
    }

    long zeroPages() {
        return zeroPages;
    }

    /** @return regions not yet scanned twice whole: their estimate is not final */
    int unsettledRegions() {
        int unsettled = 0;
        for (TrackedRegion r : ring.regions()) {
            if (r.passes < 2) {
                unsettled++;
            }
        }
        return unsettled;
    }

    private void endPass() {
        fullScans++;
        unstable.flush();
        stable.pruneDueChains();
        ring.restart();
    }

    /**
     * One run: read in place when the source can pin the region, else one presence query and as few copies as the
     * run has stretches of present pages; then each page in turn.
     */
    private void scanRun(TrackedRegion r, int first, int count) {
        ByteBuffer view;
        try {
            view = source.pin(r.id);
        } catch (RegionGoneException e) {
            drop(r);
            return;
        }
        try {
            long present;
            ByteBuffer pages = view != null ? view : run;
            int base = view != null ? first * PageSource.PAGE_BYTES : 0;
            try {
                present = source.presentPages(r.id, first, count);
                if (view == null) {
                    copyPresent(r, first, count, present);
                }
            } catch (RegionGoneException e) {
                drop(r);
                return;
            }
            long hashed = hashRun(r, first, count, present, pages, base);
            for (int i = 0; i < count && !r.dropped; i++) {
                if ((present >>> i & 1) == 0) {
                    forget(r, first + i);
                } else {
                    visit(r, first + i, pages, base + i * PageSource.PAGE_BYTES, runHashes[i], (hashed >>> i & 1) != 0);
                }
                while (!doomed.isEmpty()) {
                    TrackedRegion gone = doomed.poll();
                    if (!gone.dropped) {
                        drop(gone);
                    }
                }
            }
        } finally {
            if (view != null) {
                source.unpin(r.id);
            }
        }
    }

    /**
     * Hashes the run's present pages that their visit will hash, all before any is visited: one tight pass over
     * consecutive memory, which the hardware prefetches, instead of hashes interleaved with tree lookups and page
     * compares elsewhere; then {@link #touchAhead}. Measured on the 1 GiB worst case, side by side over 10-14 runs
     * (this host is noisy): hashing first took the two passes from a median of 0.70-0.83 s to 0.62-0.69 s; touching the heads, to
     * 0.55-0.65 s; touching the candidates' pages, the fastest run from 0.49-0.60 s to 0.45-0.47 s. Merged pages
     * are left to their visit unless the merger needs their hash, as a real merger does not.
     *
     * @return bit {@code i} set where {@link #runHashes}{@code [i]} holds page {@code first + i}'s hash
     */
    private long hashRun(TrackedRegion r, int first, int count, long present, ByteBuffer pages, int base) {
        boolean merged = merger.fingerprintsContent();
        long hashed = 0;
        long searching = 0;
        for (int i = 0; i < count; i++) {
            if ((present >>> i & 1) == 0) {
                continue;
            }
            int state = ItemTable.state(ItemTable.links(r, first + i));
            if (merged || state != ItemTable.MERGED && state != ItemTable.ZERO) {
                runHashes[i] = hasher.hash(pages, base + i * PageSource.PAGE_BYTES);
                work.hashes++;
                hashed |= 1L << i;
                // Only a page seen before whose checksum held still searches the unstable tree.
                if (state != ItemTable.NEW && ItemTable.checksum(runHashes[i]) == ItemTable.hash(r, first + i)) {
                    searching |= 1L << i;
                }
            }
        }
        touchAhead(count, hashed, searching);
        return hashed;
    }

    /**
     * Touches the bucket heads the run's visits will read, then the pages they will compare with: independent
     * loads, so their cache misses overlap here instead of stalling each visit in turn. The unstable tree only for
     * the pages that will search it.
     *
     * @param hashed    the pages {@link #hashRun} hashed
     * @param searching those of them that will search the unstable tree
     */
    private void touchAhead(int count, long hashed, long searching) {
        int heads = 0;
        for (int i = 0; i < count; i++) {
            if ((hashed >>> i & 1) != 0) {
                heads ^= stable.first(runHashes[i]);
            }
            if ((searching >>> i & 1) != 0) {
                heads ^= unstable.first(ItemTable.checksum(runHashes[i]));
            }
        }
        long lines = 0;
        for (int i = 0; i < count; i++) {
            if ((searching >>> i & 1) != 0) {
                lines += unstable.touchFirstCandidate(runHashes[i]);
            }
        }
        touched ^= heads ^ (int) lines;
    }

    /** Copies the run's present pages into {@link #run}, one read per stretch of consecutive present pages. */
    private void copyPresent(TrackedRegion r, int first, int count, long present) throws RegionGoneException {
        for (int i = 0; i < count; ) {
            if ((present >>> i & 1) == 0) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < count && (present >>> end & 1) != 0) {
                end++;
            }
            source.read(r.id, first + i, end - i, run, i * PageSource.PAGE_BYTES);
            i = end;
        }
    }

    /**
     * One present page, whose bytes are in {@code pages} at {@code offset}.
     *
     * @param hash   the page's hash when {@code hashed}
     * @param hashed whether {@link #hashRun} hashed it
     */
    private void visit(TrackedRegion r, int page, ByteBuffer pages, int offset, long hash, boolean hashed) {
        work.pagesVisited++;
        long links = ItemTable.links(r, page);
        int state = ItemTable.state(links);
        if (state == ItemTable.MERGED || state == ItemTable.ZERO) {
            if (merger.stillMerged(frameOf(links), r.id, page, pages, offset, hash)) {
                return;
            }
            work.copyOnWriteBreaks++;
            leaveFrame(links, r, page);
        } else if (state == ItemTable.CANDIDATE) {
            leaveUnstableTree(r, page, links);
        }
        if (!hashed) {
            hash = hasher.hash(pages, offset);
            work.hashes++;
        }
        long lastHash = ItemTable.hash(r, page);
        boolean firstVisit = state == ItemTable.NEW;
        if (firstVisit) {
            visitedItems++;
        }
        // All-zero pages never enter the trees: the zero frame takes them all, without a sharing limit.
        boolean zero = hash == zeroHash && PageOrder.isZero(pages, offset);
        if (!zero) {
            int node = stable.search(hash, pages, offset);
            if (node >= 0) {
                mergeIntoStable(r, page, hash, node, pages, offset);
                return;
            }
        }
        work.checksumChecks++;
        if (firstVisit || ItemTable.checksum(hash) != lastHash) {
            record(r, page, hash, firstVisit ? ItemTable.SEEN : ItemTable.VOLATILE);
            return;
        }
        record(r, page, hash, ItemTable.SEEN);
        if (zero) {
            if (merger.mergeInto(PageMerger.ZERO_FRAME, r.id, page, pages, offset, hash)) {
                zeroPages++;
                record(r, page, hash, ItemTable.ZERO);
            } else {
                work.mergeFailures++;
            }
            return;
        }
        searchUnstable(r, page, hash, pages, offset);
    }

    private void mergeIntoStable(TrackedRegion r, int page, long hash, int node, ByteBuffer pages, int offset) {
        if (merger.mergeInto(stable.frameOf(node), r.id, page, pages, offset, hash)) {
            stable.addMapper(node);
            ItemTable.setHash(r, page, hash);
            ItemTable.setLinks(r, page, ItemTable.merged(node));
        } else {
            // Mainline gives up on the page for this pass, without trying the unstable tree.
            work.mergeFailures++;
            record(r, page, hash, ItemTable.SEEN);
        }
    }

    private void searchUnstable(TrackedRegion r, int page, long hash, ByteBuffer pages, int offset) {
        int match;
        try {
            match = unstable.searchOrInsert(r.firstHandle + page, hash, pages, offset);
        } catch (RegionGoneException e) {
            doom(e.region());
            return;
        }
        if (match == UnstableTree.INSERTED) {
            unshared++;
            return;
        }
        if (match == UnstableTree.ABANDONED) {
            return;
        }
        TrackedRegion partner = items.regionOf(match);
        int frame = merger.mergePair(r.id, page, partner.id, match - partner.firstHandle, pages, offset, hash);
        if (frame == PageMerger.NO_FRAME) {
            work.mergeFailures++;
            return;
        }
        unstable.remove(match);
        unshared--;
        long frameHash = hash;
        ByteBuffer key = pages;
        int keyOffset = offset;
        if (!merger.holds(frame, pages, offset)) {
            // Both pages changed alike after our read and before the merger protected them: the frame holds the
            // new bytes, and the stable tree's key must be their hash, not our stale one.
            ByteBuffer content = merger.frame(frame);
            if (content != null) {
                frameHash = hasher.hash(content, 0);
                work.hashes++;
                key = content;
                keyOffset = 0;
            }
        }
        int node = stable.insertPair(frameHash, frame, key, keyOffset);
        items.setHash(match, frameHash);
        items.setLinks(match, ItemTable.merged(node));
        ItemTable.setHash(r, page, frameHash);
        ItemTable.setLinks(r, page, ItemTable.merged(node));
    }

    /** An absent page: not read, not materialised; whatever it was part of lets go of it. */
    private void forget(TrackedRegion r, int page) {
        work.absentPages++;
        long links = ItemTable.links(r, page);
        int state = ItemTable.state(links);
        if (state == ItemTable.NEW) {
            return;
        }
        if (state == ItemTable.MERGED || state == ItemTable.ZERO) {
            work.copyOnWriteBreaks++;
            leaveFrame(links, r, page);
        } else if (state == ItemTable.CANDIDATE) {
            leaveUnstableTree(r, page, links);
        }
        visitedItems--;
        record(r, page, 0, ItemTable.NEW);
    }

    private int frameOf(long links) {
        return ItemTable.state(links) == ItemTable.ZERO ? PageMerger.ZERO_FRAME
                : stable.frameOf(ItemTable.link(links));
    }

    private void leaveFrame(long links, TrackedRegion r, int page) {
        merger.pageLeft(frameOf(links), r.id, page);
        if (ItemTable.state(links) == ItemTable.ZERO) {
            zeroPages--;
        } else {
            stable.removeMapper(ItemTable.link(links));
        }
    }

    /**
     * A candidate's visit: in the normal course its tree was flushed at the end of the last pass (the link is
     * stale); it is unlinked first only if still in the current tree.
     */
    private void leaveUnstableTree(TrackedRegion r, int page, long links) {
        if (unstable.isLinked(links)) {
            unstable.remove(r.firstHandle + page);
        }
        unshared--;
        ItemTable.setLinks(r, page, ItemTable.fresh(ItemTable.SEEN));
    }

    private static void record(TrackedRegion r, int page, long hash, int state) {
        ItemTable.setHash(r, page, hash);
        ItemTable.setLinks(r, page, ItemTable.fresh(state));
    }

    private void doom(int region) {
        TrackedRegion r = items.byId(region);
        if (r != null && !r.dropped) {
            doomed.add(r);
        }
    }

    /** Removes a region with everything that refers to it; afterwards nothing can reach its pages. */
    private void drop(TrackedRegion r) {
        for (int p = 0; p < r.pages; p++) {
            long links = ItemTable.links(r, p);
            int state = ItemTable.state(links);
            if (state == ItemTable.MERGED || state == ItemTable.ZERO) {
                leaveFrame(links, r, p);
            } else if (state == ItemTable.CANDIDATE) {
                leaveUnstableTree(r, p, links);
            }
            if (state != ItemTable.NEW) {
                visitedItems--;
            }
        }
        merger.regionRemoved(r.id);
        ring.remove(r);
        items.remove(r);
        r.dropped = true;
        work.regionsDropped++;
    }
}
