package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * KSM's stable tree: one node per merged content, keyed by (hash, the frame's bytes), never flushed, indexed by
 * hash chains ({@link HashChains}) rather than mainline's rbtree. Keys cannot change because frames are
 * write-protected, so a content is always found in its hash's chain.
 *
 * <p><b>Sharing limit.</b> A frame takes at most {@code maxPageSharing} mappers (mainline's max_page_sharing: the
 * kernel caps it because every rmap walk is linear in the mappers). When a content needs a second frame, its node is
 * replaced in the tree by a <em>chain</em> node, and the frames become <em>dups</em> on the chain's list; the tree
 * still holds exactly one node per content. A search that finds the content with no dup below the limit reports
 * {@link #FULL}, so the page pairs with another one through the unstable tree and {@link #insertPair} adds the new
 * frame as one more dup.
 *
 * <p><b>Pruning.</b> A node whose mappers are all gone releases its frame at once ({@code pages_shared} drops); a
 * plain node leaves the tree at once, a dup stays on its chain, stale, until a walk passes the chain at least
 * {@code pruneIntervalMillis} after its last prune, or the pass ends after then. Then stale dups go, a chain left with one dup collapses back to
 * a plain node, and a chain left with none leaves the tree (that last case does not wait: there is no frame left
 * to compare against).
 *
 * <p>Nodes live in parallel primitive arrays (36 bytes a node, plus up to 8 of bucket heads) and are numbered from 0;
 * items of merged pages hold these numbers.
 */
final class StableTree extends HashChains {

    /** {@link #search}: no node has this content. */
    static final int MISSING = -2;

    /** {@link #search}: the content is here but every frame of it has {@code maxPageSharing} mappers. */
    static final int FULL = -3;

    /** The kernel's default {@code stable_node_chains_prune_millisecs}. */
    static final long DEFAULT_PRUNE_INTERVAL_MILLIS = 2000;

    /** In {@link #mappers}: the node is a chain, not a frame. */
    private static final int CHAIN = -1;

    private final PageMerger merger;
    private final Work work;
    private final LongSupplier clockMillis;
    private final long pruneIntervalMillis;
    private int maxPageSharing;

    private long[] hash = new long[0];
    /** Chains: when they were last pruned. */
    private long[] prunedAtMillis = new long[0];
    /** The next node in the same hash chain. */
    private int[] next = new int[0];
    /** Plain nodes and dups: the frame, {@link PageMerger#NO_FRAME} once stale. */
    private int[] frame = new int[0];
    /** Plain nodes and dups: mappers; chains: {@link #CHAIN}. */
    private int[] mappers = new int[0];
    /** Chains: first dup; dups: next dup; free nodes: next free node. */
    private int[] dupList = new int[0];
    /** Dups: their chain; others: {@link #NIL}. */
    private int[] chainOf = new int[0];
    private int highWater;
    private int freeList = NIL;
    /** The chain the current walk pruned, if any. */
    private int prunedChain = NIL;
    private int nodes;

    private long shared;
    private long sharing;
    private long chains;
    private long dups;

    StableTree(PageMerger merger, Work work, LongSupplier clockMillis, long pruneIntervalMillis,
               int maxPageSharing) {
        super(16);
        this.merger = merger;
        this.work = work;
        this.clockMillis = clockMillis;
        this.pruneIntervalMillis = pruneIntervalMillis;
        this.maxPageSharing = maxPageSharing;
    }

    /**
     * Finds a frame with this content that can take one more mapper.
     *
     * @return the node to merge into, {@link #MISSING} or {@link #FULL}
     */
    int search(long pageHash, ByteBuffer page, int offset) {
        int equal = walk(pageHash, page, offset);
        if (equal == NIL) {
            return MISSING;
        }
        int candidate = mappers[equal] == CHAIN ? sharingDup(equal) : mappers[equal] < maxPageSharing ? equal : NIL;
        return candidate == NIL ? FULL : candidate;
    }

    /**
     * Adds the frame a pair was just merged into, with its two mappers: a new plain node, or one more dup of an
     * existing content (turning a plain node into a chain).
     *
     * @param frameHash the frame content's hash
     * @param newFrame  the frame
     * @param content   bytes equal to the frame's, to find an existing node of that content
     * @param offset    where they start in {@code content}
     * @return the new node
     */
    int insertPair(long frameHash, int newFrame, ByteBuffer content, int offset) {
        int equal = walk(frameHash, content, offset);
        int z = allocate(frameHash, newFrame, 2);
        shared++;
        sharing++;
        if (equal == NIL) {
            if (linked() >= buckets()) {
                resize(buckets() * 2);
            }
            link(z);
            return z;
        }
        int chain = equal;
        if (mappers[equal] != CHAIN) {
            chain = allocate(frameHash, PageMerger.NO_FRAME, CHAIN);
            prunedAtMillis[chain] = clockMillis.getAsLong();
            replace(equal, chain);
            addDup(chain, equal);
            chains++;
        }
        addDup(chain, z);
        return z;
    }

    /** One more page maps {@code node}'s frame. */
    void addMapper(int node) {
        if (mappers[node]++ == 0) {
            shared++;
        } else {
            sharing++;
        }
    }

    /** A page no longer maps {@code node}'s frame; the last one out releases the frame. */
    void removeMapper(int node) {
        if (--mappers[node] > 0) {
            sharing--;
            return;
        }
        shared--;
        merger.releaseFrame(frame[node]);
        frame[node] = PageMerger.NO_FRAME;
        if (chainOf[node] == NIL) {
            if (!unlink(node)) {
                throw new IllegalStateException("stable node " + node + " is not in the stable tree");
            }
            free(node);
        }
    }

    /** Forgets every node; only when no frame has a mapper (stale dups' frames are already released). */
    void clear() {
        if (shared != 0) {
            throw new IllegalStateException(shared + " frames still have mappers");
        }
        clearAll();
        resize(16);
        highWater = 0;
        freeList = NIL;
        nodes = 0;
        sharing = 0;
        chains = 0;
        dups = 0;
    }

    /** @return the frame of a plain node or dup */
    int frameOf(int node) {
        return frame[node];
    }

    /** @return mappers of a plain node or dup */
    int mappers(int node) {
        return mappers[node];
    }

    int maxPageSharing() {
        return maxPageSharing;
    }

    /** Callers make sure no frame is shared: the limit is an invariant of every existing frame. */
    void maxPageSharing(int limit) {
        maxPageSharing = limit;
    }

    /** @return frames with at least one mapper ({@code pages_shared}) */
    long shared() {
        return shared;
    }

    /** @return mappers beyond the first of each frame ({@code pages_sharing}): pages saved */
    long sharing() {
        return sharing;
    }

    /** @return contents with more than one frame ({@code stable_node_chains}) */
    long chains() {
        return chains;
    }

    /** @return frames on chains, stale ones included until pruned ({@code stable_node_dups}) */
    long dups() {
        return dups;
    }

    /** @return nodes in use: plain, chains and dups */
    int nodes() {
        return nodes;
    }

    /** @return bytes held by the node arrays */
    long metadataBytes() {
        return (long) hash.length * (2 * Long.BYTES + 5 * Integer.BYTES) + headBytes();
    }

    /**
     * Finds the node with this content in its hash's chain, pruning the chains with this hash it meets when due (as
     * mainline's chain_prune does for the chains its walk meets).
     *
     * @return the node, or {@link #NIL}
     */
    private int walk(long pageHash, ByteBuffer page, int offset) {
        work.stableLookups++;
        prunedChain = NIL;
        int visits = 0;
        try {
            restart:
            while (true) {
                int steps = 0;
                for (int n = first(pageHash); n != NIL && steps < MAX_STEPS; n = next[n], steps++) {
                    visits++;
                    if (hash[n] != pageHash) {
                        continue;
                    }
                    if (mappers[n] == CHAIN && pruneDue(n) && pruneChain(n)) {
                        continue restart;
                    }
                    int any = mappers[n] == CHAIN ? liveDup(n) : n;
                    work.fullPageCompares++;
                    if (merger.holds(frame[any], page, offset)) {
                        return n;
                    }
                }
                return NIL;
            }
        } finally {
            work.stableComparisons += visits;
            work.lookupDone(visits);
        }
    }

    /**
     * Prunes every chain whose interval has passed, once a pass. Mainline prunes the chains its rbtree walks pass,
     * which in a tree is every chain now and then; a hash chain meets only chains of its own hash, so the pass end
     * does it for the others. Cost: one look at each node a pass, next to a pass's visit of every page.
     */
    void pruneDueChains() {
        for (int n = 0; n < highWater; n++) {
            if (mappers[n] == CHAIN && pruneDue(n)) {
                pruneChain(n);
            }
        }
    }

    private boolean pruneDue(int chain) {
        return clockMillis.getAsLong() - prunedAtMillis[chain] >= pruneIntervalMillis || liveDup(chain) == NIL;
    }

    /**
     * Drops the stale dups of a chain; collapses or removes it when one or no dup is left.
     *
     * @return whether the index changed (the walk must restart)
     */
    private boolean pruneChain(int chain) {
        int previous = NIL;
        int live = 0;
        int survivor = NIL;
        for (int d = dupList[chain]; d != NIL; ) {
            int following = dupList[d];
            if (mappers[d] == 0) {
                if (previous == NIL) {
                    dupList[chain] = following;
                } else {
                    dupList[previous] = following;
                }
                free(d);
                dups--;
            } else {
                live++;
                survivor = d;
                previous = d;
            }
            d = following;
        }
        if (live > 1) {
            prunedAtMillis[chain] = clockMillis.getAsLong();
            prunedChain = chain;
            return false;
        }
        if (live == 1) {
            replace(chain, survivor);
            chainOf[survivor] = NIL;
            dupList[survivor] = NIL;
            dups--;
        } else {
            unlink(chain);
        }
        free(chain);
        chains--;
        return true;
    }

    private int liveDup(int chain) {
        for (int d = dupList[chain]; d != NIL; d = dupList[d]) {
            if (mappers[d] > 0) {
                return d;
            }
        }
        return NIL;
    }

    /**
     * A live dup with room, as mainline's stable_node_dup: right after a prune (which read every dup anyway) the one
     * with the most mappers, packing frames densely; otherwise the first, which is nearly always the head, because
     * new dups go to the head and a chosen dup that still has room after this merge is moved there. So a content
     * with thousands of frames costs one step here, not thousands.
     */
    private int sharingDup(int chain) {
        boolean packDensely = prunedChain == chain;
        int best = NIL;
        int beforeBest = NIL;
        for (int d = dupList[chain], previous = NIL; d != NIL; previous = d, d = dupList[d]) {
            int m = mappers[d];
            if (m > 0 && m < maxPageSharing && (best == NIL || m > mappers[best])) {
                best = d;
                beforeBest = previous;
                if (!packDensely) {
                    break;
                }
            }
        }
        if (best != NIL && beforeBest != NIL && mappers[best] + 1 < maxPageSharing) {
            dupList[beforeBest] = dupList[best];
            dupList[best] = dupList[chain];
            dupList[chain] = best;
        }
        return best;
    }

    private void addDup(int chain, int dup) {
        chainOf[dup] = chain;
        dupList[dup] = dupList[chain];
        dupList[chain] = dup;
        dups++;
    }

    private int allocate(long nodeHash, int nodeFrame, int nodeMappers) {
        int n = freeList;
        if (n != NIL) {
            freeList = dupList[n];
        } else {
            if (highWater == hash.length) {
                grow();
            }
            n = highWater++;
        }
        if (n >= ItemTable.MAX_HANDLES) {
            throw new IllegalStateException("stable tree full: " + n + " nodes");
        }
        hash[n] = nodeHash;
        frame[n] = nodeFrame;
        mappers[n] = nodeMappers;
        dupList[n] = NIL;
        chainOf[n] = NIL;
        next[n] = NIL;
        nodes++;
        return n;
    }

    private void free(int n) {
        frame[n] = PageMerger.NO_FRAME;
        mappers[n] = 0;
        chainOf[n] = NIL;
        dupList[n] = freeList;
        freeList = n;
        nodes--;
    }

    private void grow() {
        int size = Math.max(16, hash.length + (hash.length >> 1));
        hash = Arrays.copyOf(hash, size);
        prunedAtMillis = Arrays.copyOf(prunedAtMillis, size);
        next = Arrays.copyOf(next, size);
        frame = Arrays.copyOf(frame, size);
        mappers = Arrays.copyOf(mappers, size);
        dupList = Arrays.copyOf(dupList, size);
        chainOf = Arrays.copyOf(chainOf, size);
    }

    @Override
    int next(int node) {
        return next[node];
    }

    @Override
    void setNext(int node, int following) {
        next[node] = following;
    }

    @Override
    long key(int node) {
        return hash[node];
    }
}
