package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The item layout's bit fields and the handle space. */
class ItemTableTest {

    @Test
    void fieldsOfTheLinksWordAreIndependent() {
        long links = ItemTable.fresh(ItemTable.CANDIDATE);
        assertEquals(RedBlackTree.NIL, ItemTable.left(links));
        assertEquals(RedBlackTree.NIL, ItemTable.right(links));
        links = ItemTable.withLeft(links, ItemTable.MAX_HANDLES - 1);
        links = ItemTable.withRight(links, 12345);
        links = ItemTable.withEpoch(links, 7);
        links = ItemTable.withRed(links, true);
        assertEquals(ItemTable.CANDIDATE, ItemTable.state(links));
        assertEquals(ItemTable.MAX_HANDLES - 1, ItemTable.left(links));
        assertEquals(12345, ItemTable.right(links));
        assertEquals(3, ItemTable.epoch(links));
        assertTrue(ItemTable.red(links));
        links = ItemTable.withState(ItemTable.withRed(links, false), ItemTable.ZERO);
        assertEquals(ItemTable.ZERO, ItemTable.state(links));
        assertFalse(ItemTable.red(links));
        assertEquals(12345, ItemTable.right(links));
        assertEquals(77, ItemTable.left(ItemTable.merged(77)));
        assertEquals(ItemTable.MERGED, ItemTable.state(ItemTable.merged(77)));
    }

    @Test
    void handlesAreAllocatedInChunksAndReused() {
        ItemTable table = new ItemTable();
        TrackedRegion a = table.add(1, 1);
        TrackedRegion b = table.add(2, 1500);
        TrackedRegion c = table.add(3, 1);
        assertEquals(0, a.firstHandle);
        assertEquals(ItemTable.CHUNK_PAGES, b.firstHandle);
        assertEquals(3 * ItemTable.CHUNK_PAGES, c.firstHandle);
        assertSame(b, table.regionOf(b.firstHandle + 1499));
        assertThrows(IllegalArgumentException.class, () -> table.add(2, 5));

        table.remove(b);
        assertNull(table.byId(2));
        assertNull(table.regionOf(b.firstHandle));
        TrackedRegion d = table.add(4, 2 * ItemTable.CHUNK_PAGES);
        assertEquals(ItemTable.CHUNK_PAGES, d.firstHandle, "first fit reuses the freed range");
        TrackedRegion e = table.add(5, 10);
        assertEquals(4 * ItemTable.CHUNK_PAGES, e.firstHandle);
        assertEquals(5, table.chunksInUse());
        assertEquals(1 + 2048 + 1 + 10, table.trackedPages());

        table.setHash(d.firstHandle + 5, -3);
        assertEquals(-3, ItemTable.hash(d, 5));
        assertEquals(ItemTable.NEW, ItemTable.state(table.links(d.firstHandle + 5)));
    }
}
