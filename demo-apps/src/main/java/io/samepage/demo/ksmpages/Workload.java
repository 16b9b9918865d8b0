package io.samepage.demo.ksmpages;

import com.sun.jna.Pointer;
import io.samepage.linux.Page;
import io.samepage.linux.syscall.Mman;

/**
 * Two private anonymous regions of the same size, filled like the 2009 KSM benchmark (ksm-algorithm.md §5,
 * linux-platform-notes.md §4): every page zero except its last 8 bytes. {@code worst}: those bytes hold the page
 * index, so pages are distinct within a region, identical across the two, and any two pages agree on their first
 * 4088 bytes (every tree comparison reads almost a whole page); index + 1, so no page is all zero (zero pages take
 * a separate path in both engines). {@code best}: they hold 1 everywhere, so every
 * page is identical. Huge pages are off so each region is plain 4 KiB pages, as in the reference runs.
 */
final class Workload implements AutoCloseable {

    /** Which content. */
    enum Case { WORST, BEST }

    private final long[] regions = new long[2];
    private final long bytes;

    Workload(long bytes, Case kind) {
        this.bytes = bytes;
        for (int r = 0; r < 2; r++) {
            long address = Mman.mapAnonymous(bytes);
            regions[r] = address;
            Mman.madvise(address, bytes, Mman.MADV_NOHUGEPAGE);
            Pointer p = new Pointer(address);
            long pages = bytes / Page.BYTES;
            for (long i = 0; i < pages; i++) {
                p.setLong(i * Page.BYTES + Page.BYTES - 8, kind == Case.WORST ? i + 1 : 1);
            }
        }
    }

    /** @param index 0 or 1 @return the region's first byte */
    long region(int index) {
        return regions[index];
    }

    /** @return bytes per region */
    long bytes() {
        return bytes;
    }

    /** @return pages per region */
    long pages() {
        return bytes / Page.BYTES;
    }

    /** Marks both regions for ksmd. */
    void markMergeable() {
        for (long address : regions) {
            Mman.madvise(address, bytes, Mman.MADV_MERGEABLE);
        }
    }

    @Override
    public void close() {
        for (long address : regions) {
            Mman.munmap(address, bytes);
        }
    }
}
