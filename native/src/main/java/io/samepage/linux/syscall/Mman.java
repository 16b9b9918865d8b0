package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

/**
 * {@code <sys/mman.h>}: mapping, unmapping and advising memory.
 *
 * <p>Values are from {@code <asm-generic/mman-common.h>} and {@code <asm-generic/mman.h>}, which x86-64 and
 * aarch64 share. The madvise advice values newer than the 6.1 UAPI headers were checked against Linux 6.18.
 */
public final class Mman {

    /** Pages may not be accessed. */
    public static final int PROT_NONE = 0x0;
    /** Pages may be read. */
    public static final int PROT_READ = 0x1;
    /** Pages may be written. */
    public static final int PROT_WRITE = 0x2;
    /** Pages may be executed. */
    public static final int PROT_EXEC = 0x4;

    /** Share the mapping: stores are visible to other mappers and carried through to the file. */
    public static final int MAP_SHARED = 0x01;
    /** Private copy-on-write mapping: the only kind whose anonymous pages KSM can merge. */
    public static final int MAP_PRIVATE = 0x02;
    /** Place the mapping exactly at {@code addr}, replacing whatever was mapped there. */
    public static final int MAP_FIXED = 0x10;
    /** Not backed by a file; contents start zeroed; {@code fd} should be -1 and {@code offset} 0. */
    public static final int MAP_ANONYMOUS = 0x20;
    /** Do not reserve swap space (no commit charge) for this mapping. */
    public static final int MAP_NORESERVE = 0x4000;
    /** Prefault the page tables. Never on a writable private file mapping: it copy-on-writes every page. */
    public static final int MAP_POPULATE = 0x8000;
    /** Like {@link #MAP_FIXED}, but fail with EEXIST instead of replacing an existing mapping (Linux 4.17+). */
    public static final int MAP_FIXED_NOREPLACE = 0x100000;
    /** What {@code mmap} returns on failure, {@code (void *) -1}. */
    public static final long MAP_FAILED = -1L;

    /** No special treatment; also clears {@code MADV_RANDOM}/{@code MADV_SEQUENTIAL}. */
    public static final int MADV_NORMAL = 0;
    /** Expect random access: read ahead less. */
    public static final int MADV_RANDOM = 1;
    /** Expect sequential access: read ahead more. */
    public static final int MADV_SEQUENTIAL = 2;
    /** Expect access soon: start read-ahead. */
    public static final int MADV_WILLNEED = 3;
    /** Drop the pages now; anonymous memory reads back as zeros, a private file mapping as the file's content. */
    public static final int MADV_DONTNEED = 4;
    /** The pages may be freed lazily under memory pressure unless written again first (anonymous only). */
    public static final int MADV_FREE = 8;
    /** Free the pages and their backing store (shmem/tmpfs hole punch through a shared mapping). */
    public static final int MADV_REMOVE = 9;
    /** Let KSM merge identical pages in this range; EINVAL on a kernel built without CONFIG_KSM. */
    public static final int MADV_MERGEABLE = 12;
    /** Undo {@link #MADV_MERGEABLE}: unmerges every KSM page in the range, so it needs memory (EAGAIN, OOM). */
    public static final int MADV_UNMERGEABLE = 13;
    /** Prefer transparent huge pages in this range. */
    public static final int MADV_HUGEPAGE = 14;
    /** Never use transparent huge pages in this range. */
    public static final int MADV_NOHUGEPAGE = 15;
    /** Deactivate the pages: reclaim them first under pressure (Linux 5.4+). */
    public static final int MADV_COLD = 20;
    /** Reclaim the pages now (Linux 5.4+). */
    public static final int MADV_PAGEOUT = 21;
    /** Prefault page tables readable, without breaking copy-on-write (Linux 5.14+). */
    public static final int MADV_POPULATE_READ = 22;
    /** Prefault page tables writable, breaking copy-on-write: the unmerge primitive (Linux 5.14+). */
    public static final int MADV_POPULATE_WRITE = 23;
    /** Collapse the range into transparent huge pages synchronously (Linux 6.1+). */
    public static final int MADV_COLLAPSE = 25;

