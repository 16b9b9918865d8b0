package io.samepage.demo;

import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ksmpages} benchmark, small: the engine and ksmd both find every merge of the classic workload on the
 * same memory, the last line is the ratio, and ksmd's settings are as they were afterwards.
 */
class KsmPagesIT {

    private static final Pattern ENGINE = Pattern.compile(
            "engine: (\\d+) pages_sharing in ([0-9.]+) s \\(\\d+ pages/s, (\\d+) page visits\\), CPU ([0-9.]+) s");
    private static final Pattern KSMD = Pattern.compile(
            "ksmd: (\\d+) pages_sharing in ([0-9.]+) s \\(pages_to_scan=\\d+, sleep_millisecs=0\\), CPU [0-9.]+ s");
    private static final Pattern RATIO = Pattern.compile("engine/ksmd time: ([0-9.]+)x");
    private static final Path KSM = Path.of("/sys/kernel/mm/ksm");

    private record Run(int exit, String out) {
        String line(Pattern pattern) {
            return out.lines().filter(l -> pattern.matcher(l).matches()).findFirst()
                    .orElseThrow(() -> new AssertionError("no line like " + pattern + " in:\n" + out));
        }
    }

    private static Run ksmpages(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("samepage.demosJar"), "ksmpages"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return new Run(p.exitValue(), out);
    }

    private static String knobs() throws IOException {
        return Files.readString(KSM.resolve("run")).strip() + " " + Files.readString(KSM.resolve("pages_to_scan"))
                .strip() + " " + Files.readString(KSM.resolve("sleep_millisecs")).strip();
    }

    private static void findsEveryMerge(String kind, long expected) throws Exception {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        KernelFeatures.assume(Ksm.canControlKsmd(), "root to run ksmd for the comparison");
        String before = knobs();
        Run run = ksmpages("--case", kind, "--mib", "8", "--compare-ksmd", "--timeout", "60");
        assertEquals(0, run.exit(), run.out());
        assertEquals(before, knobs(), "ksmd's run, pages_to_scan and sleep_millisecs are restored");

        Matcher engine = ENGINE.matcher(run.line(ENGINE));
        assertTrue(engine.matches());
        assertEquals(expected, Long.parseLong(engine.group(1)), "the engine found every merge\n" + run.out());
        assertEquals(2 * 2 * 2048, Long.parseLong(engine.group(3)),
                "two passes over both regions: one to record checksums, one to merge");
        Matcher ksmd = KSMD.matcher(run.line(KSMD));
        assertTrue(ksmd.matches());
        assertEquals(expected, Long.parseLong(ksmd.group(1)), "ksmd found every merge\n" + run.out());

        String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
        Matcher ratio = RATIO.matcher(last);
        assertTrue(ratio.matches(), "the last line is the ratio: " + last);
        // The times are printed to 0.01 s, the ratio to 0.001: it must lie within what those roundings allow.
        double engineSeconds = Double.parseDouble(engine.group(2));
        double ksmdSeconds = Double.parseDouble(ksmd.group(2));
        double printed = Double.parseDouble(ratio.group(1));
        assertTrue(printed >= (engineSeconds - 0.005) / (ksmdSeconds + 0.005) - 0.0005
                && printed <= (engineSeconds + 0.005) / Math.max(0.001, ksmdSeconds - 0.005) + 0.0005,
                "ratio " + printed + " of " + engineSeconds + " s and " + ksmdSeconds + " s\n" + run.out());
    }

    @Test
    void worstCaseEveryPageOfOneRegionMergesWithItsTwin() throws Exception {
        findsEveryMerge("worst", 2048);
    }

    @Test
    void bestCaseAllPagesMergeInFramesOfTheSharingLimit() throws Exception {
        // 4096 equal pages in frames of at most 256 mappers: 16 frames, 4080 pages saved.
        findsEveryMerge("best", 4096 - 16);
    }

    @Test
    void badCaseGetsOneLineAndExitTwo() throws Exception {
        Run run = ksmpages("--case", "average", "--mib", "1");
        assertEquals(2, run.exit(), run.out());
        assertEquals("ksmpages: --case must be worst or best, not 'average'", run.out().strip());
    }
}
