package io.samepage.demo;

import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job, small: {@code fleet} merges with the agent and merges nothing without it. */
class FleetDemoIT {

    private static final Pattern LAST = Pattern.compile(
            "fleet: merged (\\d+) MiB of (\\d+) MiB duplicate \\(([0-9.]+)%\\) in ([0-9.]+) s");

    private static double mergedPercent(String... extra) throws IOException, InterruptedException {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        KernelFeatures.assume(Ksm.canControlKsmd(), "root to run ksmd for the demo");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("samepage.demosJar"), "fleet", "--jvms", "2", "--mib", "16",
                "--private-mib", "4", "--timeout", "60", "--agent", System.getProperty("samepage.agentJar")));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        Matcher m = LAST.matcher(last);
        assertTrue(m.matches(), "last line: " + last + "\n" + out);
        assertEquals("16", m.group(2), out);
        return Double.parseDouble(m.group(3));
    }

    @Test
    void fleetMergesTheDuplicateWithTheAgent() throws Exception {
        double percent = mergedPercent();
        assertTrue(percent >= 90, percent + "% merged");
    }

    @Test
    void fleetMergesNothingWithoutTheAgent() throws Exception {
        double percent = mergedPercent("--no-agent");
        assertTrue(percent < 1, percent + "% merged");
    }
}
