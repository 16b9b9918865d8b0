package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The item layout's bit fields and the handle space. */
class ItemTableTest {

    @Test
    void fieldsOfTheItemAreIndependent() {
        long links = ItemTable.fresh(ItemTable.CANDIDATE);
        assertEquals(HashChains.NIL, ItemTable.link(links));
        links = ItemTable.withLink(links, ItemTable.MAX_HANDLES - 1);
        links = ItemTable.withEpoch(links, 7);
        assertEquals(ItemTable.CANDIDATE, ItemTable.state(links));
        assertEquals(ItemTable.MAX_HANDLES - 1, ItemTable.link(links));
        assertEquals(3, ItemTable.epoch(links));
        links = ItemTable.withState(links, ItemTable.ZERO);
        assertEquals(ItemTable.ZERO, ItemTable.state(links));
        assertEquals(3, ItemTable.epoch(links));
        assertEquals(77, ItemTable.link(ItemTable.merged(77)));
        assertEquals(ItemTable.MERGED, ItemTable.state(ItemTable.merged(77)));

        TrackedRegion r = new ItemTable().add(1, 2);
        ItemTable.setLinks(r, 1, links);
        ItemTable.setHash(r, 1, -1L);
        assertEquals(links, ItemTable.links(r, 1), "the checksum leaves the links alone");
        assertEquals((1L << ItemTable.CHECKSUM_BITS) - 1, ItemTable.hash(r, 1), "the top 30 bits of the hash");
        ItemTable.setLinks(r, 1, ItemTable.fresh(ItemTable.SEEN));
        assertEquals(ItemTable.checksum(-1L), ItemTable.hash(r, 1), "the links leave the checksum alone");
        assertEquals(ItemTable.NEW, ItemTable.state(ItemTable.links(r, 0)), "neighbours untouched");
        assertEquals(8, r.items.length * Long.BYTES / r.pages, "one long a page");
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
        assertEquals(ItemTable.checksum(-3), ItemTable.hash(d, 5));
        assertEquals(ItemTable.NEW, ItemTable.state(table.links(d.firstHandle + 5)));
    }
}
