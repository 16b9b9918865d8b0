package io.samepage.demo;

import io.samepage.jfr.testing.HeadlessChromium;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's "done when": the fleet demo, recorded ({@code --record}), reported ({@code samepage-agent.jar
 * report}): the report's merged figure agrees with the demo's own last line, its bytes marked are what the members
 * allocated, and its HTML draws its charts with data in headless Chromium.
 */
class FleetReportIT {

    private static final int JVMS = 2;
    private static final int MIB = 32;
    private static final int PRIVATE_MIB = 4;
    private static final long PAGE_BYTES = 4096;
    private static final Pattern FLEET = Pattern.compile(
            "fleet: merged (\\d+) MiB of (\\d+) MiB duplicate \\(([0-9.]+)%\\) in ([0-9.]+) s");
    private static final Pattern HOST_SAVED = Pattern.compile(
            "host KSM saved \\(pages_sharing\\) at end: +[0-9.]+ MiB \\((\\d+) pages\\) on 1 kernel\n");
    private static final Pattern MARKED = Pattern.compile("marked mergeable: +[0-9.]+ MiB \\((\\d+) bytes\\) in (\\d+)"
            + " regions");

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theReportOfARecordedFleetAgreesWithTheFleetsOwnLastLine(@TempDir Path dir) throws Exception {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        KernelFeatures.assume(Ksm.canControlKsmd(), "root to run ksmd for the demo");
        // The estimator runs too (the default): while the demo holds the fleet for its recordings, its reads must
        // leave ksmd's merges in place.
        String fleet = run(List.of(java(), "-jar", System.getProperty("samepage.demosJar"), "fleet",
                "--jvms", Integer.toString(JVMS), "--mib", Integer.toString(MIB),
                "--private-mib", Integer.toString(PRIVATE_MIB), "--timeout", "60",
                "--agent", System.getProperty("samepage.agentJar"),
                "--record", dir.toString()));
        Matcher last = FLEET.matcher(fleet.strip().lines().reduce((a, b) -> b).orElse(""));
        assertTrue(last.matches(), fleet);
        double fleetMergedPages = Double.parseDouble(last.group(3)) / 100 * Integer.parseInt(last.group(2))
                * (1 << 20) / PAGE_BYTES;
        assertTrue(fleetMergedPages > 0, fleet);

        List<String> report = new ArrayList<>(List.of(java(), "-jar", System.getProperty("samepage.agentJar"),
                "report"));
        for (int i = 0; i < JVMS; i++) {
            report.add(dir.resolve("member-" + i + ".jfr").toString());
        }
        Path html = dir.resolve("fleet.html");
        report.addAll(List.of("--html", html.toString()));
        String text = run(report);

        Matcher saved = HOST_SAVED.matcher(text);
        assertTrue(saved.find(), text);
        long reportedPages = Long.parseLong(saved.group(1));
        assertTrue(Math.abs(reportedPages - fleetMergedPages) <= 0.05 * fleetMergedPages,
                "report " + reportedPages + " pages, fleet " + fleetMergedPages + "\n" + fleet + "\n" + text);
        Matcher marked = MARKED.matcher(text);
        assertTrue(marked.find(), text);
        assertEquals((long) JVMS * (MIB + PRIVATE_MIB) << 20, Long.parseLong(marked.group(1)), text);
        assertEquals(JVMS * (MIB + PRIVATE_MIB) / 4, Integer.parseInt(marked.group(2)), "4 MiB buffers\n" + text);

        HeadlessChromium.assumeInstalled();
        String dom = HeadlessChromium.dumpDom(html, dir);
        assertEquals("3", HeadlessChromium.body(dom).get("data-rendered"), dom);
        for (Map.Entry<String, Map<String, String>> canvas : HeadlessChromium.canvases(dom).entrySet()) {
            Map<String, String> attributes = canvas.getValue();
            assertTrue(Integer.parseInt(attributes.get("data-points")) > 0, canvas.toString());
            assertTrue(Integer.parseInt(attributes.get("data-series-pixels")) > 100, canvas.toString());
        }
    }
}
