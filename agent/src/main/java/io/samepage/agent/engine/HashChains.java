package io.samepage.agent.engine;

import java.util.Arrays;

/**
 * A chained hash index over {@code int} node numbers whose chain links live in the subclass's primitive storage:
 * the lookup structure of both of KSM's "trees".
 *
 * <p>Why not a search tree, as mainline has: both trees are keyed by a content hash first, and a hash needs no
 * order. A tree lookup costs one cache miss per level (about 19 at a million pages, a microsecond), a chain lookup
 * one or two. What the trees' order gave the kernel, finding equal pages without hashing, the hash gives here; what
 * it still needs, equality by bytes, the subclasses check on every hash match.
 *
 * <p>Heads are one {@code int} per bucket, a power of two; a node's bucket comes from its {@link #key}, which never
 * changes while the node is linked, so a node can always be found again by identity without reading any page.
 * {@link #MAX_STEPS} bounds every walk: equal hashes cannot be forced into quadratic work, and chains of a good
 * hash at load two are nowhere near it.
 */
abstract class HashChains {

    /** No node. */
    static final int NIL = -1;

    /** Most nodes one walk visits; a walk that reaches it gives up as if it found nothing. */
    static final int MAX_STEPS = 64;

    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    private int[] heads;
    private int mask;
    private int size;

    HashChains(int buckets) {
        heads = new int[Integer.highestOneBit(Math.max(16, buckets))];
        Arrays.fill(heads, NIL);
        mask = heads.length - 1;
    }

    /** @return the next node in the node's chain, or {@link #NIL} */
    abstract int next(int node);

    abstract void setNext(int node, int next);

    /** @return the node's key: it picks the bucket and must not change while the node is linked */
    abstract long key(int node);

    /** @return the first node of the chain that nodes with this key are on */
    final int first(long key) {
        return heads[bucket(key)];
    }

    /** Links a node at the front of its chain. */
    final void link(int node) {
        int b = bucket(key(node));
        setNext(node, heads[b]);
        heads[b] = node;
        size++;
    }

    /**
     * Unlinks a node found by identity.
     *
     * @return whether it was linked
     */
    final boolean unlink(int node) {
        int b = bucket(key(node));
        int previous = NIL;
        for (int n = heads[b]; n != NIL; previous = n, n = next(n)) {
            if (n == node) {
                if (previous == NIL) {
                    heads[b] = next(n);
                } else {
                    setNext(previous, next(n));
                }
                size--;
                return true;
            }
        }
        return false;
    }

    /** Puts {@code replacement}, with the same key and not linked, where {@code node} is. */
    final void replace(int node, int replacement) {
        int b = bucket(key(node));
        setNext(replacement, next(node));
        if (heads[b] == node) {
            heads[b] = replacement;
            return;
        }
        for (int n = heads[b]; n != NIL; n = next(n)) {
            if (next(n) == node) {
                setNext(n, replacement);
                return;
            }
        }
        throw new IllegalStateException("node " + node + " is not linked");
    }

    /** Forgets every node; the nodes' own links are left as they are. */
    final void clearAll() {
        Arrays.fill(heads, NIL);
        size = 0;
    }

    /** @return linked nodes */
    final int linked() {
        return size;
    }

    /** @return bytes held by the heads */
    final long headBytes() {
        return (long) heads.length * Integer.BYTES;
    }

    /** @return buckets */
    final int buckets() {
        return heads.length;
    }

    /**
     * Re-spreads the nodes over a new number of buckets (rounded down to a power of two, at least 16).
     *
     * @param buckets the wanted number of buckets
     */
    final void resize(int buckets) {
        int[] old = heads;
        heads = new int[Integer.highestOneBit(Math.max(16, buckets))];
        Arrays.fill(heads, NIL);
        mask = heads.length - 1;
        for (int head : old) {
            for (int n = head; n != NIL; ) {
                int following = next(n);
                int b = bucket(key(n));
                setNext(n, heads[b]);
                heads[b] = n;
                n = following;
            }
        }
    }

    /**
     * Checks that every linked node is in its own bucket, once, and that the count is right; for tests.
     *
     * @return the number of linked nodes
     * @throws IllegalStateException naming the first broken rule
     */
    final int validate() {
        int count = 0;
        for (int b = 0; b < heads.length; b++) {
            int steps = 0;
            for (int n = heads[b]; n != NIL; n = next(n)) {
                if (bucket(key(n)) != b) {
                    throw new IllegalStateException("node " + n + " is in bucket " + b + ", its key says "
                            + bucket(key(n)));
                }
                if (++steps > size) {
                    throw new IllegalStateException("cycle in bucket " + b);
                }
                count++;
            }
        }
        if (count != size) {
            throw new IllegalStateException(count + " nodes linked, " + size + " counted");
        }
        return count;
    }

    private int bucket(long key) {
        return (int) ((key * SPREAD) >>> 32) & mask;
    }
}
