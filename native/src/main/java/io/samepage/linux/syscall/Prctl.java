package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * {@code <sys/prctl.h>}: process-wide KSM registration and anonymous VMA names.
 *
 * <p>{@code prctl} is variadic in C; it is bound with four {@code unsigned long} arguments after the option,
 * which is how the kernel reads them and how the x86-64 and aarch64 ABIs pass variadic integers.
 */
public final class Prctl {

    /** Set (arg2=1) or clear (0) KSM merging of every present and future VMA of this process (Linux 6.4+). */
    public static final int PR_SET_MEMORY_MERGE = 67;
    /** Returns 1 if {@link #PR_SET_MEMORY_MERGE} is in force, else 0 (Linux 6.4+). */
    public static final int PR_GET_MEMORY_MERGE = 68;
    /** Set an attribute of a VMA range; the attribute is arg2 ("SVMA" in ASCII). */
    public static final int PR_SET_VMA = 0x53564d41;
    /** arg2 of {@link #PR_SET_VMA}: name an anonymous range, shown as {@code [anon:<name>]} (Linux 5.17+). */
    public static final int PR_SET_VMA_ANON_NAME = 0;

    private Prctl() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;
    }

    /**
     * {@code prctl(PR_SET_MEMORY_MERGE, on)}: marks (or unmarks) every VMA of this process as mergeable,
     * including the Java heap, and every VMA created later; the flag is inherited across {@code fork}.
     * Turning it off unmerges what was merged. Needs no privilege. Like {@code MADV_MERGEABLE}, it only marks.
     *
     * @param on true to enable
     * @throws SyscallException EINVAL (kernel older than 6.4 or without CONFIG_KSM), ENOMEM, EAGAIN
     */
    public static void setMemoryMerge(boolean on) {
        try {
            Libc.prctl(PR_SET_MEMORY_MERGE, on ? 1 : 0, 0, 0, 0);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            throw new SyscallException("prctl(PR_SET_MEMORY_MERGE, " + (on ? 1 : 0) + ")", errno,
                    errno == Errno.EINVAL ? "kernel older than 6.4 or built without CONFIG_KSM" : null);
        }
    }

    /**
     * {@code prctl(PR_GET_MEMORY_MERGE)}.
     *
     * @return whether process-wide KSM merging is enabled
     * @throws SyscallException EINVAL (kernel older than 6.4 or without CONFIG_KSM)
     */
    public static boolean memoryMerge() {
        try {
            return Libc.prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0) == 1;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            throw new SyscallException("prctl(PR_GET_MEMORY_MERGE)", errno,
                    errno == Errno.EINVAL ? "kernel older than 6.4 or built without CONFIG_KSM" : null);
        }
    }

    /**
     * {@code prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, addr, len, name)}: names a private or shared anonymous
     * range so that {@code /proc/<pid>/maps} shows {@code [anon:<name>]}. Naming part of a VMA splits it.
     * The name does not survive replacing the pages with {@code mmap(MAP_FIXED)}.
     *
     * @param addr page-aligned start
     * @param len  bytes
     * @param name at most 79 bytes of printable ASCII other than {@code \ ` $ [ ]}; null removes the name
     * @throws SyscallException EINVAL (kernel without CONFIG_ANON_VMA_NAME, a file-backed range, or a bad
     *                          name), ENOMEM (part of the range is not mapped), EBADF
     */
    public static void setAnonVmaName(long addr, long len, String name) {
        Memory cName = null;
        if (name != null) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            cName = new Memory(bytes.length + 1L);
            cName.write(0, bytes, 0, bytes.length);
            cName.setByte(bytes.length, (byte) 0);
        }
        try {
            Libc.prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, addr, len, cName == null ? 0 : Pointer.nativeValue(cName));
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            throw new SyscallException("prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, " + CallFormat.hex(addr) + ", " + len
                    + ", " + (name == null ? "NULL" : '"' + name + '"') + ")", errno,
                    errno == Errno.EINVAL
                            ? "kernel without CONFIG_ANON_VMA_NAME, a file-backed range, or an invalid name" : null);
        } finally {
            // The kernel copies the name during the call; the Memory must not be freed before it returns.
            Reference.reachabilityFence(cName);
        }
    }
}
