package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

/**
 * {@code <fcntl.h>}: opening files and managing their space. Values from {@code <asm-generic/fcntl.h>} and
 * {@code <linux/falloc.h>}, shared by x86-64 and aarch64.
 */
public final class Fcntl {

    /** Open for reading only. */
    public static final int O_RDONLY = 0;
    /** Open for writing only. */
    public static final int O_WRONLY = 01;
    /** Open for reading and writing. */
    public static final int O_RDWR = 02;
    /** Create the file if it does not exist (then {@code mode} applies). */
    public static final int O_CREAT = 0100;
    /** Truncate a regular file to length 0; sysfs attributes ignore it. */
    public static final int O_TRUNC = 01000;
    /** Non-blocking I/O. */
    public static final int O_NONBLOCK = 04000;
    /** Close the descriptor on {@code execve}. */
    public static final int O_CLOEXEC = 02000000;

    /** {@code fallocate} mode 0: allocate the range and extend the file size if the range ends past it. */
    public static final int FALLOC_FL_ALLOCATE = 0x00;
    /** Allocate without changing the file size. */
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    /** Deallocate the range (it then reads as zeros); must be combined with {@link #FALLOC_FL_KEEP_SIZE}. */
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    private static final long[] OPEN_BITS = {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_NONBLOCK, O_CLOEXEC};
    private static final String[] OPEN_NAMES = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_NONBLOCK", "O_CLOEXEC"};
    private static final long[] FALLOC_BITS = {FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE};
    private static final String[] FALLOC_NAMES = {"FALLOC_FL_KEEP_SIZE", "FALLOC_FL_PUNCH_HOLE"};

    private Fcntl() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native int open(String path, int flags, int mode) throws LastErrorException;

        static native int fallocate(int fd, int mode, long offset, long len) throws LastErrorException;
    }

    /**
     * {@code open(2)} of an existing file.
     *
     * @param path  the path
     * @param flags {@code O_*} bits, without {@link #O_CREAT}
     * @return the file descriptor; close it with {@link Unistd#close(int)}
     * @throws SyscallException ENOENT, EACCES, EROFS, EMFILE, …
     */
    public static int open(String path, int flags) {
        try {
            return Libc.open(path, flags, 0);
        } catch (LastErrorException e) {
            throw new SyscallException("open(\"" + path + "\", " + openFlagNames(flags) + ")", e.getErrorCode());
        }
    }

    /**
     * {@code fallocate(2)}: allocates or deallocates the space of a byte range of a file.
     *
     * <p>On shmem (a memfd), allocated pages count in {@code st_blocks} but read as zeros; a punched hole
     * frees the pages, and any process still mapping them through {@code MAP_PRIVATE} without having
     * copied them on write sees zeros from then on.
     *
     * @param fd     file descriptor open for writing
     * @param mode   {@link #FALLOC_FL_ALLOCATE} or {@code FALLOC_FL_*} bits
     * @param offset start of the range in bytes
     * @param length length of the range in bytes
     * @throws SyscallException EOPNOTSUPP (the file system cannot), EPERM (sealed), ENOSPC, EINVAL, EBADF
     */
    public static void fallocate(int fd, int mode, long offset, long length) {
        try {
            Libc.fallocate(fd, mode, offset, length);
        } catch (LastErrorException e) {
            throw new SyscallException("fallocate(" + fd + ", " + fallocateModeNames(mode) + ", " + offset + ", "
                    + length + ")", e.getErrorCode());
        }
    }

    /**
     * Names {@code O_*} bits.
     *
     * @param flags open flags
     * @return e.g. {@code "O_WRONLY|O_CLOEXEC"}, {@code "O_RDONLY"} for 0
     */
    public static String openFlagNames(int flags) {
        return CallFormat.flags(flags, OPEN_BITS, OPEN_NAMES, "O_RDONLY");
    }

    /**
     * Names {@code FALLOC_FL_*} bits.
     *
     * @param mode fallocate mode
     * @return e.g. {@code "FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE"}, {@code "0"} for plain allocation
     */
    public static String fallocateModeNames(int mode) {
        return CallFormat.flags(mode, FALLOC_BITS, FALLOC_NAMES, "0");
    }
}