    private static final long[] PROT_BITS = {PROT_READ, PROT_WRITE, PROT_EXEC};
    private static final String[] PROT_NAMES = {"PROT_READ", "PROT_WRITE", "PROT_EXEC"};
    private static final long[] MAP_BITS = {
        MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_NORESERVE, MAP_POPULATE, MAP_FIXED_NOREPLACE};
    private static final String[] MAP_NAMES = {
        "MAP_SHARED", "MAP_PRIVATE", "MAP_FIXED", "MAP_ANONYMOUS", "MAP_NORESERVE", "MAP_POPULATE",
        "MAP_FIXED_NOREPLACE"};

    private Mman() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native long mmap(long addr, long length, int prot, int flags, int fd, long offset)
                throws LastErrorException;

        static native int munmap(long addr, long length) throws LastErrorException;

        static native int madvise(long addr, long length, int advice) throws LastErrorException;

        static native int mincore(long addr, long length, long vec) throws LastErrorException;
    }

    /**
     * {@code mmap(2)}: creates a mapping of {@code length} bytes.
     *
     * <p>{@code addr} is a hint unless {@code flags} has {@link #MAP_FIXED}; then it must be page-aligned and
     * whatever was mapped there is replaced atomically. A file mapping needs {@code offset} page-aligned.
     * Each new mapping that cannot merge with a neighbour costs one VMA out of {@code vm.max_map_count}.
     *
     * @param addr   placement hint or fixed address, 0 to let the kernel choose
     * @param length bytes, rounded up to whole pages by the kernel
     * @param prot   {@code PROT_*} bits
     * @param flags  {@code MAP_*} bits; exactly one of {@link #MAP_SHARED} and {@link #MAP_PRIVATE}
     * @param fd     file descriptor, or -1 with {@link #MAP_ANONYMOUS}
     * @param offset offset into the file, a multiple of the page size
     * @return the address of the mapping
     * @throws SyscallException EINVAL (bad alignment, zero length, bad flags), ENOMEM (out of address space
     *                          or at {@code vm.max_map_count}), EACCES/EPERM (fd mode or seals), ENODEV,
     *                          EEXIST ({@link #MAP_FIXED_NOREPLACE})
     */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        try {
            return Libc.mmap(addr, length, prot, flags, fd, offset);
        } catch (LastErrorException e) {
            throw new SyscallException("mmap(" + CallFormat.hex(addr) + ", " + length + ", " + protNames(prot) + ", "
                    + mapFlagNames(flags) + ", " + fd + ", " + offset + ")", e.getErrorCode());
        }
    }

    /**
     * Maps fresh private anonymous memory, readable and writable: {@code mmap(NULL, length,
     * PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)}. Pages are allocated on first touch.
     *
     * @param length bytes, rounded up to whole pages
     * @return the page-aligned address
     * @throws SyscallException see {@link #mmap}
     */
    public static long mapAnonymous(long length) {
        return mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }

    /**
     * {@code munmap(2)}: removes the mappings of a range. Unmapping a range that holds no mapping succeeds.
     * Splitting a VMA needs a new VMA, so at {@code vm.max_map_count} unmapping a middle page fails with ENOMEM.
     *
     * @param addr   page-aligned start
     * @param length bytes
     * @throws SyscallException EINVAL (unaligned or zero length), ENOMEM (VMA limit)
     */
    public static void munmap(long addr, long length) {
        try {
            Libc.munmap(addr, length);
        } catch (LastErrorException e) {
            throw new SyscallException("munmap(" + CallFormat.hex(addr) + ", " + length + ")", e.getErrorCode());
        }
    }

    /**
     * {@code madvise(2)}: gives the kernel advice about a range.
     *
     * <p>Advice that changes a VMA flag ({@link #MADV_MERGEABLE}, {@link #MADV_HUGEPAGE}, …) on part of a
     * VMA splits it, costing VMAs. {@link #MADV_MERGEABLE} only marks: nothing merges until ksmd runs.
     *
     * @param addr   page-aligned start
     * @param length bytes
     * @param advice an {@code MADV_*} value
     * @throws SyscallException EINVAL (unaligned start, unknown advice, or MADV_MERGEABLE without
     *                          CONFIG_KSM), ENOMEM (part of the range is not mapped), EAGAIN, EPERM, EIO
     */
    public static void madvise(long addr, long length, int advice) {
        try {
            Libc.madvise(addr, length, advice);
        } catch (LastErrorException e) {
            throw new SyscallException("madvise(" + CallFormat.hex(addr) + ", " + length + ", " + adviceName(advice)
                    + ")", e.getErrorCode());
        }
    }

    /**
     * {@code mincore(2)}: which pages of a range are resident. For anonymous memory a page is resident once touched
     * (a read of an untouched page maps the shared zero page, which counts) and until swapped out; for a file
     * mapping it tells the page cache, whether or not this process mapped the page.
     *
     * @param addr   page-aligned start
     * @param length bytes
     * @param vec    native memory for one byte per page; bit 0 of each is set for a resident page
     * @throws SyscallException ENOMEM (part of the range is not mapped), EINVAL (unaligned), EFAULT (bad vec)
     */
    public static void mincore(long addr, long length, long vec) {
        try {
            Libc.mincore(addr, length, vec);
        } catch (LastErrorException e) {
            throw new SyscallException("mincore(" + CallFormat.hex(addr) + ", " + length + ")", e.getErrorCode());
        }
    }

    /**
     * The symbolic name of a madvise advice value.
     *
     * @param advice an advice value
     * @return e.g. {@code "MADV_MERGEABLE"}, or the number for an advice not defined here
     */
    public static String adviceName(int advice) {
        switch (advice) {
            case MADV_NORMAL: return "MADV_NORMAL";
            case MADV_RANDOM: return "MADV_RANDOM";
            case MADV_SEQUENTIAL: return "MADV_SEQUENTIAL";
            case MADV_WILLNEED: return "MADV_WILLNEED";
            case MADV_DONTNEED: return "MADV_DONTNEED";
            case MADV_FREE: return "MADV_FREE";
            case MADV_REMOVE: return "MADV_REMOVE";
            case MADV_MERGEABLE: return "MADV_MERGEABLE";
            case MADV_UNMERGEABLE: return "MADV_UNMERGEABLE";
            case MADV_HUGEPAGE: return "MADV_HUGEPAGE";
            case MADV_NOHUGEPAGE: return "MADV_NOHUGEPAGE";
            case MADV_COLD: return "MADV_COLD";
            case MADV_PAGEOUT: return "MADV_PAGEOUT";
            case MADV_POPULATE_READ: return "MADV_POPULATE_READ";
            case MADV_POPULATE_WRITE: return "MADV_POPULATE_WRITE";
            case MADV_COLLAPSE: return "MADV_COLLAPSE";
            default: return Integer.toString(advice);
        }
    }

    /**
     * Names {@code PROT_*} bits.
     *
     * @param prot protection bits
     * @return e.g. {@code "PROT_READ|PROT_WRITE"}, {@code "PROT_NONE"} for 0
     */
    public static String protNames(int prot) {
        return CallFormat.flags(prot, PROT_BITS, PROT_NAMES, "PROT_NONE");
    }

    /**
     * Names {@code MAP_*} bits.
     *
     * @param flags mapping flags
     * @return e.g. {@code "MAP_PRIVATE|MAP_ANONYMOUS"}
     */
    public static String mapFlagNames(int flags) {
        return CallFormat.flags(flags, MAP_BITS, MAP_NAMES, "0");
    }
}
