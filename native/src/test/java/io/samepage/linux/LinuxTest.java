package io.samepage.linux;

import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxTest {

    private static final Runnable WORKING_LIBC = () -> { };

    @Test
    void availableOnThisMachine() {
        KernelFeatures.assume(System.getProperty("os.name").startsWith("Linux"), "Linux");
        assertTrue(Linux.isAvailable(), () -> String.valueOf(Linux.unavailabilityCause()));
        assertNull(Linux.unavailabilityCause());
        assertDoesNotThrow(Linux::ensureAvailability);
    }

    @Test
    void notLinuxIsOneClearLine() {
        UnsupportedOperationException cause = Linux.unavailabilityCause("Mac OS X", "aarch64", WORKING_LIBC);
        assertEquals("samepage's native layer needs Linux, but os.name is Mac OS X", cause.getMessage());
    }

    @Test
    void unsupportedArchitectureIsNamed() {
        UnsupportedOperationException cause = Linux.unavailabilityCause("Linux", "ppc64le", WORKING_LIBC);
        assertEquals("samepage's native layer supports x86_64 and aarch64, but os.arch is ppc64le",
                cause.getMessage());
    }

    @Test
    void bothLinuxArchitecturesAreAccepted() {
        assertNull(Linux.unavailabilityCause("Linux", "amd64", WORKING_LIBC));
        assertNull(Linux.unavailabilityCause("Linux", "x86_64", WORKING_LIBC));
        assertNull(Linux.unavailabilityCause("Linux", "aarch64", WORKING_LIBC));
    }

    @Test
    void libcThatWillNotLoadKeepsTheUnderlyingErrorAsCause() {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("Unable to load library 'c':\nlibc.so.6: not found");
        UnsupportedOperationException cause = Linux.unavailabilityCause("Linux", "amd64", () -> {
            throw error;
        });
        assertEquals("JNA could not load libc: UnsatisfiedLinkError: Unable to load library 'c':", cause.getMessage());
        assertSame(error, cause.getCause());
    }

    @Test
    void cpuArchMapsOsArchNames() {
        assertEquals(CpuArch.X86_64, CpuArch.fromOsArch("amd64").orElseThrow());
        assertEquals(CpuArch.AARCH64, CpuArch.fromOsArch("aarch64").orElseThrow());
        assertTrue(CpuArch.fromOsArch("s390x").isEmpty());
        assertTrue(CpuArch.fromOsArch(null).isEmpty());
    }
}
