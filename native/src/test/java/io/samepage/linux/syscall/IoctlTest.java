package io.samepage.linux.syscall;

import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoctlTest {

    @Test
    void encodesRequestNumbersLikeTheKernelHeaders() {
        // Values printed by a C program against <linux/userfaultfd.h> on the reference machine.
        assertEquals(0xc018aa3fL, Uffd.UFFDIO_API);
        assertEquals(0xaa00L, Uffd.USERFAULTFD_IOC_NEW);
        assertEquals(0xc018aa3fL, Ioctl.iowr(0xAA, 0x3F, 24));
    }

    @Test
    void rejectsSizesBeyondFourteenBits() {
        assertThrows(IllegalArgumentException.class, () -> Ioctl.ioc(Ioctl.IOC_READ, 0xAA, 1, 1 << 14));
    }

    @Test
    void wrongDeviceIsEnotty() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        int memfd = Memfd.create("samepage-ioctl", Memfd.MFD_CLOEXEC);
        try {
            SyscallException e = assertThrows(SyscallException.class, () -> Uffd.api(memfd, 0));
            assertEquals(Errno.ENOTTY, e.errno());
            assertEquals("ioctl(" + memfd + ", UFFDIO_API, {api=0xaa, features=0})", e.call());
        } finally {
            Unistd.close(memfd);
        }
    }

    @Test
    void deviceRouteYieldsAWorkingUserfaultfd() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        KernelFeatures.assume(Files.isWritable(Path.of(Uffd.DEVICE)),
                "read-write access to /dev/userfaultfd");
        int uffd = Uffd.newFromDevice(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK);
        try {
            long features = Uffd.api(uffd, 0);
            assertTrue((features & Uffd.UFFD_FEATURE_PAGEFAULT_FLAG_WP) != 0, Uffd.featureNames(features));
            SyscallException second = assertThrows(SyscallException.class, () -> Uffd.api(uffd, 0));
            assertEquals(Errno.EINVAL, second.errno());
        } finally {
            Unistd.close(uffd);
        }
    }

    @Test
    void namesFeaturesAndCreationFlags() {
        assertEquals("PAGEFAULT_FLAG_WP|WP_ASYNC", Uffd.featureNames(
                Uffd.UFFD_FEATURE_PAGEFAULT_FLAG_WP | Uffd.UFFD_FEATURE_WP_ASYNC));
        assertEquals("UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC",
                Uffd.createFlagNames(Uffd.UFFD_USER_MODE_ONLY | Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC));
    }
}
