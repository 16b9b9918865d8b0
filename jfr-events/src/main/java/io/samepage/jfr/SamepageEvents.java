package io.samepage.jfr;

import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/** The catalogue of samepage's JFR events, and the one place that registers them. */
public final class SamepageEvents {

    private static final String JFR_MODULE = "jdk.jfr";

    private SamepageEvents() {
    }

    /**
     * Tells whether this runtime has the {@code jdk.jfr} module. Images made with {@code jlink} often leave
     * it out, and then every event class fails to load with {@code NoClassDefFoundError}; the agent checks
     * this once and skips all event code when it is {@code false}. Safe to call in any runtime: this class
     * touches {@code jdk.jfr} only inside its other methods.
     *
     * @return {@code true} if the event classes can be loaded
     */
    public static boolean jfrPresent() {
        return ModuleLayer.boot().findModule(JFR_MODULE).isPresent();
    }

    /**
     * Lists every samepage event class, in the order of {@link EventNames}.
     *
     * @return an immutable list of the event classes
     */
    public static List<Class<? extends Event>> all() {
        return Catalogue.ALL;
    }

    /**
     * Registers every event with JFR, so that JMC, {@code jfr configure} and {@code jfr metadata} see them
     * before their first commit. Registering again is harmless.
     *
     * <p>Call it lazily, never from {@code premain}, since it initialises JFR's metadata; but call it before
     * the first commit of any samepage event. An event type that JFR first registers while a
     * {@code RecordingStream} or {@code EventStream} is running makes that stream read strings pooled
     * earlier in the chunk as {@code null}, so a repeated allocation site would arrive empty (observed on
     * 17.0.15 and 25.0.3; recording files are unaffected).
     *
     * @return {@code true} if every event is registered; {@code false} if this runtime has no usable JFR
     *         ({@code jdk.jfr} missing, or JFR disabled in the JVM) or a security manager refused
     */
    public static boolean registerAll() {
        try {
            if (!jfrPresent() || !FlightRecorder.isAvailable()) {
                return false;
            }
            for (Class<? extends Event> eventClass : all()) {
                FlightRecorder.register(eventClass);
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            // SecurityException, or a broken JFR: events are an extra, never a reason to fail the agent.
            return false;
        }
    }

    // A holder, so that loading SamepageEvents for jfrPresent() does not load the jdk.jfr subclasses.
    private static final class Catalogue {
        static final List<Class<? extends Event>> ALL = List.of(
                RegionRegisteredEvent.class,
                RegionFreedEvent.class,
                PageMergeEvent.class,
                CowBreakEvent.class,
                DedupScanEvent.class,
                KsmStatisticsEvent.class,
                SavingsEstimateEvent.class);
    }
}
