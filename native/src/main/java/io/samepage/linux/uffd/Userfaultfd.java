package io.samepage.linux.uffd;

import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;
import io.samepage.linux.syscall.Fcntl;
import io.samepage.linux.syscall.Uffd;
import io.samepage.linux.syscall.Unistd;

/**
 * Probes for a userfaultfd fit for samepage's race-free merge.
 *
 * <p>The merger write-protects a page, compares, replaces and wakes; a write that arrives in between must
 * wait, including a write the kernel makes on behalf of a syscall such as {@code read(2)} into the page.
 * Only a userfaultfd created without {@code UFFD_USER_MODE_ONLY} makes such kernel-mode writes wait; in
 * user-mode-only mode they fail with EFAULT instead, which the application would see as an I/O error. With
 * {@code vm.unprivileged_userfaultfd=0} (the default) that mode needs CAP_SYS_PTRACE, or access to
 * {@code /dev/userfaultfd} (Linux 6.1+), which is why both routes are tried.
 */
public final class Userfaultfd {

    /** Non-blocking so that no probe step can hang; close-on-exec so that nothing leaks into children. */
    static final int PROBE_FLAGS = Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK;

    /** The reason given when only a user-mode-only userfaultfd can be had. */
    public static final String USER_MODE_ONLY_REASON = "userfaultfd only in user-mode-only mode"
            + " (vm.unprivileged_userfaultfd=0 and no access to /dev/userfaultfd):"
            + " kernel-mode writes could not be blocked";

    private Userfaultfd() {
    }

    /** The kernel calls the probe makes; an interface so that tests can make any of them fail. */
    interface Source {
        /** {@code userfaultfd(2)}. */
        int viaSyscall(int flags);

        /** {@code /dev/userfaultfd} with {@code USERFAULTFD_IOC_NEW}. */
        int viaDevice(int flags);

        /** {@code UFFDIO_API} asking for no feature; returns the offered features. */
        long handshake(int uffd);
    }

    private static final Source KERNEL = new Source() {
        @Override
        public int viaSyscall(int flags) {
            return Uffd.userfaultfd(flags);
        }

        @Override
        public int viaDevice(int flags) {
            return Uffd.newFromDevice(flags);
        }

        @Override
        public long handshake(int uffd) {
            return Uffd.api(uffd, 0);
        }
    };

    /**
     * Tries to create a userfaultfd that blocks kernel-mode writes: {@code userfaultfd(2)}, then
     * {@code /dev/userfaultfd}; performs the {@code UFFDIO_API} handshake to learn the offered features; and
     * closes every descriptor it opened. Never throws for a missing feature; each call probes afresh.
     *
     * @return the outcome; {@code available} also requires {@code UFFD_FEATURE_PAGEFAULT_FLAG_WP}
     */
    public static UffdSupport probe() {
        if (!Linux.isAvailable()) {
            return new UffdSupport(false, false, 0, Linux.unavailabilityCause().getMessage());
        }
        return probe(KERNEL);
    }

    static UffdSupport probe(Source source) {
        int uffd;
        String route;
        try {
            uffd = source.viaSyscall(PROBE_FLAGS);
            route = "userfaultfd(2)";
        } catch (SyscallException bySyscall) {
            if (bySyscall.errno() == Errno.ENOSYS) {
                return new UffdSupport(false, false, 0,
                        bySyscall.getMessage() + " (kernel built without CONFIG_USERFAULTFD)");
            }
            try {
                uffd = source.viaDevice(PROBE_FLAGS);
                route = Uffd.DEVICE;
            } catch (SyscallException byDevice) {
                if (userModeOnlyWorks(source)) {
                    return new UffdSupport(false, false, 0, USER_MODE_ONLY_REASON);
                }
                return new UffdSupport(false, false, 0,
                        "no userfaultfd: " + bySyscall.getMessage() + "; " + byDevice.getMessage());
            }
        }
        try {
            long features = source.handshake(uffd);
            if ((features & Uffd.UFFD_FEATURE_PAGEFAULT_FLAG_WP) == 0) {
                return new UffdSupport(false, true, features,
                        "userfaultfd lacks write-protect (UFFD_FEATURE_PAGEFAULT_FLAG_WP not offered; features "
                                + Uffd.featureNames(features) + ")");
            }
            return new UffdSupport(true, true, features, "kernel-mode writes block; created by " + route);
        } catch (SyscallException e) {
            return new UffdSupport(false, true, 0, "UFFDIO_API handshake failed: " + e.getMessage());
        } finally {
            Unistd.close(uffd);
        }
    }

    private static boolean userModeOnlyWorks(Source source) {
        try {
            Unistd.close(source.viaSyscall(PROBE_FLAGS | Uffd.UFFD_USER_MODE_ONLY));
            return true;
        } catch (SyscallException e) {
            return false;
        }
    }
}
