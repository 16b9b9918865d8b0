package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

/**
 * {@code <sys/ioctl.h>} and the request-number encoding of {@code <asm-generic/ioctl.h>}, used by x86-64
 * and aarch64: bits 0&ndash;7 the number, 8&ndash;15 the type, 16&ndash;29 the argument size, 30&ndash;31 the
 * direction.
 */
public final class Ioctl {

    /** Direction: no data transferred. */
    public static final int IOC_NONE = 0;
    /** Direction: userspace writes, the kernel reads. */
    public static final int IOC_WRITE = 1;
    /** Direction: the kernel writes, userspace reads. */
    public static final int IOC_READ = 2;

    private static final int IOC_NRSHIFT = 0;
    private static final int IOC_TYPESHIFT = 8;
    private static final int IOC_SIZESHIFT = 16;
    private static final int IOC_DIRSHIFT = 30;
    /** The size field has 14 bits. */
    private static final int IOC_SIZEMASK = (1 << 14) - 1;

    private Ioctl() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        // Variadic in C; the one argument is passed like a fixed integer on x86-64 and aarch64.
        static native int ioctl(int fd, long request, long arg) throws LastErrorException;
    }

    /**
     * {@code _IOC(dir, type, nr, size)}.
     *
     * @param dir  {@link #IOC_NONE}, or {@link #IOC_READ} and/or {@link #IOC_WRITE}
     * @param type the driver's magic byte, e.g. {@code 0xAA} for userfaultfd
     * @param nr   the command number
     * @param size {@code sizeof} the argument struct, below 16384
     * @return the request number, as an unsigned 32-bit value
     */
    public static long ioc(int dir, int type, int nr, int size) {
        if ((size & ~IOC_SIZEMASK) != 0) {
            throw new IllegalArgumentException("ioctl argument size " + size + " does not fit in 14 bits");
        }
        return ((long) dir << IOC_DIRSHIFT) | ((long) type << IOC_TYPESHIFT) | ((long) nr << IOC_NRSHIFT)
                | ((long) size << IOC_SIZESHIFT);
    }

    /**
     * {@code _IO(type, nr)}: a request without an argument struct.
     *
     * @param type the magic byte
     * @param nr   the command number
     * @return the request number
     */
    public static long io(int type, int nr) {
        return ioc(IOC_NONE, type, nr, 0);
    }

    /**
     * {@code _IOWR(type, nr, size)}: the kernel reads and writes the argument struct.
     *
     * @param type the magic byte
     * @param nr   the command number
     * @param size {@code sizeof} the argument struct
     * @return the request number
     */
    public static long iowr(int type, int nr, int size) {
        return ioc(IOC_READ | IOC_WRITE, type, nr, size);
    }

    /**
     * {@code ioctl(2)} with one integer or pointer argument.
     *
     * @param fd      the descriptor
     * @param request the request number
     * @param arg     the argument, often the address of a struct
     * @return the request's non-negative result
     * @throws SyscallException ENOTTY (the descriptor does not take this request), EINVAL, EFAULT, EBADF, or
     *                          any errno the request defines
     */
    public static int ioctl(int fd, long request, long arg) {
        try {
            return Libc.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new SyscallException("ioctl(" + fd + ", " + CallFormat.hex(request) + ", " + CallFormat.hex(arg)
                    + ")", e.getErrorCode());
        }
    }
}
