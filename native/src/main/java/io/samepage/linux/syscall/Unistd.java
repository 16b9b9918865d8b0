package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

/**
 * {@code <unistd.h>}: descriptors, positioned I/O, sizes, process identity, and the raw {@code syscall}
 * entry used by the few bindings that glibc does not wrap.
 */
public final class Unistd {

    /** {@code lseek} whence: from the start of the file. */
    public static final int SEEK_SET = 0;
    /** {@code lseek} whence: from the current position. */
    public static final int SEEK_CUR = 1;
    /** {@code lseek} whence: from the end of the file. */
    public static final int SEEK_END = 2;
    /** {@code lseek} whence: the next offset holding data (written pages; on shmem, fallocated pages are holes). */
    public static final int SEEK_DATA = 3;
    /** {@code lseek} whence: the next hole. */
    public static final int SEEK_HOLE = 4;

    private Unistd() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native int close(int fd) throws LastErrorException;

        static native int getpid();

        static native int geteuid();

        static native long read(int fd, long buf, long count) throws LastErrorException;

        static native long write(int fd, long buf, long count) throws LastErrorException;

        static native long pread(int fd, long buf, long count, long offset) throws LastErrorException;

        static native long pwrite(int fd, long buf, long count, long offset) throws LastErrorException;

        static native int ftruncate(int fd, long length) throws LastErrorException;

        static native long lseek(int fd, long offset, int whence) throws LastErrorException;

        static native long sysconf(int name) throws LastErrorException;

