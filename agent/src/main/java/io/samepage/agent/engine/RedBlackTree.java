package io.samepage.agent.engine;

/**
 * A red-black tree over {@code int} node numbers whose links live in the subclass's primitive arrays, with no
 * parent pointers: every structural change works on the root-to-node {@link #path} of the search that preceded it.
 *
 * <p>Why no parent pointers: the unstable tree's nodes are the per-page items themselves, and 4 more bytes a page
 * would break the 16-byte budget. Why red-black: balance depends on colours, not keys, so an unstable-tree node
 * whose content changed after insertion cannot unbalance the tree; the height stays at most 2·log2(n+1).
 *
 * <p>Both trees order nodes by {@link #hash} first ({@link PageOrder}). The hash of a node never changes while it
 * is linked, so a node can always be found again by identity ({@link #findPath}) without reading any page.
 */
abstract class RedBlackTree {

    /** No node. */
    static final int NIL = -1;

    /** Room for a path: 2·log2(2^31) levels plus what a delete's rotations add. */
    private static final int MAX_PATH = 128;

    /** The root, {@link #NIL} when empty. */
    int root = NIL;

    /** Nodes from the root down, filled by a search or {@link #findPath}; valid up to {@link #depth}. */
    final int[] path = new int[MAX_PATH];

    /** Nodes on {@link #path}. */
    int depth;

    /** Whether the search that filled {@link #path} fell off the left of its last node (else the right). */
    boolean lastLeft;

    abstract int left(int node);

    abstract int right(int node);

    abstract void setLeft(int node, int child);

    abstract void setRight(int node, int child);

    abstract boolean isRed(int node);

    abstract void setRed(int node, boolean red);

    /** @return the node's hash, its first key */
    abstract long hash(int node);

    /** Forgets every node in O(1); the nodes' own links are left as they are. */
    void clearRoot() {
        root = NIL;
        depth = 0;
    }

    /**
     * Links a new node where the last search fell off ({@link #path}, {@link #lastLeft}) and rebalances.
     *
     * @param z a node not in the tree
     */
    final void insertAtSearchEnd(int z) {
        setLeft(z, NIL);
        setRight(z, NIL);
        setRed(z, true);
        if (depth == 0) {
            root = z;
        } else if (lastLeft) {
            setLeft(path[depth - 1], z);
        } else {
            setRight(path[depth - 1], z);
        }
        path[depth] = z;
        int k = depth;
        while (k >= 2 && red(path[k - 1])) {
            int p = path[k - 1];
            int g = path[k - 2];
            int x = path[k];
            if (p == left(g)) {
                int uncle = right(g);
                if (red(uncle)) {
                    setRed(p, false);
                    setRed(uncle, false);
                    setRed(g, true);
                    k -= 2;
                    continue;
                }
                if (x == right(p)) {
                    rotateLeft(p, g);
                    p = x;
                }
                rotateRight(g, k >= 3 ? path[k - 3] : NIL);
            } else {
                int uncle = left(g);
                if (red(uncle)) {
                    setRed(p, false);
                    setRed(uncle, false);
                    setRed(g, true);
                    k -= 2;
                    continue;
                }
                if (x == left(p)) {
                    rotateRight(p, g);
                    p = x;
                }
                rotateLeft(g, k >= 3 ? path[k - 3] : NIL);
            }
            setRed(p, false);
            setRed(g, true);
            break;
        }
        setRed(root, false);
        depth = 0;
    }

    /**
     * Fills {@link #path} with the way from the root to {@code z}, steering by hash alone: nodes with equal hashes
     * form one subtree, searched both ways.
     *
     * @return {@code false} when {@code z} is not in the tree
     */
    final boolean findPath(int z) {
        long h = hash(z);
        int n = root;
        int d = 0;
        while (n != NIL) {
            int c = PageOrder.compareHashes(h, hash(n));
            if (c == 0) {
                if (findAmongEqualHashes(n, z, h, d)) {
                    return true;
                }
                break;
            }
            path[d++] = n;
            n = c < 0 ? left(n) : right(n);
        }
        depth = 0;
        return false;
    }

    private boolean findAmongEqualHashes(int n, int z, long h, int d) {
        if (n == NIL) {
            return false;
        }
        path[d] = n;
        if (n == z) {
            depth = d + 1;
            return true;
        }
        int c = PageOrder.compareHashes(h, hash(n));
        return c <= 0 && findAmongEqualHashes(left(n), z, h, d + 1)
                || c >= 0 && findAmongEqualHashes(right(n), z, h, d + 1);
    }

    /** Unlinks the last node of {@link #path} and rebalances. */
    final void deletePathEnd() {
        int zi = depth - 1;
        int z = path[zi];
        if (left(z) != NIL && right(z) != NIL) {
            int yi = zi + 1;
            int y = right(z);
            path[yi] = y;
            while (left(y) != NIL) {
                y = left(y);
                path[++yi] = y;
            }
            swapWithSuccessor(zi, yi);
            zi = yi;
        }
        int x = left(z) != NIL ? left(z) : right(z);
        int pi = zi - 1;
        int p = pi >= 0 ? path[pi] : NIL;
        boolean xLeft = p != NIL && left(p) == z;
        replaceChild(p, z, x);
        boolean removedBlack = !red(z);
        setLeft(z, NIL);
        setRight(z, NIL);
        setRed(z, false);
        if (removedBlack) {
            if (red(x)) {
                setRed(x, false);
            } else if (p != NIL) {
                restoreBlackHeight(pi, xLeft);
            }
        }
        if (root != NIL) {
            setRed(root, false);
        }
        depth = 0;
    }

