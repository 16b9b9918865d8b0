package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.samepage.linux.CpuArch;
import io.samepage.linux.SyscallException;

/**
 * {@code <linux/userfaultfd.h>}: creating a userfaultfd and the {@code UFFDIO_API} handshake.
 *
 * <p>Only what {@link io.samepage.linux.uffd.Userfaultfd#probe()} needs; the fault-handling protocol itself
 * belongs in native code (see linux-platform-notes.md §8). Debian 12's 6.1 UAPI headers lack the features
 * from bit 12 up and {@code UFFD_USER_MODE_ONLY}; their values were checked against Linux 6.18.
 */
public final class Uffd {

    /** {@code UFFD_API}: the API version {@code UFFDIO_API} expects in {@code api}. */
    public static final long UFFD_API = 0xAA;
    /** The ioctl type byte of userfaultfd and of {@code /dev/userfaultfd}. */
    public static final int UFFDIO = 0xAA;
    /** Flag to {@code userfaultfd(2)}: handle only faults from user mode, so kernel-mode accesses fail with EFAULT. */
    public static final int UFFD_USER_MODE_ONLY = 1;

    /** Write-protect faults can be reported ({@code UFFDIO_REGISTER_MODE_WP}) on anonymous memory. */
    public static final long UFFD_FEATURE_PAGEFAULT_FLAG_WP = 1L << 0;
    /** Report {@code fork} with a new uffd for the child (needs CAP_SYS_PTRACE). */
    public static final long UFFD_FEATURE_EVENT_FORK = 1L << 1;
    /** Report {@code mremap}. */
    public static final long UFFD_FEATURE_EVENT_REMAP = 1L << 2;
    /** Report {@code MADV_DONTNEED}/{@code MADV_REMOVE}. */
    public static final long UFFD_FEATURE_EVENT_REMOVE = 1L << 3;
    /** Missing-page faults on hugetlbfs. */
    public static final long UFFD_FEATURE_MISSING_HUGETLBFS = 1L << 4;
    /** Missing-page faults on shmem. */
    public static final long UFFD_FEATURE_MISSING_SHMEM = 1L << 5;
    /** Report {@code munmap}; makes a replacing {@code mmap(MAP_FIXED)} wait for the reader. Never enable. */
    public static final long UFFD_FEATURE_EVENT_UNMAP = 1L << 6;
    /** Deliver SIGBUS instead of a message. */
    public static final long UFFD_FEATURE_SIGBUS = 1L << 7;
    /** Report the faulting thread id. */
    public static final long UFFD_FEATURE_THREAD_ID = 1L << 8;
    /** Minor faults on hugetlbfs. */
    public static final long UFFD_FEATURE_MINOR_HUGETLBFS = 1L << 9;
    /** Minor faults on shmem. */
    public static final long UFFD_FEATURE_MINOR_SHMEM = 1L << 10;
    /** Report the exact faulting address, not page-aligned. */
    public static final long UFFD_FEATURE_EXACT_ADDRESS = 1L << 11;
    /** Write-protect on hugetlbfs and shmem, including private memfd mappings (merged pages). */
    public static final long UFFD_FEATURE_WP_HUGETLBFS_SHMEM = 1L << 12;
    /** Write-protect pages that were never populated (a marker PTE). */
    public static final long UFFD_FEATURE_WP_UNPOPULATED = 1L << 13;
    /** {@code UFFDIO_POISON}. */
    public static final long UFFD_FEATURE_POISON = 1L << 14;
    /** Asynchronous write-protect: the kernel resolves faults itself; for {@code PAGEMAP_SCAN} write tracking. */
    public static final long UFFD_FEATURE_WP_ASYNC = 1L << 15;
    /** {@code UFFDIO_MOVE}. */
    public static final long UFFD_FEATURE_MOVE = 1L << 16;

    /** {@code sizeof(struct uffdio_api)}: {@code __u64 api; __u64 features; __u64 ioctls;}. */
    public static final int UFFDIO_API_BYTES = 24;
    /** {@code UFFDIO_API = _IOWR(UFFDIO, 0x3F, struct uffdio_api)} = {@code 0xc018aa3f}. */
    public static final long UFFDIO_API = Ioctl.iowr(UFFDIO, 0x3F, UFFDIO_API_BYTES);
    /** {@code USERFAULTFD_IOC_NEW = _IO(USERFAULTFD_IOC, 0x00)} = {@code 0xaa00}, on {@code /dev/userfaultfd}. */
    public static final long USERFAULTFD_IOC_NEW = Ioctl.io(UFFDIO, 0x00);
    /** The device that hands out userfaultfds subject to its file permissions (Linux 6.1+). */
    public static final String DEVICE = "/dev/userfaultfd";

    /** {@code __NR_userfaultfd} on x86-64. */
    static final long SYS_USERFAULTFD_X86_64 = 323;
    /** {@code __NR_userfaultfd} on aarch64. */
    static final long SYS_USERFAULTFD_AARCH64 = 282;