        // Variadic in C. glibc's implementation moves the arguments straight into registers, and the x86-64 and
        // aarch64 ABIs pass variadic integers like fixed ones, so surplus arguments are harmless.
        static native long syscall(long number, long arg1, long arg2, long arg3, long arg4) throws LastErrorException;
    }

    /**
     * {@code close(2)}. The descriptor is released even when this fails with EINTR or EIO, so never retry.
     *
     * @param fd the descriptor
     * @throws SyscallException EBADF (not open), EINTR, EIO
     */
    public static void close(int fd) {
        try {
            Libc.close(fd);
        } catch (LastErrorException e) {
            throw new SyscallException("close(" + fd + ")", e.getErrorCode());
        }
    }

    /**
     * {@code getpid(2)}; cannot fail.
     *
     * @return the process id
     */
    public static int getpid() {
        return Libc.getpid();
    }

    /**
     * {@code geteuid(2)}; cannot fail.
     *
     * @return the effective user id, 0 for root
     */
    public static int geteuid() {
        return Libc.geteuid();
    }

    /**
     * {@code read(2)} into native memory.
     *
     * @param fd    the descriptor
     * @param buf   address of at least {@code count} writable bytes
     * @param count bytes to read at most
     * @return bytes read, 0 at end of file
     * @throws SyscallException EAGAIN (non-blocking and nothing to read), EFAULT, EINTR, EBADF, EINVAL
     */
    public static long read(int fd, long buf, long count) {
        try {
            return Libc.read(fd, buf, count);
        } catch (LastErrorException e) {
            throw new SyscallException("read(" + fd + ", " + CallFormat.hex(buf) + ", " + count + ")",
                    e.getErrorCode());
        }
    }

    /**
     * {@code write(2)} from native memory. A sysfs attribute takes the whole buffer in one call.
     *
     * @param fd    the descriptor
     * @param buf   address of {@code count} readable bytes
     * @param count bytes to write
     * @return bytes written, possibly fewer than {@code count}
     * @throws SyscallException whatever the file's store handler returns, EFAULT, EBADF, ENOSPC, EINTR
     */
    public static long write(int fd, long buf, long count) {
        try {
            return Libc.write(fd, buf, count);
        } catch (LastErrorException e) {
            throw new SyscallException("write(" + fd + ", " + CallFormat.hex(buf) + ", " + count + ")",
                    e.getErrorCode());
        }
    }

    /**
     * {@code pread(2)}: reads at an offset without moving the file position.
     *
     * @param fd     the descriptor
     * @param buf    address of at least {@code count} writable bytes
     * @param count  bytes to read at most
     * @param offset file offset
     * @return bytes read, fewer at end of file
     * @throws SyscallException EFAULT, EINVAL, ESPIPE, EBADF, EINTR, EIO
     */
    public static long pread(int fd, long buf, long count, long offset) {
        try {
            return Libc.pread(fd, buf, count, offset);
        } catch (LastErrorException e) {
            throw new SyscallException("pread(" + fd + ", " + CallFormat.hex(buf) + ", " + count + ", " + offset + ")",
                    e.getErrorCode());
        }
    }

    /**
     * {@code pwrite(2)}: writes at an offset without moving the file position; extends the file if needed.
     *
     * @param fd     the descriptor
     * @param buf    address of {@code count} readable bytes
     * @param count  bytes to write
     * @param offset file offset
     * @return bytes written
     * @throws SyscallException EFAULT, EPERM (write-sealed memfd), ENOSPC, EFBIG, EBADF, EINTR
     */
    public static long pwrite(int fd, long buf, long count, long offset) {
        try {
            return Libc.pwrite(fd, buf, count, offset);
        } catch (LastErrorException e) {
            throw new SyscallException("pwrite(" + fd + ", " + CallFormat.hex(buf) + ", " + count + ", " + offset
                    + ")", e.getErrorCode());
        }
    }

    /**
     * {@code ftruncate(2)}: sets a file's size; growing allocates nothing, shrinking frees the cut pages.
     *
     * @param fd     descriptor open for writing
     * @param length new size in bytes
     * @throws SyscallException EPERM (sealed memfd), EINVAL, EFBIG, EBADF
     */
    public static void ftruncate(int fd, long length) {
        try {
            Libc.ftruncate(fd, length);
        } catch (LastErrorException e) {
            throw new SyscallException("ftruncate(" + fd + ", " + length + ")", e.getErrorCode());
        }
    }

    /**
     * {@code lseek(2)}.
     *
     * @param fd     the descriptor
     * @param offset offset relative to {@code whence}
     * @param whence a {@code SEEK_*} value
     * @return the resulting offset from the start of the file
     * @throws SyscallException ENXIO ({@link #SEEK_DATA}/{@link #SEEK_HOLE} past the last data or at end of
     *                          file), EINVAL, ESPIPE, EBADF
     */
    public static long lseek(int fd, long offset, int whence) {
        try {
            return Libc.lseek(fd, offset, whence);
        } catch (LastErrorException e) {
            throw new SyscallException("lseek(" + fd + ", " + offset + ", " + whenceName(whence) + ")",
                    e.getErrorCode());
        }
    }

    /**
     * {@code sysconf(3)}.
     *
     * @param name a {@code _SC_*} value, e.g. 30 for {@code _SC_PAGESIZE}
     * @return the value; -1 for a limit that is indeterminate
     * @throws SyscallException EINVAL for an unknown name
     */
    public static long sysconf(int name) {
        try {
            return Libc.sysconf(name);
        } catch (LastErrorException e) {
            throw new SyscallException("sysconf(" + name + ")", e.getErrorCode());
        }
    }

    /**
     * Raw {@code syscall(2)} for calls glibc does not wrap; the caller names the call in its own exception.
     *
     * @throws LastErrorException with the errno on failure
     */
    static long syscall(long number, long arg1, long arg2, long arg3, long arg4) {
        return Libc.syscall(number, arg1, arg2, arg3, arg4);
    }

    private static String whenceName(int whence) {
        switch (whence) {
            case SEEK_SET: return "SEEK_SET";
            case SEEK_CUR: return "SEEK_CUR";
            case SEEK_END: return "SEEK_END";
            case SEEK_DATA: return "SEEK_DATA";
            case SEEK_HOLE: return "SEEK_HOLE";
            default: return Integer.toString(whence);
        }
    }
}