    /**
     * Puts {@code path[index]}'s replacement, a node not in the tree, in its place (same links and colour); the
     * replaced node is left unlinked. Used where a chain takes a node's place or gives it back: same key, same spot.
     */
    final void replaceAt(int index, int replacement) {
        int old = path[index];
        setLeft(replacement, left(old));
        setRight(replacement, right(old));
        setRed(replacement, red(old));
        replaceChild(index > 0 ? path[index - 1] : NIL, old, replacement);
        setLeft(old, NIL);
        setRight(old, NIL);
        path[index] = replacement;
    }

    /** Swaps node {@code path[zi]} with its in-order successor {@code path[yi]} by relinking, keeping {@link #path}. */
    private void swapWithSuccessor(int zi, int yi) {
        int z = path[zi];
        int y = path[yi];
        int zl = left(z);
        int zr = right(z);
        int yr = right(y);
        boolean zRed = red(z);
        boolean yRed = red(y);
        replaceChild(zi > 0 ? path[zi - 1] : NIL, z, y);
        setLeft(y, zl);
        if (zr == y) {
            setRight(y, z);
        } else {
            setRight(y, zr);
            setLeft(path[yi - 1], z);
        }
        setLeft(z, NIL);
        setRight(z, yr);
        setRed(y, zRed);
        setRed(z, yRed);
        path[zi] = y;
        path[yi] = z;
    }

    /** CLRS delete fix-up for a doubly black child of {@code path[pi]} on side {@code xLeft}. */
    private void restoreBlackHeight(int pi, boolean xLeft) {
        while (true) {
            int p = path[pi];
            int grand = pi > 0 ? path[pi - 1] : NIL;
            if (xLeft) {
                int w = right(p);
                if (red(w)) {
                    setRed(w, false);
                    setRed(p, true);
                    rotateLeft(p, grand);
                    path[pi] = w;
                    path[++pi] = p;
                    w = right(p);
                }
                if (!red(left(w)) && !red(right(w))) {
                    setRed(w, true);
                    if (red(p) || pi == 0) {
                        setRed(p, false);
                        return;
                    }
                    pi--;
                    xLeft = left(path[pi]) == p;
                    continue;
                }
                if (!red(right(w))) {
                    setRed(left(w), false);
                    setRed(w, true);
                    rotateRight(w, p);
                    w = right(p);
                }
                setRed(w, red(p));
                setRed(p, false);
                setRed(right(w), false);
                rotateLeft(p, pi > 0 ? path[pi - 1] : NIL);
            } else {
                int w = left(p);
                if (red(w)) {
                    setRed(w, false);
                    setRed(p, true);
                    rotateRight(p, grand);
                    path[pi] = w;
                    path[++pi] = p;
                    w = left(p);
                }
                if (!red(left(w)) && !red(right(w))) {
                    setRed(w, true);
                    if (red(p) || pi == 0) {
                        setRed(p, false);
                        return;
                    }
                    pi--;
                    xLeft = left(path[pi]) == p;
                    continue;
                }
                if (!red(left(w))) {
                    setRed(right(w), false);
                    setRed(w, true);
                    rotateLeft(w, p);
                    w = left(p);
                }
                setRed(w, red(p));
                setRed(p, false);
                setRed(left(w), false);
                rotateRight(p, pi > 0 ? path[pi - 1] : NIL);
            }
            return;
        }
    }

    private boolean red(int node) {
        return node != NIL && isRed(node);
    }

    private void rotateLeft(int x, int parent) {
        int y = right(x);
        setRight(x, left(y));
        setLeft(y, x);
        replaceChild(parent, x, y);
    }

    private void rotateRight(int x, int parent) {
        int y = left(x);
        setLeft(x, right(y));
        setRight(y, x);
        replaceChild(parent, x, y);
    }

    private void replaceChild(int parent, int old, int child) {
        if (parent == NIL) {
            root = child;
        } else if (left(parent) == old) {
            setLeft(parent, child);
        } else {
            setRight(parent, child);
        }
    }

    /**
     * Checks the red-black rules and the hash order; for tests.
     *
     * @return the number of nodes
     * @throws IllegalStateException naming the first broken rule
     */
    final int validate() {
        if (red(root)) {
            throw new IllegalStateException("red root " + root);
        }
        int[] count = new int[1];
        blackHeight(root, count);
        return count[0];
    }

    private int blackHeight(int n, int[] count) {
        if (n == NIL) {
            return 1;
        }
        count[0]++;
        int l = left(n);
        int r = right(n);
        if (red(n) && (red(l) || red(r))) {
            throw new IllegalStateException("red node " + n + " has a red child");
        }
        if (l != NIL && PageOrder.compareHashes(hash(l), hash(n)) > 0
                || r != NIL && PageOrder.compareHashes(hash(r), hash(n)) < 0) {
            throw new IllegalStateException("hash order broken at " + n);
        }
        int hl = blackHeight(l, count);
        int hr = blackHeight(r, count);
        if (hl != hr) {
            throw new IllegalStateException("black heights " + hl + " != " + hr + " below " + n);
        }
        return hl + (red(n) ? 0 : 1);
    }
}
