package io.samepage.linux.testing;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Gates tests on kernel features. A missing feature skips the test with its reason, unless the environment
 * sets {@code SAMEPAGE_REQUIRE_LINUX=1}: then it fails it, so that CI on the reference machine cannot pass by
 * skipping everything.
 */
public final class KernelFeatures {

    /** The environment variable that turns skips into failures. */
    public static final String REQUIRE_ENV = "SAMEPAGE_REQUIRE_LINUX";

    private KernelFeatures() {
    }

    /**
     * Skips (or, when required, fails) the current test unless a feature is present.
     *
     * @param present whether the feature is there
     * @param reason  what is missing, e.g. {@code "KSM sysfs (CONFIG_KSM)"}
     */
    public static void assume(boolean present, String reason) {
        assume(present, reason, "1".equals(System.getenv(REQUIRE_ENV)));
    }

    static void assume(boolean present, String reason, boolean required) {
        if (present) {
            return;
        }
        if (required) {
            fail("required kernel feature missing: " + reason);
        } else {
            Assumptions.abort(reason);
        }
    }
}
