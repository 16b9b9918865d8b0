package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.agent.testing.KsmdAtFullSpeed;
import io.samepage.jfr.SamepageJfc;
import io.samepage.jfr.testing.HeadlessChromium;
import io.samepage.linux.ksm.KsmProcessStat;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copy-on-write breaks on the kernel path, from the kernel to the report: a JVM whose two identical buffers KSM
 * merged writes N pages of one; the recording's report counts exactly N broken pages at that buffer's allocation
 * site, names it a hot spot with the option that excludes it, and that option, given to the agent, excludes it.
 */
class CowBreakReportIT {

    private static final int WRITTEN_PAGES = 1536;
    private static final int PAGES_PER_BUFFER = CowWriter.BUFFER_BYTES / CowWriter.PAGE_BYTES;
    private static final Duration START = Duration.ofSeconds(60);
    private static final long SAMPLE_MILLIS = 200;
    private static final Pattern HOST_SAVED = Pattern.compile(
            "host KSM saved \\(pages_sharing\\) at end: +[0-9.]+ MiB \\((\\d+) pages\\)");
    private static final Pattern MARKED = Pattern.compile("marked mergeable: +[0-9.]+ MiB \\((\\d+) bytes\\) in (\\d+)"
            + " regions");
    private static final Pattern BROKEN = Pattern.compile("copy-on-write breaks: +(\\d+) pages");
    private static final Pattern OPTION = Pattern.compile("recommendation: stop marking it with the agent option"
            + " (exclude=\\S+)");

    /**
     * The agent samples every 200 ms; KSM statistics come every 500 ms. The in-process estimator runs too (the
     * default): its reads must add no breaks of their own to the count.
     */
    private static List<String> child(Path jfc, Path recording, String agentOptions) {
        return new ArrayList<>(List.of("-javaagent:" + ChildJvm.agentJar() + "=interval=" + SAMPLE_MILLIS
                        + "ms" + agentOptions,
                "-XX:StartFlightRecording:settings=default,settings=" + jfc
                        + ",io.samepage.KsmStatistics#period=500 ms,filename=" + recording,
                "-XX:MaxDirectMemorySize=64m", "-cp", ChildJvm.testClasspath(), CowWriter.class.getName()));
    }

    @Test
    void writesToAMergedBufferAreReportedAsBreaksAtItsSiteAndTheRecommendedOptionExcludesIt(@TempDir Path dir)
            throws Exception {
        Path jfc = SamepageJfc.extractTo(dir);
        Path recording = dir.resolve("cow.jfr");
        long sharingAfterWrite;
        long mergingAfterWrite;
        try (KsmdAtFullSpeed ksmd = KsmdAtFullSpeed.prepare();
             ChildJvm writer = ChildJvm.start(child(jfc, recording, ""))) {
            writer.awaitStdout(s -> s.contains("ready"), START);
            ksmd.run();
            long sharing = ksmd.awaitSharing(s -> s >= PAGES_PER_BUFFER, 60_000);
            assertEquals(PAGES_PER_BUFFER, sharing, "every page of one buffer merged with its twin");
            Thread.sleep(5 * SAMPLE_MILLIS); // the sampler sees the merge before the writes
            writer.sendLine("write " + WRITTEN_PAGES);
            writer.awaitStdout(s -> s.contains("written " + WRITTEN_PAGES), START);
            Thread.sleep(1_500); // breaks sampled, and a KSM statistics sample after them
            sharingAfterWrite = ksmd.counters().pagesSharing();
            mergingAfterWrite = KsmProcessStat.read(writer.pid()).orElseThrow().mergingPages();
            writer.closeStdin();
            assertEquals(0, writer.await(START).exitCode(), writer::stderr);
        }
        assertEquals(PAGES_PER_BUFFER - WRITTEN_PAGES, sharingAfterWrite, "the kernel's count of the writes");

        Path html = dir.resolve("cow.html");
        ChildJvm.Result report = ChildJvm.run(START, "-jar", ChildJvm.agentJar().toString(), "report",
                recording.toString(), "--html", html.toString());
        assertEquals(0, report.exitCode(), report::toString);
        String text = report.stdout();
        assertEquals(Long.toString(WRITTEN_PAGES), group(BROKEN, text, 1), text);
        assertEquals(Long.toString(sharingAfterWrite), group(HOST_SAVED, text, 1), text);
        assertEquals(Long.toString(2L * CowWriter.BUFFER_BYTES), group(MARKED, text, 1), text);
        assertEquals("2", group(MARKED, text, 2), text);
        assertTrue(text.contains("these JVMs' merged memory (ksm_merging_pages): "
                + String.format(java.util.Locale.ROOT, "%.1f MiB", mergingAfterWrite * 4096 / 1048576.0)), text);
        String option = group(OPTION, text, 1);
        assertTrue(option.startsWith("exclude=" + CowWriter.class.getName() + ".main(CowWriter.java:"), option);

        HeadlessChromium.assumeInstalled();
        Map<String, String> cowChart = HeadlessChromium.canvases(HeadlessChromium.dumpDom(html, dir)).get("chart-cow");
        assertTrue(Integer.parseInt(cowChart.get("data-points")) >= 3, cowChart::toString);
        assertTrue(Integer.parseInt(cowChart.get("data-series-pixels")) > 100, cowChart::toString);

        // The recommendation, followed: the written buffer's site is no longer marked, the other still is.
        Path excluded = dir.resolve("excluded.jfr");
        try (ChildJvm writer = ChildJvm.start(child(jfc, excluded, "," + option))) {
            writer.awaitStdout(s -> s.contains("ready"), START);
            writer.closeStdin();
            assertEquals(0, writer.await(START).exitCode(), writer::stderr);
        }
        List<RecordedEvent> registered = RecordingFile.readAllEvents(excluded).stream()
                .filter(e -> e.getEventType().getName().equals("io.samepage.RegionRegistered")).toList();
        assertEquals(2, registered.size());
        assertTrue(registered.get(0).getBoolean("mergeable"), "the kept buffer");
        assertEquals(false, registered.get(1).getBoolean("mergeable"), "the written buffer");
        assertEquals("excluded: allocation site matches option " + option, registered.get(1).getString("reason"));
    }

    private static String group(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " in\n" + text);
        return m.group(group);
    }
}
