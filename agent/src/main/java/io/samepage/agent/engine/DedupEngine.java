package io.samepage.agent.engine;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * The in-process deduplicator: Linux KSM's stable/unstable tree algorithm, mainline semantics, over the regions of
 * a {@link PageSource}, merging through a {@link PageMerger}.
 *
 * <p>Each {@link #step()} visits up to {@code pagesPerBatch} pages in a fixed circular order over the regions,
 * reading runs of up to {@link PageSource#MAX_RUN_PAGES} consecutive present pages in one call. For each page:
 * <ol>
 *   <li>absent: skipped, never read; what the engine knew about it is forgotten;</li>
 *   <li>merged before: if the merger says it still maps its frame, done (no hash); otherwise it was written
 *       (copy on write): it leaves its frame ({@code pages_sharing} drops) and is handled like any other page;</li>
 *   <li>hashed (once; the hash is both tree key and checksum); all-zero pages skip the stable tree;</li>
 *   <li><b>stable tree search first</b>, so even a volatile page merges into an existing frame;</li>
 *   <li><b>checksum gate</b>: a first visit only records the hash; a changed hash marks the page volatile;</li>
 *   <li>an unchanged all-zero page maps to the zero frame;</li>
 *   <li><b>unstable tree search or insert</b>; on a match the pair becomes a new frame in the stable tree.</li>
 * </ol>
 * At the end of each pass the unstable tree is flushed and {@code full_scans} counts one.
 *
 * <p>Threads: {@link #addRegion} and {@link #removeRegion} may be called from any thread and never block (they are
 * called from allocation and free hooks, which hold the region's lifetime lock); they take effect at the start of
 * the next step or call. Every other method is {@code synchronized}; a step holds the lock for one bounded batch.
 * The source and merger are only ever called with that lock held.
 */
public final class DedupEngine {

    /** The kernel's default {@code pages_to_scan}. */
    public static final int DEFAULT_PAGES_PER_BATCH = 100;

    /** The kernel's default {@code max_page_sharing}. */
    public static final int DEFAULT_MAX_PAGE_SHARING = 256;

    /** Smallest {@code max_page_sharing}: a new frame starts with two mappers. */
    public static final int MIN_MAX_PAGE_SHARING = 2;

    private final Work work = new Work();
    private final StableTree stable;
    private final Scanner scanner;
    private final Queue<RegionChange> changes = new ConcurrentLinkedQueue<>();
    private int pagesPerBatch;
    private RunState runState = RunState.RUN;
    private long regionsRefused;
    private boolean unmergeIncomplete;

    private DedupEngine(Builder b) {
        this.pagesPerBatch = b.pagesPerBatch;
        this.stable = new StableTree(b.merger, work, b.clockMillis, b.pruneIntervalMillis, b.maxPageSharing);
        this.scanner = new Scanner(b.source, b.merger, b.hasher, work, stable);
    }

    /**
     * @param source where pages are read
     * @param merger what merges them
     * @return a builder with the kernel's defaults
     */
    public static Builder builder(PageSource source, PageMerger merger) {
        return new Builder(source, merger);
    }

    /**
     * Starts tracking a region; it is first scanned when the cursor comes round to it. Never blocks.
     *
     * @param region the source's number for the region; ignored if already tracked
     * @param pages  its size, 1 to 2^29 - 2
     */
    public void addRegion(int region, int pages) {
        if (pages < 1 || pages >= ItemTable.MAX_HANDLES) {
            throw new IllegalArgumentException("region " + region + ": " + pages + " pages (1 to "
                    + (ItemTable.MAX_HANDLES - 1) + ")");
        }
        changes.add(new RegionChange(region, pages));
    }

    /**
     * Stops tracking a region: its items, candidates and mappers are dropped (frames it was the last mapper of are
     * released); the region is never read again. Merged pages are not unmerged: the region is going away (the
     * kernel of 2009 did the same; mainline unmerges because its regions outlive the advice). Never blocks;
     * unknown regions are ignored.
     *
     * @param region the source's number for the region
     */
    public void removeRegion(int region) {
        changes.add(new RegionChange(region, 0));
    }

    /**
     * Visits up to {@code pagesPerBatch} pages (absent ones count too), stopping early at the end of a pass so a
     * step never spans two passes. In {@link RunState#STOP} does nothing; in {@link RunState#UNMERGE} retries pages
     * left merged.
     *
     * @return pages visited
     */
    public synchronized int step() {
        applyChanges();
        if (runState == RunState.STOP) {
            return 0;
        }
        if (runState == RunState.UNMERGE) {
            if (unmergeIncomplete) {
                unmergeAll();
            }
            return 0;
        }
        return scanner.scan(pagesPerBatch);
    }

    /**
     * Steps until the current pass completes (a whole pass when called between passes); for tests and tools.
     *
     * @return {@code false} when not running or nothing is tracked
     */
    public synchronized boolean fullScan() {
        applyChanges();
        if (runState != RunState.RUN || scanner.isEmpty()) {
            return false;
        }
        long target = scanner.fullScans() + 1;
        while (scanner.fullScans() < target) {
            step();
            if (scanner.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** @return the current run state */
    public synchronized RunState runState() {
        return runState;
    }

    /**
     * Changes the run state. Entering {@link RunState#UNMERGE} unmerges every page at once and empties the stable
     * tree; pages the merger cannot unmerge now are retried by each {@link #step()}.
     *
     * @param state the new state
     * @return {@code true} unless entering {@code UNMERGE} left some pages merged
     */
    public synchronized boolean setRunState(RunState state) {
        applyChanges();
        runState = Objects.requireNonNull(state, "state");
        return state != RunState.UNMERGE || unmergeAll();
    }

    /**
     * Sets {@code max_page_sharing}. Refused, as by the kernel, while any frame is shared: the limit is an invariant
     * of every existing frame. Unmerge everything ({@link RunState#UNMERGE}) first.
     *
     * @param limit at least {@link #MIN_MAX_PAGE_SHARING}
     * @return {@code false} when refused (busy)
     */
    public synchronized boolean setMaxPageSharing(int limit) {
        if (limit < MIN_MAX_PAGE_SHARING) {
            throw new IllegalArgumentException("max_page_sharing " + limit + " < " + MIN_MAX_PAGE_SHARING);
        }
        applyChanges();
        if (stable.shared() > 0) {
            return false;
        }
        stable.clear();
        stable.maxPageSharing(limit);
        return true;
    }

    /** @return the current {@code max_page_sharing} */
    public synchronized int maxPageSharing() {
        return stable.maxPageSharing();
    }

    /** @param pages pages per {@link #step()}, at least 1 (the kernel's {@code pages_to_scan}) */
    public synchronized void setPagesPerBatch(int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("pages per batch " + pages + " < 1");
        }
        pagesPerBatch = pages;
    }

    /** @return the kernel-style counters now */
    public synchronized DedupStats stats() {
        applyChanges();
        long shared = stable.shared();
        long sharing = stable.sharing();
        long items = scanner.visitedItems();
        long unshared = scanner.unshared();
        long zero = scanner.zeroPages();
        long volatilePages = Math.max(0, items - shared - sharing - unshared - zero);
        return new DedupStats(shared, sharing, unshared, volatilePages, scanner.fullScans(), stable.chains(),
                stable.dups(), zero, items, scanner.items().trackedPages(), scanner.ring().regions().size(),
                regionsRefused);
    }

    /** @return what merging saves, per region and in total; reads every item once */
    public synchronized EstimateReport estimate() {
        applyChanges();
        return SavingsEstimator.estimate(scanner.ring().regions(), stable, scanner.fullScans(),
                scanner.unsettledRegions());
    }

    /** @return regions not yet scanned twice whole, without building an estimate (one look per region) */
    public synchronized int unsettledRegions() {
        applyChanges();
        return scanner.unsettledRegions();
    }

    /** @return the work done since the engine was built or {@link #resetWork()} */
    public synchronized WorkCounters work() {
        return work.snapshot();
    }

    /** Zeroes the {@link #work()} counters. */
    public synchronized void resetWork() {
        work.reset();
    }

    /** @return the bookkeeping's size, from array lengths */
    public synchronized MetadataFootprint footprint() {
        applyChanges();
        ItemTable items = scanner.items();
        long itemBytes = items.itemBytes();
        return new MetadataFootprint(items.trackedPages(), itemBytes, items.metadataBytes() - itemBytes,
                scanner.unstable().headBytes(), stable.nodes(), stable.metadataBytes());
    }

    /**
     * Checks both trees' hash chains; for tests.
     *
     * @return nodes linked in the stable tree (a chain counts once) and in the unstable tree
     */
    synchronized int[] validateTrees() {
        applyChanges();
        return new int[] {stable.validate(), scanner.unstable().validate()};
    }

    /** @return items per state, indexed by {@link ItemTable}'s state numbers; for tests */
    synchronized long[] stateCounts() {
        applyChanges();
        long[] counts = new long[8];
        for (TrackedRegion r : scanner.ring().regions()) {
            for (int p = 0; p < r.pages; p++) {
                counts[ItemTable.state(ItemTable.links(r, p))]++;
            }
        }
        return counts;
    }

    private void applyChanges() {
        for (RegionChange c; (c = changes.poll()) != null; ) {
            if (c.pages == 0) {
                scanner.untrack(c.region);
            } else if (!scanner.track(c.region, c.pages)) {
                regionsRefused++;
            }
        }
    }

    private boolean unmergeAll() {
        unmergeIncomplete = !scanner.unmergeAll();
        return !unmergeIncomplete;
    }

    /** An {@link #addRegion} ({@code pages > 0}) or {@link #removeRegion} waiting for the scanner. */
    private record RegionChange(int region, int pages) {
    }

    /** Configuration of a {@link DedupEngine}; defaults are the kernel's. */
    public static final class Builder {

        private final PageSource source;
        private final PageMerger merger;
        private PageHasher hasher = PageHasher.standard();
        private LongSupplier clockMillis = System::currentTimeMillis;
        private long pruneIntervalMillis = StableTree.DEFAULT_PRUNE_INTERVAL_MILLIS;
        private int maxPageSharing = DEFAULT_MAX_PAGE_SHARING;
        private int pagesPerBatch = DEFAULT_PAGES_PER_BATCH;

        private Builder(PageSource source, PageMerger merger) {
            this.source = Objects.requireNonNull(source, "source");
            this.merger = Objects.requireNonNull(merger, "merger");
        }

        /**
         * @param value the page hasher, e.g. a constant one in tests to force equal hashes
         * @return this builder
         */
        public Builder hasher(PageHasher value) {
            this.hasher = Objects.requireNonNull(value, "hasher");
            return this;
        }

        /**
         * @param value the clock chain pruning reads, in milliseconds
         * @return this builder
         */
        public Builder clockMillis(LongSupplier value) {
            this.clockMillis = Objects.requireNonNull(value, "clockMillis");
            return this;
        }

        /**
         * @param millis {@code stable_node_chains_prune_millisecs}, default 2000
         * @return this builder
         */
        public Builder pruneIntervalMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("prune interval " + millis + " ms < 0");
            }
            this.pruneIntervalMillis = millis;
            return this;
        }

        /**
         * @param limit {@code max_page_sharing}, default 256, at least 2
         * @return this builder
         */
        public Builder maxPageSharing(int limit) {
            if (limit < MIN_MAX_PAGE_SHARING) {
                throw new IllegalArgumentException("max_page_sharing " + limit + " < " + MIN_MAX_PAGE_SHARING);
            }
            this.maxPageSharing = limit;
            return this;
        }

        /**
         * @param pages pages per {@link DedupEngine#step()}, default 100
         * @return this builder
         */
        public Builder pagesPerBatch(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("pages per batch " + pages + " < 1");
            }
            this.pagesPerBatch = pages;
            return this;
        }

        /** @return the engine, running, tracking nothing yet */
        public DedupEngine build() {
            return new DedupEngine(this);
        }
    }
}
