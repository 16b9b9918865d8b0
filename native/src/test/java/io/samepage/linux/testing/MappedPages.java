package io.samepage.linux.testing;

import io.samepage.linux.Page;
import io.samepage.linux.syscall.Mman;

/**
 * Private anonymous pages for a test, unmapped by {@link #close()}; use in try-with-resources so that a
 * failing assertion cannot leak the mapping.
 */
public final class MappedPages implements AutoCloseable {

    private final long address;
    private final int pages;
    private boolean closed;

    private MappedPages(long address, int pages) {
        this.address = address;
        this.pages = pages;
    }

    /**
     * Maps fresh read-write anonymous pages.
     *
     * @param pages number of pages
     * @return the mapping
     */
    public static MappedPages anonymous(int pages) {
        return new MappedPages(Mman.mapAnonymous((long) pages * Page.BYTES), pages);
    }

    /**
     * Adopts an existing mapping, e.g. one made with {@link Mman#mmap}.
     *
     * @param address its start
     * @param pages   its length in pages
     * @return the mapping, owned by the caller's try-with-resources from now on
     */
    public static MappedPages adopt(long address, int pages) {
        return new MappedPages(address, pages);
    }

    /** @return the first address */
    public long address() {
        return address;
    }

    /**
     * @param index page number within the mapping
     * @return the address of that page
     */
    public long page(int index) {
        return address + (long) index * Page.BYTES;
    }

    /** @return the length in bytes */
    public long bytes() {
        return (long) pages * Page.BYTES;
    }

    /** @return the length in pages */
    public int pages() {
        return pages;
    }

    /** Unmaps the pages; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Mman.munmap(address, bytes());
        }
    }
}
