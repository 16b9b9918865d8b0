package io.samepage.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** Every recording of KSM statistics starts with a sample, not a whole period later. */
class KsmStatisticsStartTest {

    @Test
    void theHookRunsWhenARecordingStartsAndNotAfterItIsUnregistered() {
        AtomicInteger runs = new AtomicInteger();
        Runnable hook = runs::incrementAndGet;
        assertTrue(KsmStatisticsEvent.registerPeriodic(hook));
        try (Recording recording = new Recording()) {
            recording.enable(KsmStatisticsEvent.class).withPeriod(Duration.ofHours(1));
            recording.start();
            assertEquals(1, runs.get(), "sampled as the recording started");
            recording.stop();
        } finally {
            assertTrue(KsmStatisticsEvent.unregisterPeriodic(hook));
        }
        try (Recording recording = new Recording()) {
            recording.enable(KsmStatisticsEvent.class).withPeriod(Duration.ofHours(1));
            recording.start();
            recording.stop();
        }
        assertEquals(1, runs.get(), "unregistered");
    }

    @Test
    void aRecordingWithTheEventOffTakesNoSample() {
        AtomicInteger runs = new AtomicInteger();
        Runnable hook = runs::incrementAndGet;
        assertTrue(KsmStatisticsEvent.registerPeriodic(hook));
        try (Recording recording = new Recording()) {
            // Events of an application (samepage's) are on in any recording that does not turn them off.
            recording.disable(KsmStatisticsEvent.class);
            recording.start();
            recording.stop();
        } finally {
            KsmStatisticsEvent.unregisterPeriodic(hook);
        }
        assertEquals(0, runs.get());
    }
}