    private static final long[] FEATURE_BITS = {
        UFFD_FEATURE_PAGEFAULT_FLAG_WP, UFFD_FEATURE_EVENT_FORK, UFFD_FEATURE_EVENT_REMAP, UFFD_FEATURE_EVENT_REMOVE,
        UFFD_FEATURE_MISSING_HUGETLBFS, UFFD_FEATURE_MISSING_SHMEM, UFFD_FEATURE_EVENT_UNMAP, UFFD_FEATURE_SIGBUS,
        UFFD_FEATURE_THREAD_ID, UFFD_FEATURE_MINOR_HUGETLBFS, UFFD_FEATURE_MINOR_SHMEM, UFFD_FEATURE_EXACT_ADDRESS,
        UFFD_FEATURE_WP_HUGETLBFS_SHMEM, UFFD_FEATURE_WP_UNPOPULATED, UFFD_FEATURE_POISON, UFFD_FEATURE_WP_ASYNC,
        UFFD_FEATURE_MOVE};
    private static final String[] FEATURE_NAMES = {
        "PAGEFAULT_FLAG_WP", "EVENT_FORK", "EVENT_REMAP", "EVENT_REMOVE", "MISSING_HUGETLBFS", "MISSING_SHMEM",
        "EVENT_UNMAP", "SIGBUS", "THREAD_ID", "MINOR_HUGETLBFS", "MINOR_SHMEM", "EXACT_ADDRESS",
        "WP_HUGETLBFS_SHMEM", "WP_UNPOPULATED", "POISON", "WP_ASYNC", "MOVE"};
    private static final long[] CREATE_BITS = {UFFD_USER_MODE_ONLY, Fcntl.O_NONBLOCK, Fcntl.O_CLOEXEC};
    private static final String[] CREATE_NAMES = {"UFFD_USER_MODE_ONLY", "O_NONBLOCK", "O_CLOEXEC"};

    private Uffd() {
    }

    /**
     * {@code userfaultfd(2)}: creates a userfaultfd.
     *
     * <p>Without {@link #UFFD_USER_MODE_ONLY} this needs {@code vm.unprivileged_userfaultfd=1} or
     * CAP_SYS_PTRACE; otherwise it fails with EPERM and only the device route remains.
     *
     * @param flags {@link Fcntl#O_CLOEXEC}, {@link Fcntl#O_NONBLOCK}, {@link #UFFD_USER_MODE_ONLY}
     * @return the descriptor; it needs {@link #api} before any other use
     * @throws SyscallException EPERM (not privileged), ENOSYS (kernel without CONFIG_USERFAULTFD), EINVAL,
     *                          EMFILE
     */
    public static int userfaultfd(int flags) {
        long number = CpuArch.current() == CpuArch.X86_64 ? SYS_USERFAULTFD_X86_64 : SYS_USERFAULTFD_AARCH64;
        try {
            return (int) Unistd.syscall(number, flags, 0, 0, 0);
        } catch (LastErrorException e) {
            throw new SyscallException("userfaultfd(" + createFlagNames(flags) + ")", e.getErrorCode());
        }
    }

    /**
     * Creates a userfaultfd through {@code /dev/userfaultfd} ({@code USERFAULTFD_IOC_NEW}): the route for
     * processes that may open the device but lack CAP_SYS_PTRACE. The device descriptor is closed again.
     *
     * @param flags as for {@link #userfaultfd(int)}
     * @return the descriptor
     * @throws SyscallException ENOENT (no device: kernel before 6.1), EACCES (device permissions), EINVAL
     */
    public static int newFromDevice(int flags) {
        int device = Fcntl.open(DEVICE, Fcntl.O_RDWR | Fcntl.O_CLOEXEC);
        try {
            return Ioctl.ioctl(device, USERFAULTFD_IOC_NEW, flags);
        } catch (SyscallException e) {
            throw new SyscallException("ioctl(" + DEVICE + ", USERFAULTFD_IOC_NEW, " + createFlagNames(flags) + ")",
                    e.errno());
        } finally {
            Unistd.close(device);
        }
    }

    /**
     * {@code ioctl(uffd, UFFDIO_API, {api=UFFD_API, features})}: the mandatory first call on a new
     * userfaultfd. Enables {@code requestedFeatures} for this descriptor and reports what the kernel offers.
     * It can be issued once per descriptor.
     *
     * @param uffd              a new userfaultfd
     * @param requestedFeatures {@code UFFD_FEATURE_*} bits to enable, 0 to only ask
     * @return every feature the kernel supports (not only those requested)
     * @throws SyscallException EINVAL (unknown feature or a second handshake), EPERM ({@link
     *                          #UFFD_FEATURE_EVENT_FORK} without CAP_SYS_PTRACE), EFAULT
     */
    public static long api(int uffd, long requestedFeatures) {
        Memory uffdioApi = new Memory(UFFDIO_API_BYTES);
        uffdioApi.setLong(0, UFFD_API);
        uffdioApi.setLong(8, requestedFeatures);
        uffdioApi.setLong(16, 0);
        try {
            Ioctl.ioctl(uffd, UFFDIO_API, Pointer.nativeValue(uffdioApi));
        } catch (SyscallException e) {
            throw new SyscallException("ioctl(" + uffd + ", UFFDIO_API, {api=0xaa, features="
                    + featureNames(requestedFeatures) + "})", e.errno());
        }
        return uffdioApi.getLong(8);
    }

    /**
     * Names {@code UFFD_FEATURE_*} bits without their common prefix.
     *
     * @param features feature bits
     * @return e.g. {@code "PAGEFAULT_FLAG_WP|WP_ASYNC"}, {@code "0"} for none
     */
    public static String featureNames(long features) {
        return CallFormat.flags(features, FEATURE_BITS, FEATURE_NAMES, "0");
    }

    /**
     * Names the flags of {@link #userfaultfd(int)}.
     *
     * @param flags creation flags
     * @return e.g. {@code "O_NONBLOCK|O_CLOEXEC"}
     */
    public static String createFlagNames(int flags) {
        return CallFormat.flags(flags, CREATE_BITS, CREATE_NAMES, "0");
    }
}
