package io.samepage.linux.uffd;

import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;
import io.samepage.linux.syscall.Uffd;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserfaultfdTest {

    private static final long WP_FEATURES = Uffd.UFFD_FEATURE_PAGEFAULT_FLAG_WP | Uffd.UFFD_FEATURE_WP_HUGETLBFS_SHMEM
            | Uffd.UFFD_FEATURE_WP_UNPOPULATED | Uffd.UFFD_FEATURE_WP_ASYNC;

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
    }

    /**
     * Open userfaultfds of this process. Counting all descriptors would be flaky: the JVM's own threads open
     * and close files at any time.
     */
    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("anon_inode:[userfaultfd]");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void privilegedProcessGetsAUserfaultfdThatBlocksKernelWrites() throws IOException {
        KernelFeatures.assume(Unistd.geteuid() == 0, "root (CAP_SYS_PTRACE) for a full userfaultfd");
        long before = openDescriptors();

        UffdSupport support = Userfaultfd.probe();

        assertTrue(support.available(), support.reason());
        assertTrue(support.blocksKernelWrites());
        assertTrue(support.offers(WP_FEATURES), Uffd.featureNames(support.features()));
        assertTrue(support.offers(Uffd.UFFD_FEATURE_MOVE | Uffd.UFFD_FEATURE_POISON),
                "Linux 6.18 offers 0x1ffff: " + Uffd.featureNames(support.features()));
        assertEquals("kernel-mode writes block; created by userfaultfd(2)", support.reason());
        assertEquals(before, openDescriptors(), "the probe closes every descriptor it opens");
    }

    /**
     * The kernel's calls, except that the syscall route fails with a chosen errno (user-mode-only still works
     * when that errno is EPERM, as for an unprivileged process), the device route may be refused, and the
     * handshake may report chosen features.
     */
    private static final class Refusing implements Userfaultfd.Source {
        private final int syscallErrno;
        private final boolean deviceWorks;
        private final Long features;

        Refusing(int syscallErrno, boolean deviceWorks) {
            this(syscallErrno, deviceWorks, null);
        }

        Refusing(int syscallErrno, boolean deviceWorks, Long features) {
            this.syscallErrno = syscallErrno;
            this.deviceWorks = deviceWorks;
            this.features = features;
        }

        @Override
        public long handshake(int uffd) {
            long offered = Uffd.api(uffd, 0);
            return features == null ? offered : features;
        }

        @Override
        public int viaSyscall(int flags) {
            if (syscallErrno == 0 || (flags & Uffd.UFFD_USER_MODE_ONLY) != 0 && syscallErrno == Errno.EPERM) {
                return Uffd.userfaultfd(flags);
            }
            throw new SyscallException("userfaultfd(" + Uffd.createFlagNames(flags) + ")", syscallErrno);
        }

        @Override
        public int viaDevice(int flags) {
            if (deviceWorks) {
                return Uffd.newFromDevice(flags);
            }
            throw new SyscallException("open(\"/dev/userfaultfd\", O_RDWR|O_CLOEXEC)", Errno.EACCES);
        }
    }

    @Test
    void userModeOnlyIsNotEnough() throws IOException {
        KernelFeatures.assume(Unistd.geteuid() == 0, "root, to create the user-mode-only uffd the fake hands out");
        long before = openDescriptors();
        UffdSupport support = Userfaultfd.probe(new Refusing(Errno.EPERM, false));
        assertEquals(new UffdSupport(false, false, 0, Userfaultfd.USER_MODE_ONLY_REASON), support);
        assertEquals("userfaultfd only in user-mode-only mode (vm.unprivileged_userfaultfd=0 and no access to"
                + " /dev/userfaultfd): kernel-mode writes could not be blocked", support.reason());
        assertEquals(before, openDescriptors());
    }

    @Test
    void deviceRouteIsTriedWhenTheSyscallIsRefused() {
        KernelFeatures.assume(Files.isWritable(Path.of(Uffd.DEVICE)), "read-write access to /dev/userfaultfd");
        UffdSupport support = Userfaultfd.probe(new Refusing(Errno.EPERM, true));
        assertTrue(support.available(), support.reason());
        assertEquals("kernel-mode writes block; created by /dev/userfaultfd", support.reason());
    }

    @Test
    void kernelWithoutUserfaultfdSaysSo() {
        UffdSupport support = Userfaultfd.probe(new Refusing(Errno.ENOSYS, false));
        assertFalse(support.available());
        assertEquals("userfaultfd(O_NONBLOCK|O_CLOEXEC): ENOSYS (Function not implemented)"
                + " (kernel built without CONFIG_USERFAULTFD)", support.reason());
    }

    @Test
    void nothingWorkingNamesBothFailures() {
        UffdSupport support = Userfaultfd.probe(new Refusing(Errno.EACCES, false));
        assertFalse(support.available() || support.blocksKernelWrites());
        assertEquals("no userfaultfd: userfaultfd(O_NONBLOCK|O_CLOEXEC): EACCES (Permission denied);"
                + " open(\"/dev/userfaultfd\", O_RDWR|O_CLOEXEC): EACCES (Permission denied)", support.reason());
    }

    @Test
    void kernelWithoutWriteProtectIsNotAvailable() throws IOException {
        KernelFeatures.assume(Unistd.geteuid() == 0, "root, for the real userfaultfd behind the fake handshake");
        long before = openDescriptors();
        long missingOnly = Uffd.UFFD_FEATURE_EVENT_FORK | Uffd.UFFD_FEATURE_MISSING_SHMEM;
        UffdSupport support = Userfaultfd.probe(new Refusing(0, false, missingOnly));
        assertEquals(new UffdSupport(false, true, missingOnly, "userfaultfd lacks write-protect"
                + " (UFFD_FEATURE_PAGEFAULT_FLAG_WP not offered; features EVENT_FORK|MISSING_SHMEM)"), support);
        assertEquals(before, openDescriptors());
    }

    /** A second UFFDIO_API on the same descriptor is the kernel's own way to fail a handshake. */
    @Test
    void failedHandshakeIsReportedAndTheDescriptorClosed() throws IOException {
        KernelFeatures.assume(Unistd.geteuid() == 0, "root, for a full userfaultfd");
        long before = openDescriptors();
        UffdSupport support = Userfaultfd.probe(new Userfaultfd.Source() {
            @Override
            public int viaSyscall(int flags) {
                return Uffd.userfaultfd(flags);
            }

            @Override
            public int viaDevice(int flags) {
                throw new AssertionError("not reached");
            }

            @Override
            public long handshake(int uffd) {
                Uffd.api(uffd, 0);
                return Uffd.api(uffd, 0);
            }
        });
        assertFalse(support.available());
        assertTrue(support.blocksKernelWrites());
        assertTrue(support.reason().matches("UFFDIO_API handshake failed: ioctl\\(\\d+, UFFDIO_API,"
                + " \\{api=0xaa, features=0\\}\\): EINVAL \\(Invalid argument\\)"), support.reason());
        assertEquals(before, openDescriptors());
    }
}
