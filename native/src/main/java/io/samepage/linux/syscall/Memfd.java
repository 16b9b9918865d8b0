package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;

/**
 * {@code <sys/mman.h>} / {@code <linux/memfd.h>}: anonymous shmem files, the canon-page store of the
 * userspace merger.
 */
public final class Memfd {

    /** Set close-on-exec on the new descriptor. */
    public static final int MFD_CLOEXEC = 0x1;
    /** Allow {@code F_ADD_SEALS}; without it the file is created with {@code F_SEAL_SEAL}. */
    public static final int MFD_ALLOW_SEALING = 0x2;
    /** Back the file with hugetlbfs pages instead of shmem. */
    public static final int MFD_HUGETLB = 0x4;

    private static final long[] FLAG_BITS = {MFD_CLOEXEC, MFD_ALLOW_SEALING, MFD_HUGETLB};
    private static final String[] FLAG_NAMES = {"MFD_CLOEXEC", "MFD_ALLOW_SEALING", "MFD_HUGETLB"};

    private Memfd() {
    }

    private static final class Libc {
        static {
            Linux.ensureAvailability();
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        static native int memfd_create(String name, int flags) throws LastErrorException;
    }

    /**
     * {@code memfd_create(3)} (glibc 2.27+): creates an anonymous file of size 0 in shmem and returns a
     * descriptor for it. Its pages count as {@code Shmem} and are charged to the creating memory cgroup; it
     * shows in maps as {@code /memfd:<name> (deleted)}. Close it with {@link Unistd#close(int)}.
     *
     * @param name  a label for debugging, at most 249 bytes; several files may share a name
     * @param flags {@code MFD_*} bits
     * @return the file descriptor
     * @throws SyscallException EINVAL (unknown flags, name too long), EMFILE, ENFILE, ENOMEM, EPERM
     */
    public static int create(String name, int flags) {
        try {
            return Libc.memfd_create(name, flags);
        } catch (LastErrorException e) {
            throw new SyscallException("memfd_create(\"" + name + "\", " + flagNames(flags) + ")", e.getErrorCode());
        }
    }

    /**
     * Names {@code MFD_*} bits.
     *
     * @param flags memfd flags
     * @return e.g. {@code "MFD_CLOEXEC|MFD_ALLOW_SEALING"}
     */
    public static String flagNames(int flags) {
        return CallFormat.flags(flags, FLAG_BITS, FLAG_NAMES, "0");
    }
}
