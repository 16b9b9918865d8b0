package io.samepage.linux.proc;

/**
 * One 64-bit entry of {@code /proc/<pid>/pagemap}: the state of one virtual page
 * (Documentation/admin-guide/mm/pagemap.rst).
 *
 * <p>Inside a range samepage merged through a memfd, {@link #fileOrSharedAnon()} tells merged pages from
 * copy-on-write copies: present and not file means the page was written since the merge.
 *
 * @param raw the entry as the kernel wrote it
 */
public record PageEntry(long raw) {

    /** Bit 63: the page is resident. */
    public static final long PRESENT = 1L << 63;
    /** Bit 62: the page is swapped out; bits 0&ndash;4 then hold the swap type, 5&ndash;54 the offset. */
    public static final long SWAPPED = 1L << 62;
    /** Bit 61: a file page or a shared anonymous (shmem) page; merged memfd pages set it until written. */
    public static final long FILE_OR_SHARED_ANON = 1L << 61;
    /** Bit 58: a guard region installed with {@code MADV_GUARD_INSTALL} (Linux 6.15+). */
    public static final long GUARD = 1L << 58;
    /** Bit 57: write-protected by userfaultfd. */
    public static final long UFFD_WP = 1L << 57;
    /** Bit 56: mapped by exactly this process (Linux 4.2+). */
    public static final long EXCLUSIVE = 1L << 56;
    /** Bit 55: soft-dirty; never set on kernels without CONFIG_MEM_SOFT_DIRTY, such as the reference machine. */
    public static final long SOFT_DIRTY = 1L << 55;
    /** Bits 0&ndash;54: the page frame number, zeroed for readers without CAP_SYS_ADMIN. */
    public static final long PFN_MASK = (1L << 55) - 1;

    /**
     * Bit 63.
     *
     * @return whether the page is resident
     */
    public boolean present() {
        return (raw & PRESENT) != 0;
    }

    /**
     * Bit 62.
     *
     * @return whether the page is swapped out
     */
    public boolean swapped() {
        return (raw & SWAPPED) != 0;
    }

    /**
     * Bit 61.
     *
     * @return whether this is a file page or a shared anonymous page
     */
    public boolean fileOrSharedAnon() {
        return (raw & FILE_OR_SHARED_ANON) != 0;
    }

    /**
     * Bit 58.
     *
     * @return whether the page is a guard region
     */
    public boolean guard() {
        return (raw & GUARD) != 0;
    }

    /**
     * Bit 57.
     *
     * @return whether the page is userfaultfd write-protected
     */
    public boolean uffdWp() {
        return (raw & UFFD_WP) != 0;
    }

    /**
     * Bit 56.
     *
     * @return whether the page is mapped exclusively by this process
     */
    public boolean exclusive() {
        return (raw & EXCLUSIVE) != 0;
    }

    /**
     * Bit 55.
     *
     * @return whether the page was written since soft-dirty bits were last cleared
     */
    public boolean softDirty() {
        return (raw & SOFT_DIRTY) != 0;
    }

    /**
     * Bits 0&ndash;54 of a present page.
     *
     * @return the page frame number; 0 when the page is not present or the reader lacks CAP_SYS_ADMIN
     */
    public long pfn() {
        return present() ? raw & PFN_MASK : 0;
    }
}
