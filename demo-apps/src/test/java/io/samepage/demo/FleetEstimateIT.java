package io.samepage.demo;

import io.samepage.linux.Linux;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code estimate <pid>} against a fleet JVM with the agent: with {@code --copies 3} it holds its reference data
 * three times, so two copies are duplicate within it; the estimate must say so within 1%, and see the rest unique.
 */
class FleetEstimateIT {

    private static final long TIMEOUT_MILLIS = 60_000;

    @Test
    void estimateOfAFleetMemberFindsItsDuplicateCopiesWithinOnePercent() throws Exception {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String agent = System.getProperty("samepage.agentJar");
        Process member = new ProcessBuilder(java, "-javaagent:" + agent, "-XX:MaxDirectMemorySize=128m", "-cp",
                System.getProperty("samepage.demosJar"), Demos.class.getName(), "fleet-member", "--mib", "16",
                "--copies", "3", "--private-mib", "4", "--member", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream holdOpen = member.getOutputStream()) {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(member.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = stdout.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "member said: " + ready);
            String total = null;
            String out = "";
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            while (total == null && System.currentTimeMillis() < deadline) {
                out = estimate(java, agent, member.pid());
                // Settled: every region scanned twice (the first visit only records checksums).
                if (out.contains("total") && !out.contains("provisional")) {
                    total = out.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
                } else {
                    Thread.sleep(500);
                }
            }
            assertTrue(total != null, "no settled estimate: " + out);
            String[] f = total.trim().split("\\s+");
            // total - - scanned dup zero unique volatile
            assertEquals(52.0, Double.parseDouble(f[3]), 0.52, "scanned: 3 x 16 MiB + 4 MiB\n" + out);
            assertEquals(32.0, Double.parseDouble(f[4]), 0.32, "duplicate: 2 of the 3 copies\n" + out);
            assertEquals(20.0, Double.parseDouble(f[6]), 0.20, "unique: one copy + the private data\n" + out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("merging would save 32.0 MiB of 52.0 MiB")), out);
        } finally {
            member.destroy();
            member.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String estimate(String java, String agent, long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-jar", agent, "estimate", Long.toString(pid))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        if (p.exitValue() == 1 && out.contains("does not run samepage's engine")) {
            return ""; // the MXBean registers on the agent's first sample, a second after start
        }
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
