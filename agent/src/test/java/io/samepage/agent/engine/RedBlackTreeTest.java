package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The parent-less red-black tree both trees share: inserts, deletes by identity, in-place replacement. */
class RedBlackTreeTest {

    /** Nodes 0..n-1 keyed by (hash, node number), the number standing in for page content. */
    private static final class ArrayTree extends RedBlackTree {
        final long[] hashes;
        final int[] lefts;
        final int[] rights;
        final boolean[] reds;

        ArrayTree(int n) {
            hashes = new long[n];
            lefts = new int[n];
            rights = new int[n];
            reds = new boolean[n];
        }

        void insert(int z) {
            depth = 0;
            for (int n = root; n != NIL; ) {
                path[depth++] = n;
                int c = PageOrder.compareHashes(hashes[z], hashes[n]);
                lastLeft = c < 0 || c == 0 && z < n;
                n = lastLeft ? lefts[n] : rights[n];
            }
            insertAtSearchEnd(z);
        }

        boolean delete(int z) {
            if (!findPath(z)) {
                return false;
            }
            deletePathEnd();
            return true;
        }

        void inOrder(int n, List<Integer> out) {
            if (n != NIL) {
                inOrder(lefts[n], out);
                out.add(n);
                inOrder(rights[n], out);
            }
        }

        @Override
        int left(int node) {
            return lefts[node];
        }

        @Override
        int right(int node) {
            return rights[node];
        }

        @Override
        void setLeft(int node, int child) {
            lefts[node] = child;
        }

        @Override
        void setRight(int node, int child) {
            rights[node] = child;
        }

        @Override
        boolean isRed(int node) {
            return reds[node];
        }

        @Override
        void setRed(int node, boolean red) {
            reds[node] = red;
        }

        @Override
        long hash(int node) {
            return hashes[node];
        }
    }

    @Test
    void randomInsertsAndDeletesKeepTheRulesAndTheOrder() {
        int n = 3000;
        SplittableRandom random = new SplittableRandom(3);
        ArrayTree tree = new ArrayTree(n);
        for (int i = 0; i < n; i++) {
            // Few distinct hashes, some with the top bit set: ties and unsigned order both get exercised.
            tree.hashes[i] = random.nextInt(40) * 0x0400_0000_0000_0001L;
        }
        Comparator<Integer> order = (a, b) -> {
            int c = Long.compareUnsigned(tree.hashes[a], tree.hashes[b]);
            return c != 0 ? c : Integer.compare(a, b);
        };
        TreeSet<Integer> members = new TreeSet<>(order);
        for (int op = 0; op < 40_000; op++) {
            int node = random.nextInt(n);
            if (members.contains(node)) {
                assertTrue(tree.delete(node));
                members.remove(node);
            } else {
                assertFalse(tree.delete(node), "not in the tree: not found");
                tree.insert(node);
                members.add(node);
            }
            if (op % 500 == 0) {
                assertEquals(members.size(), tree.validate());
                List<Integer> walk = new ArrayList<>();
                tree.inOrder(tree.root, walk);
                assertEquals(new ArrayList<>(members), walk);
            }
        }
        assertEquals(members.size(), tree.validate());
        int height = height(tree, tree.root);
        assertTrue(height <= 2 * Math.log(members.size() + 1) / Math.log(2), "height " + height);
    }

    @Test
    void ascendingInsertsStayBalancedAndDrainCompletely() {
        int n = 1 << 14;
        ArrayTree tree = new ArrayTree(n);
        for (int i = 0; i < n; i++) {
            tree.hashes[i] = i;
            tree.insert(i);
        }
        assertEquals(n, tree.validate());
        assertTrue(height(tree, tree.root) <= 2 * 14);
        for (int i = 0; i < n; i += 2) {
            assertTrue(tree.delete(i));
        }
        assertEquals(n / 2, tree.validate());
        for (int i = 1; i < n; i += 2) {
            assertTrue(tree.delete(i));
        }
        assertEquals(RedBlackTree.NIL, tree.root);
    }

    @Test
    void replaceAtKeepsPositionAndColour() {
        ArrayTree tree = new ArrayTree(20);
        for (int i = 0; i < 19; i++) {
            tree.hashes[i] = i * 10L;
            tree.insert(i);
        }
        tree.hashes[19] = 70;
        assertTrue(tree.findPath(7));
        boolean red = tree.isRed(7);
        tree.replaceAt(tree.depth - 1, 19);
        assertEquals(19, tree.validate());
        assertEquals(red, tree.isRed(19));
        List<Integer> walk = new ArrayList<>();
        tree.inOrder(tree.root, walk);
        Integer[] expected = {0, 1, 2, 3, 4, 5, 6, 19, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        assertEquals(Arrays.asList(expected), walk);
        assertFalse(tree.findPath(7));
    }

    private static int height(ArrayTree tree, int n) {
        return n == RedBlackTree.NIL ? 0 : 1 + Math.max(height(tree, tree.lefts[n]), height(tree, tree.rights[n]));
    }
}
