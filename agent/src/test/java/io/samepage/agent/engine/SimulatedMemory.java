package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-owned memory with page tables: regions of pages, each page absent or mapping a frame; frames are
 * {@code byte[]}s with a mapper count. A write to an absent page materialises it; a write to a frame that is
 * write-protected (merged) or mapped twice copies it first. Implements {@link PageSource} and counts how the
 * engine uses it: reads per region, touches of removed regions, reads of absent pages.
 *
 * <p>Every write is also kept in a shadow copy, so {@link #verifyNoWrongContent()} can prove no merge ever changed
 * what a page reads.
 */
final class SimulatedMemory implements PageSource {

    static final int ABSENT = -1;

    /** Frame 0: the zero frame, mapped by zero-merged pages, never freed. */
    static final int ZERO = 0;

    private final List<byte[]> frames = new ArrayList<>();
    private final List<Integer> mappers = new ArrayList<>();
    private final List<Boolean> writeProtected = new ArrayList<>();
    private final List<Boolean> heldByMerger = new ArrayList<>();
    private final List<Integer> freeFrames = new ArrayList<>();
    private final Map<Integer, int[]> pageTables = new HashMap<>();
    private final Map<Integer, byte[][]> shadow = new HashMap<>();
    private final Set<Integer> removed = new HashSet<>();
    private final Map<Integer, Long> touches = new HashMap<>();
    private int nextRegion;
    private long touchesAfterRemoval;
    private long absentReads;
    private long materialised;

    SimulatedMemory() {
        frames.add(new byte[PAGE_BYTES]);
        mappers.add(0);
        writeProtected.add(true);
        heldByMerger.add(true);
    }

    /** @return a new region of absent pages */
    int addRegion(int pages) {
        int id = nextRegion++;
        int[] table = new int[pages];
        Arrays.fill(table, ABSENT);
        pageTables.put(id, table);
        shadow.put(id, new byte[pages][]);
        return id;
    }

    /** Frees the region's memory, like munmap: later source calls about it throw and are counted. */
    void removeRegion(int region) {
        int[] table = pageTables.remove(region);
        shadow.remove(region);
        for (int frame : table) {
            if (frame != ABSENT) {
                unmap(frame);
            }
        }
        removed.add(region);
    }

    /** The owner writes a whole page (copy on write if it is shared). */
    void write(int region, int page, byte[] content) {
        int frame = writableFrame(region, page);
        System.arraycopy(content, 0, frames.get(frame), 0, PAGE_BYTES);
        shadow.get(region)[page] = content.clone();
    }

    /** The owner writes 8 bytes, big-endian, at {@code offset}. */
    void writeLong(int region, int page, int offset, long value) {
        byte[] content = contentOf(region, page);
        ByteBuffer.wrap(content).putLong(offset, value);
        write(region, page, content);
    }

    /** Like MADV_DONTNEED: the page becomes absent, its frame unmapped. */
    void discard(int region, int page) {
        int[] table = pageTables.get(region);
        if (table[page] != ABSENT) {
            unmap(table[page]);
            table[page] = ABSENT;
        }
        shadow.get(region)[page] = null;
    }

    /** @return what the owner reads at the page (zeros for an absent page, without materialising it) */
    byte[] contentOf(int region, int page) {
        int frame = pageTables.get(region)[page];
        return frame == ABSENT ? new byte[PAGE_BYTES] : frames.get(frame).clone();
    }

    /** @return the frame the page maps, or {@link #ABSENT} (also once the region is removed) */
    int frameOf(int region, int page) {
        int[] table = pageTables.get(region);
        return table == null ? ABSENT : table[page];
    }

    boolean isAbsent(int region, int page) {
        return frameOf(region, page) == ABSENT;
    }

    /** @return frames in use, the zero frame excluded: the memory the simulated process costs */
    int liveFrames() {
        return frames.size() - freeFrames.size() - 1;
    }

    int mappersOf(int frame) {
        return mappers.get(frame);
    }

    boolean isWriteProtected(int frame) {
        return writeProtected.get(frame);
    }

    /** @return source calls about the region so far */
    long touches(int region) {
        return touches.getOrDefault(region, 0L);
    }

    /** @return source calls about regions already removed */
    long touchesAfterRemoval() {
        return touchesAfterRemoval;
    }

    /** @return pages read while absent (the engine must never ask) */
    long absentReads() {
        return absentReads;
    }

    /** @return pages materialised by writes; reads never materialise */
    long materialised() {
        return materialised;
    }

    /** @throws AssertionError when any page reads other than what its owner last wrote */
    void verifyNoWrongContent() {
        for (Map.Entry<Integer, byte[][]> e : shadow.entrySet()) {
            byte[][] expected = e.getValue();
            for (int p = 0; p < expected.length; p++) {
                byte[] want = expected[p] == null ? new byte[PAGE_BYTES] : expected[p];
                if (!Arrays.equals(want, contentOf(e.getKey(), p))) {
                    throw new AssertionError("region " + e.getKey() + " page " + p + " reads other bytes than written");
                }
            }
        }
    }

    @Override
    public long presentPages(int region, int firstPage, int count) throws RegionGoneException {
        int[] table = touch(region);
        long bits = 0;
        for (int i = 0; i < count; i++) {
            if (table[firstPage + i] != ABSENT) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    @Override
    public void read(int region, int firstPage, int count, ByteBuffer into, int offset) throws RegionGoneException {
        int[] table = touch(region);
        for (int i = 0; i < count; i++) {
            int frame = table[firstPage + i];
            if (frame == ABSENT) {
                absentReads++;
                into.put(offset + i * PAGE_BYTES, new byte[PAGE_BYTES]);
            } else {
                into.put(offset + i * PAGE_BYTES, frames.get(frame));
            }
        }
    }

    @Override
    public boolean live(int region) {
        return !removed.contains(region);
    }

    private int[] touch(int region) throws RegionGoneException {
        if (removed.contains(region)) {
            touchesAfterRemoval++;
            throw new RegionGoneException(region);
        }
        touches.merge(region, 1L, Long::sum);
        return pageTables.get(region);
    }

    // ---- what the merger does: page table and frame surgery ----

    byte[] frameBytes(int frame) {
        return frames.get(frame);
    }

    void protect(int frame) {
        writeProtected.set(frame, true);
    }

    void unprotect(int frame) {
        writeProtected.set(frame, false);
    }

    void hold(int frame) {
        heldByMerger.set(frame, true);
    }

    /** The merger lets go of a frame: freed once nobody maps it. */
    void release(int frame) {
        heldByMerger.set(frame, false);
        freeIfUnused(frame);
    }

    /** Points a page at {@code frame}, unmapping what it mapped before. */
    void remap(int region, int page, int frame) {
        int[] table = pageTables.get(region);
        int old = table[page];
        mappers.set(frame, mappers.get(frame) + 1);
        table[page] = frame;
        if (old != ABSENT) {
            unmap(old);
        }
    }

    /** Gives the page a private, writable copy of what it maps. */
    void copyOnWrite(int region, int page) {
        int[] table = pageTables.get(region);
        remap(region, page, allocate(frames.get(table[page])));
    }

    private int writableFrame(int region, int page) {
        int[] table = pageTables.get(region);
        int frame = table[page];
        if (frame == ABSENT) {
            materialised++;
            int fresh = allocate(new byte[PAGE_BYTES]);
            table[page] = fresh;
            mappers.set(fresh, 1);
            return fresh;
        }
        if (writeProtected.get(frame) || mappers.get(frame) > 1) {
            copyOnWrite(region, page);
            return table[page];
        }
        return frame;
    }

    private int allocate(byte[] content) {
        int frame;
        if (freeFrames.isEmpty()) {
            frame = frames.size();
            frames.add(content.clone());
            mappers.add(0);
            writeProtected.add(false);
            heldByMerger.add(false);
        } else {
            frame = freeFrames.remove(freeFrames.size() - 1);
            frames.set(frame, content.clone());
            mappers.set(frame, 0);
            writeProtected.set(frame, false);
            heldByMerger.set(frame, false);
        }
        return frame;
    }

    private void unmap(int frame) {
        mappers.set(frame, mappers.get(frame) - 1);
        freeIfUnused(frame);
    }

    private void freeIfUnused(int frame) {
        if (frame != ZERO && mappers.get(frame) == 0 && !heldByMerger.get(frame) && frames.get(frame) != null) {
            frames.set(frame, null);
            freeFrames.add(frame);
        }
    }
}
