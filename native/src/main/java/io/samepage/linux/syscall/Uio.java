package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

/**
 * {@code <sys/uio.h>}: copying between address spaces.
 *
 * <p>{@code process_vm_readv} on one's own pid is a memcpy that cannot crash: the kernel copies with fault
 * handling, so a source range that another thread has just unmapped yields EFAULT instead of SIGSEGV. That
 * is how a scanner reads memory that may be freed concurrently.
 */
public final class Uio {

    /** {@code sizeof(struct iovec)} on LP64: {@code void *iov_base; size_t iov_len}. */
    static final int IOVEC_BYTES = 16;

    /**
     * Two iovecs (local then remote) per thread, allocated once: the call needs no allocation after a
     * thread's first, and threads never share a block.
     */
    private static final ThreadLocal<Memory> IOVECS = ThreadLocal.withInitial(() -> new Memory(2L * IOVEC_BYTES));

    private Uio() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native long process_vm_readv(int pid, long localIov, long liovcnt, long remoteIov, long riovcnt,
                long flags) throws LastErrorException;
    }

    /**
     * {@code process_vm_readv(2)} with one local and one remote iovec: copies {@code length} bytes from
     * {@code remoteAddress} in process {@code pid} to {@code localAddress} in this process.
     *
     * <p>Reading another process needs ptrace access to it ({@code PTRACE_MODE_ATTACH_REALCREDS}); reading
     * this process needs nothing.
     *
     * @param pid           the process to read, e.g. {@link Unistd#getpid()}
     * @param localAddress  destination, {@code length} writable bytes in this process
     * @param remoteAddress source in process {@code pid}
     * @param length        bytes to copy
     * @return bytes copied; fewer than {@code length} when the source range ends in an unmapped page
     * @throws SyscallException EFAULT (the first source page, or the destination, is not mapped), ESRCH (no
     *                          such process), EPERM (no ptrace access), ENOMEM, EINVAL
     */
    public static long processVmReadv(int pid, long localAddress, long remoteAddress, long length) {
        Memory iovecs = IOVECS.get();
        long base = Pointer.nativeValue(iovecs);
        iovecs.setLong(0, localAddress);
        iovecs.setLong(8, length);
        iovecs.setLong(IOVEC_BYTES, remoteAddress);
        iovecs.setLong(IOVEC_BYTES + 8, length);
        try {
            return Libc.process_vm_readv(pid, base, 1, base + IOVEC_BYTES, 1, 0);
        } catch (LastErrorException e) {
            throw new SyscallException("process_vm_readv(" + pid + ", [{" + CallFormat.hex(localAddress) + ", "
                    + length + "}], 1, [{" + CallFormat.hex(remoteAddress) + ", " + length + "}], 1, 0)",
                    e.getErrorCode());
        }
    }
}
