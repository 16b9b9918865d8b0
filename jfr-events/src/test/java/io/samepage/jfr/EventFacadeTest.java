package io.samepage.jfr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** The static façades: {@code enabled()} follows the recordings, and every entry point is safe to call. */
class EventFacadeTest {

    @Test
    void enabledOnlyWhileARecordingWantsTheEvent() throws Exception {
        assumeTrue(FlightRecorder.getFlightRecorder().getRecordings().isEmpty(), "another recording is running");
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            assertFalse(enabled(eventClass), eventClass.getSimpleName() + " without a recording");
        }

        try (Recording recording = new Recording()) {
            recording.enable(PageMergeEvent.class);
            recording.disable(CowBreakEvent.class);
            recording.start();
            assertTrue(PageMergeEvent.enabled());
            assertFalse(CowBreakEvent.enabled());
        }

        assertFalse(PageMergeEvent.enabled(), "after the recording closed");
    }

    @Test
    void commitsWithoutARecordingAreNoOps() {
        assertDoesNotThrow(() -> {
            RegionRegisteredEvent.commit(1, 0, 0, null, false, null, null);
            RegionFreedEvent.commit(1, 0, 0, null, null, 0, 0);
            PageMergeEvent.commit(1, 0, null, null, 0, 0, null, 0);
            CowBreakEvent.commit(1, 0, null, null, 0, 0, null, 0);
            DedupScanEvent.commit(DedupScanEvent.start(), 0, 0, 0, 0, 0, 0, 0, null);
            KsmStatisticsEvent.commit(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, false, false,
                    -1, null, null);
            SavingsEstimateEvent.commit(null, SavingsEstimateEvent.NO_REGION, null, 0, 0, 0, 0, 0, 0);
        });
    }

    @Test
    void periodicHookRegistersOnceAndUnregistersOnce() {
        Runnable hook = () -> { };
        assertTrue(KsmStatisticsEvent.registerPeriodic(hook));
        assertFalse(KsmStatisticsEvent.registerPeriodic(hook), "the same hook twice");
        assertTrue(KsmStatisticsEvent.unregisterPeriodic(hook));
        assertFalse(KsmStatisticsEvent.unregisterPeriodic(hook), "a hook no longer registered");
    }

    @Test
    void registerAllMakesEveryEventKnownToTheRecorder() {
        assertTrue(SamepageEvents.jfrPresent());
        assertTrue(SamepageEvents.registerAll());
        assertTrue(SamepageEvents.registerAll(), "again");
        List<String> registered = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .map(EventType::getName)
                .toList();
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String name = eventClass.getAnnotation(Name.class).value();
            assertTrue(registered.contains(name), name);
        }
    }

    private static boolean enabled(Class<? extends Event> eventClass) throws Exception {
        Method enabled = eventClass.getMethod("enabled");
        return (boolean) enabled.invoke(null);
    }
}
