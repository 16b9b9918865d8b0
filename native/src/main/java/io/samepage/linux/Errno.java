package io.samepage.linux;

/**
 * Linux errno values, their symbolic names and their glibc {@code strerror} texts.
 *
 * <p>x86-64 and aarch64 share the asm-generic numbering ({@code <asm-generic/errno-base.h>} and
 * {@code <asm-generic/errno.h>}), so one table serves both. The texts are glibc's, so that a message
 * reads exactly as {@code perror(3)} would print it; a test compares them with the running libc.
 */
public final class Errno {

    /** Operation not permitted: the caller lacks a capability (e.g. userfaultfd without CAP_SYS_PTRACE). */
    public static final int EPERM = 1;
    /** No such file or directory; also an ioctl on a range that is no longer registered. */
    public static final int ENOENT = 2;
    /** No such process. */
    public static final int ESRCH = 3;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Input/output error. */
    public static final int EIO = 5;
    /** No such device or address. */
    public static final int ENXIO = 6;
    /** Argument list too long. */
    public static final int E2BIG = 7;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Resource temporarily unavailable; also {@code EWOULDBLOCK}. */
    public static final int EAGAIN = 11;
    /** Cannot allocate memory; also a range that is not mapped, and the {@code vm.max_map_count} limit. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address: the kernel could not access a user address. */
    public static final int EFAULT = 14;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** Invalid cross-device link. */
    public static final int EXDEV = 18;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Not a directory. */
    public static final int ENOTDIR = 20;
    /** Is a directory. */
    public static final int EISDIR = 21;
    /** Invalid argument; also the answer of {@code MADV_MERGEABLE} on a kernel without CONFIG_KSM. */
    public static final int EINVAL = 22;
    /** Too many open files in system. */
    public static final int ENFILE = 23;
    /** Too many open files. */
    public static final int EMFILE = 24;
    /** Inappropriate ioctl for device. */
    public static final int ENOTTY = 25;
    /** Text file busy. */
    public static final int ETXTBSY = 26;
    /** File too large. */
    public static final int EFBIG = 27;
    /** No space left on device. */
    public static final int ENOSPC = 28;
    /** Illegal seek. */
    public static final int ESPIPE = 29;
    /** Read-only file system. */
    public static final int EROFS = 30;
    /** Broken pipe. */
    public static final int EPIPE = 32;
    /** Numerical result out of range. */
    public static final int ERANGE = 34;
    /** Resource deadlock avoided. */
    public static final int EDEADLK = 35;
    /** File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** Function not implemented: the kernel lacks the syscall. */
    public static final int ENOSYS = 38;
    /** Too many levels of symbolic links. */
    public static final int ELOOP = 40;
    /** Value too large for defined data type. */
    public static final int EOVERFLOW = 75;
    /** Operation not supported; also {@code ENOTSUP}. */
    public static final int EOPNOTSUPP = 95;
    /** Connection timed out. */
    public static final int ETIMEDOUT = 110;
    /** Memory page has hardware error. */
    public static final int EHWPOISON = 133;

    private static final String[] NAMES = new String[EHWPOISON + 1];
    private static final String[] TEXTS = new String[EHWPOISON + 1];

    static {
        entry(EPERM, "EPERM", "Operation not permitted");
        entry(ENOENT, "ENOENT", "No such file or directory");
        entry(ESRCH, "ESRCH", "No such process");
        entry(EINTR, "EINTR", "Interrupted system call");
        entry(EIO, "EIO", "Input/output error");
        entry(ENXIO, "ENXIO", "No such device or address");
        entry(E2BIG, "E2BIG", "Argument list too long");
        entry(EBADF, "EBADF", "Bad file descriptor");
        entry(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        entry(ENOMEM, "ENOMEM", "Cannot allocate memory");
        entry(EACCES, "EACCES", "Permission denied");
        entry(EFAULT, "EFAULT", "Bad address");
        entry(EBUSY, "EBUSY", "Device or resource busy");
        entry(EEXIST, "EEXIST", "File exists");
        entry(EXDEV, "EXDEV", "Invalid cross-device link");
        entry(ENODEV, "ENODEV", "No such device");
        entry(ENOTDIR, "ENOTDIR", "Not a directory");
        entry(EISDIR, "EISDIR", "Is a directory");
        entry(EINVAL, "EINVAL", "Invalid argument");
        entry(ENFILE, "ENFILE", "Too many open files in system");
        entry(EMFILE, "EMFILE", "Too many open files");
        entry(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        entry(ETXTBSY, "ETXTBSY", "Text file busy");
        entry(EFBIG, "EFBIG", "File too large");
        entry(ENOSPC, "ENOSPC", "No space left on device");
        entry(ESPIPE, "ESPIPE", "Illegal seek");
        entry(EROFS, "EROFS", "Read-only file system");
        entry(EPIPE, "EPIPE", "Broken pipe");
        entry(ERANGE, "ERANGE", "Numerical result out of range");
        entry(EDEADLK, "EDEADLK", "Resource deadlock avoided");
        entry(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        entry(ENOSYS, "ENOSYS", "Function not implemented");
        entry(ELOOP, "ELOOP", "Too many levels of symbolic links");
        entry(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        entry(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
        entry(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        entry(EHWPOISON, "EHWPOISON", "Memory page has hardware error");
    }

    private Errno() {
    }

    private static void entry(int errno, String name, String text) {
        NAMES[errno] = name;
        TEXTS[errno] = text;
    }

    /**
     * The symbolic name of an errno value.
     *
     * @param errno an errno value
     * @return e.g. {@code "EINVAL"}; {@code "errno 200"} for a value outside the table
     */
    public static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /**
     * The glibc {@code strerror} text of an errno value.
     *
     * @param errno an errno value
     * @return e.g. {@code "Invalid argument"}; glibc's {@code "Unknown error 200"} for a value outside the table
     */
    public static String describe(int errno) {
        String text = errno > 0 && errno < TEXTS.length ? TEXTS[errno] : null;
        return text != null ? text : "Unknown error " + errno;
    }
}
