package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.agent.testing.KsmdAtFullSpeed;
import io.samepage.linux.ksm.KsmProcessStat;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two JVMs holding identical direct buffers: with the agent ksmd merges them, without it nothing merges. */
class KernelMergeIT {

    private static final int MIB = 32;
    private static final long DUPLICATE_PAGES = (MIB << 20) / 4096;
    private static final Duration START = Duration.ofSeconds(60);
    private static final long MERGE_WAIT_MILLIS = 60_000;

    private static List<String> holder(List<String> jvmFlags) {
        List<String> args = new ArrayList<>(jvmFlags);
        args.addAll(List.of("-XX:MaxDirectMemorySize=128m", "-cp", ChildJvm.testClasspath(),
                DuplicateHolder.class.getName(), Integer.toString(MIB), "7"));
        return args;
    }

    @Test
    void identicalDirectBuffersInTwoJvmsMergeWithTheAgent(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("merge.jfr");
        Path jfc = dir.resolve("samepage.jfc");
        // samepage.jfc as shipped, but KSM statistics every 500 ms so this short recording holds some.
        String settings = Files.readString(Path.of(System.getProperty("samepage.root"),
                "jfr-events/src/main/resources/io/samepage/jfr/samepage.jfc"));
        Files.writeString(jfc, settings.replaceFirst(
                "(?s)(io\\.samepage\\.KsmStatistics.*?name=\"period\">)[^<]*", "$1500 ms"));
        String agent = "-javaagent:" + ChildJvm.agentJar() + "=interval=200ms";
        try (KsmdAtFullSpeed ksmd = KsmdAtFullSpeed.prepare();
             ChildJvm a = ChildJvm.start(holder(List.of(agent,
                     "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + recording)));
             ChildJvm b = ChildJvm.start(holder(List.of(agent)))) {
            a.awaitStdout(s -> s.contains("ready"), START);
            b.awaitStdout(s -> s.contains("ready"), START);
            long before = ksmd.counters().pagesSharing();
            ksmd.run();
            long sharing = ksmd.awaitSharing(s -> s - before >= DUPLICATE_PAGES * 9 / 10, MERGE_WAIT_MILLIS);
            assertTrue(sharing - before >= DUPLICATE_PAGES * 9 / 10,
                    "pages_sharing grew by " + (sharing - before) + " of " + DUPLICATE_PAGES + " duplicate pages");
            for (ChildJvm child : List.of(a, b)) {
                long merging = KsmProcessStat.read(child.pid()).orElseThrow().mergingPages();
                assertTrue(merging >= DUPLICATE_PAGES * 9 / 10, "ksm_merging_pages of " + child.pid() + ": "
                        + merging);
            }
            Thread.sleep(1_000); // two sampler intervals, so the merge shows up as events
            closeStdin(a);
            assertEquals(0, a.await(START).exitCode(), a::stderr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        List<RecordedEvent> registered = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.samepage.RegionRegistered")).toList();
        assertEquals(MIB / 4, registered.size(), "one registration per 4 MiB buffer");
        RecordedEvent first = registered.get(0);
        assertTrue(first.getBoolean("mergeable"));
        assertTrue(first.getString("allocationSite").startsWith(DuplicateHolder.class.getName() + ".main("),
                first.getString("allocationSite"));
        assertNotNull(first.getStackTrace(), "allocation stack recorded");
        assertTrue(first.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(DuplicateHolder.class.getName())));
        long mergedBytes = events.stream().filter(e -> e.getEventType().getName().equals("io.samepage.PageMerge"))
                .mapToLong(e -> e.getLong("bytesSaved")).sum();
        assertTrue(mergedBytes >= (MIB << 20) * 9L / 10, "PageMerge events total " + mergedBytes + " bytes");
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.samepage.KsmStatistics")
                && e.getLong("pagesSharing") > 0), "periodic KSM statistics recorded, showing the merge");
    }

    @Test
    void withoutTheAgentNothingMerges() throws Exception {
        try (KsmdAtFullSpeed ksmd = KsmdAtFullSpeed.prepare();
             ChildJvm a = ChildJvm.start(holder(List.of()));
             ChildJvm b = ChildJvm.start(holder(List.of()))) {
            a.awaitStdout(s -> s.contains("ready"), START);
            b.awaitStdout(s -> s.contains("ready"), START);
            long before = ksmd.counters().pagesSharing();
            ksmd.run();
            // ksmd sleeps when no process has mergeable memory, so bound the wait instead of counting passes.
            ksmd.awaitFullScans(2, 5_000);
            long grown = ksmd.counters().pagesSharing() - before;
            assertTrue(grown < DUPLICATE_PAGES / 100, "pages_sharing grew by " + grown + " without the agent");
        }
    }

    private static void closeStdin(ChildJvm child) {
        child.closeStdin();
    }
}
