package io.samepage.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samepage.jfc} works where users put it: a fresh JVM started with
 * {@code -XX:StartFlightRecording:settings=default,settings=samepage.jfc,filename=rec.jfr}, the packaged event
 * jar on its class path, and {@link EmitEveryEvent} as the application. The JVM under test is the one running
 * this test, so a run on each supported JDK checks each.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JfcCommandLineIT {

    @Test
    void recordingWithDefaultPlusSamepageJfcHoldsEveryEventWithLabels(@TempDir Path dir) throws Exception {
        Path jfc = SamepageJfc.extractTo(dir);
        Path recording = dir.resolve("rec.jfr");
        Path log = dir.resolve("child.log");
        String classPath = location(SamepageEvents.class) + File.pathSeparator + location(EmitEveryEvent.class);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The override only shortens the wait for the 5 s period; the file still enables the event.
                "-XX:StartFlightRecording:settings=default,settings=" + jfc
                        + ",io.samepage.KsmStatistics#period=100 ms,filename=" + recording,
                "-cp", classPath,
                EmitEveryEvent.class.getName(), "20");

        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(40, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, child.exitValue(), () -> command + "\n" + read(log));

        Map<String, List<RecordedEvent>> byName = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().startsWith(EventNames.PREFIX))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String name = eventClass.getAnnotation(Name.class).value();
            List<RecordedEvent> events = byName.get(name);
            assertNotNull(events, name + " recorded; class path " + classPath);
            EventType type = events.get(0).getEventType();
            assertEquals(eventClass.getAnnotation(Label.class).value(), type.getLabel(), name);
            assertEquals(List.of(Categories.SAMEPAGE, type.getCategoryNames().get(1)), type.getCategoryNames());
        }

        RecordedEvent registered = byName.get(EventNames.REGION_REGISTERED).get(0);
        assertEquals(EmitEveryEvent.SITE, registered.getString("allocationSite"));
        assertEquals("Allocation Site", registered.getEventType().getField("allocationSite").getLabel());
        assertNotNull(registered.getStackTrace(), "stackTrace=true for RegionRegistered");
        assertEquals("main", registered.getStackTrace().getFrames().get(1).getMethod().getName());
        assertNull(byName.get(EventNames.PAGE_MERGE).get(0).getStackTrace(), "stackTrace=false for PageMerge");

        RecordedEvent ksm = byName.get(EventNames.KSM_STATISTICS).get(0);
        assertEquals(900L * 4096, ksm.getLong("bytesSaved"));
        assertEquals("Bytes Saved", ksm.getEventType().getField("bytesSaved").getLabel());
        assertEquals(KsmStatisticsEvent.NOT_AVAILABLE, ksm.getLong("ksmZeroPages"));
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
