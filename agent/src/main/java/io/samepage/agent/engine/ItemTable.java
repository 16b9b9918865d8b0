package io.samepage.agent.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every tracked page's item, 8 bytes each, and the handle space that names them across regions.
 *
 * <p>An item is one {@code long} in its region's array:
 * <pre>
 *  63..34              33..32       31..29    28..0
 *  checksum (30 bits)  tree epoch   state     link: next candidate in the unstable chain, or stable node
 * </pre>
 * The checksum is the top 30 bits of the page's 64-bit hash at the last visit: the checksum gate (mainline keeps
 * 32 bits) and, while the page is a candidate, the unstable tree's key. Its only cost is a rare extra full-page
 * compare when two different candidates share all 30 bits. Links are item handles (the unstable tree's nodes are the
 * items themselves, like mainline's rmap_item with its embedded rb_node), so handles and stable node numbers fit in
 * 29 bits: 2^29 - 1 pages (2 TiB) at most.
 *
 * <p>A handle is {@code region.firstHandle + page}. Regions get handle ranges in chunks of {@link #CHUNK_PAGES}, and
 * {@code chunks[handle >> CHUNK_SHIFT]} finds a handle's region in O(1) with one reference per 4 MiB of pages.
 */
final class ItemTable {

    /** Never visited, or absent at the last visit: no checksum, counts in no statistic. */
    static final int NEW = 0;
    /** Checksum recorded, neither volatile, a candidate nor merged (first visit, failed merge, after a COW). */
    static final int SEEN = 1;
    /** Its checksum changed at the last visit. */
    static final int VOLATILE = 2;
    /** Inserted in the unstable tree; stays so until the next visit even after the tree is flushed. */
    static final int CANDIDATE = 3;
    /** A mapper of the stable node in its link bits. */
    static final int MERGED = 4;
    /** Mapped to the zero frame. */
    static final int ZERO = 5;

    /** No link in the 29-bit field. */
    static final int FIELD_NIL = (1 << 29) - 1;

    /** Handles and node numbers are below this. */
    static final int MAX_HANDLES = FIELD_NIL;

    static final int CHUNK_SHIFT = 10;
    static final int CHUNK_PAGES = 1 << CHUNK_SHIFT;

    /** Bits of the 64-bit hash kept as the checksum. */
    static final int CHECKSUM_BITS = 30;

    private static final long FIELD_MASK = FIELD_NIL;
    private static final int STATE_SHIFT = 29;
    private static final int EPOCH_SHIFT = 32;
    private static final int CHECKSUM_SHIFT = 64 - CHECKSUM_BITS;
    private static final long STATE_BITS = 7L << STATE_SHIFT;
    private static final long EPOCH_BITS = 3L << EPOCH_SHIFT;
    private static final long LINKS_BITS = (1L << CHECKSUM_SHIFT) - 1;
    private static final long EMPTY_LINKS = FIELD_MASK;

    private TrackedRegion[] chunks = new TrackedRegion[64];
    private int chunksInUse;
    private int firstFreeChunk;
    private final Map<Integer, TrackedRegion> byId = new HashMap<>();
    private long trackedPages;

    /**
     * @return the new region's items, all {@link #NEW}; {@code null} when the handle space is full
     * @throws IllegalArgumentException when the region is already tracked
     */
    TrackedRegion add(int id, int pages) {
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("region " + id + " is already tracked");
        }
        int need = (pages + CHUNK_PAGES - 1) >>> CHUNK_SHIFT;
        int first = freeRun(need);
        if (first < 0) {
            return null;
        }
        TrackedRegion r = new TrackedRegion(id, pages, first << CHUNK_SHIFT);
        Arrays.fill(r.items, EMPTY_LINKS);
        Arrays.fill(chunks, first, first + need, r);
        chunksInUse += need;
        byId.put(id, r);
        trackedPages += pages;
        return r;
    }

    /** Frees the region's handles; its items must already be out of both trees. */
    void remove(TrackedRegion r) {
        int first = r.firstHandle >>> CHUNK_SHIFT;
        int need = (r.pages + CHUNK_PAGES - 1) >>> CHUNK_SHIFT;
        Arrays.fill(chunks, first, first + need, null);
        chunksInUse -= need;
        firstFreeChunk = Math.min(firstFreeChunk, first);
        byId.remove(r.id);
        trackedPages -= r.pages;
    }

    /** First fit from the lowest free chunk; registrations are rare next to page visits. */
    private int freeRun(int need) {
        int limit = MAX_HANDLES >>> CHUNK_SHIFT;
        int start = firstFreeChunk;
        while (start + need <= limit) {
            if (start + need > chunks.length) {
                chunks = Arrays.copyOf(chunks, Math.min(limit, Math.max(chunks.length * 2, start + need)));
            }
            int busy = -1;
            for (int c = start; c < start + need; c++) {
                if (chunks[c] != null) {
                    busy = c;
                }
            }
            if (busy < 0) {
                if (start == firstFreeChunk) {
                    firstFreeChunk = start + need;
                }
                return start;
            }
            start = busy + 1;
        }
        return -1;
    }

    /** @return the tracked region with the source's number {@code id}, or {@code null} */
    TrackedRegion byId(int id) {
        return byId.get(id);
    }

    /** @return pages in all tracked regions */
    long trackedPages() {
        return trackedPages;
    }

    /** @return bytes held for items and the handle table, from the arrays' lengths */
    long metadataBytes() {
        long bytes = (long) chunks.length * Integer.BYTES;
        for (TrackedRegion r : byId.values()) {
            bytes += (long) r.items.length * Long.BYTES;
        }
        return bytes;
    }

    /** @return bytes of the per-page arrays alone */
    long itemBytes() {
        long bytes = 0;
        for (TrackedRegion r : byId.values()) {
            bytes += (long) r.items.length * Long.BYTES;
        }
        return bytes;
    }

    TrackedRegion regionOf(int handle) {
        return chunks[handle >>> CHUNK_SHIFT];
    }

    /** @return the checksum of a handle's item (see {@link #checksum}) */
    long hash(int handle) {
        TrackedRegion r = chunks[handle >>> CHUNK_SHIFT];
        return r.items[handle - r.firstHandle] >>> CHECKSUM_SHIFT;
    }

    /** Stores the checksum of {@code hash} in a handle's item. */
    void setHash(int handle, long hash) {
        TrackedRegion r = chunks[handle >>> CHUNK_SHIFT];
        setHash(r, handle - r.firstHandle, hash);
    }

    long links(int handle) {
        TrackedRegion r = chunks[handle >>> CHUNK_SHIFT];
        return r.items[handle - r.firstHandle] & LINKS_BITS;
    }

    void setLinks(int handle, long links) {
        TrackedRegion r = chunks[handle >>> CHUNK_SHIFT];
        setLinks(r, handle - r.firstHandle, links);
    }

    /** @return the part of a 64-bit page hash an item keeps: compare a fresh hash's with a stored one */
    static long checksum(long hash) {
        return hash >>> CHECKSUM_SHIFT;
    }

    static int state(long links) {
        return (int) ((links & STATE_BITS) >>> STATE_SHIFT);
    }

    static long withState(long links, int state) {
        return links & ~STATE_BITS | (long) state << STATE_SHIFT;
    }

    /** @return the next candidate, or the stable node of a {@link #MERGED} item; {@link HashChains#NIL} for none */
    static int link(long links) {
        int f = (int) (links & FIELD_MASK);
        return f == FIELD_NIL ? HashChains.NIL : f;
    }

    static long withLink(long links, int link) {
        return links & ~FIELD_MASK | (link == HashChains.NIL ? FIELD_MASK : link);
    }

    static int epoch(long links) {
        return (int) ((links & EPOCH_BITS) >>> EPOCH_SHIFT);
    }

    static long withEpoch(long links, int epoch) {
        return links & ~EPOCH_BITS | (long) (epoch & 3) << EPOCH_SHIFT;
    }

    /** @return links of an item in {@code state} with no link, epoch 0 */
    static long fresh(int state) {
        return withState(EMPTY_LINKS, state);
    }

    /** @return links of a {@link #MERGED} item of stable node {@code node} */
    static long merged(int node) {
        return withLink(fresh(MERGED), node);
    }

    /** @return links of a region's item on page {@code page} (its bits but the checksum) */
    static long links(TrackedRegion r, int page) {
        return r.items[page] & LINKS_BITS;
    }

    static void setLinks(TrackedRegion r, int page, long links) {
        r.items[page] = r.items[page] & ~LINKS_BITS | links & LINKS_BITS;
    }

    /** @return the checksum a region's item holds */
    static long hash(TrackedRegion r, int page) {
        return r.items[page] >>> CHECKSUM_SHIFT;
    }

    /** Stores the checksum of {@code hash}. */
    static void setHash(TrackedRegion r, int page, long hash) {
        r.items[page] = checksum(hash) << CHECKSUM_SHIFT | r.items[page] & LINKS_BITS;
    }

    /** @return the region's handle space in chunks, for tests */
    int chunksInUse() {
        return chunksInUse;
    }
}
