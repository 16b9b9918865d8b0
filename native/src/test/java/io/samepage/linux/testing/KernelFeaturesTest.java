package io.samepage.linux.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelFeaturesTest {

    @Test
    void presentFeatureNeitherSkipsNorFails() {
        assertDoesNotThrow(() -> KernelFeatures.assume(true, "x", true));
        assertDoesNotThrow(() -> KernelFeatures.assume(true, "x", false));
    }

    @Test
    void missingFeatureSkipsWithItsReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> KernelFeatures.assume(false, "KSM sysfs (CONFIG_KSM)", false));
        assertEquals("KSM sysfs (CONFIG_KSM)", skipped.getMessage());
    }

    @Test
    void missingRequiredFeatureFails() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> KernelFeatures.assume(false, "KSM sysfs (CONFIG_KSM)", true));
        assertEquals("required kernel feature missing: KSM sysfs (CONFIG_KSM)", failed.getMessage());
    }
}
