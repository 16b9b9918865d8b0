package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.linux.Linux;
import io.samepage.linux.PseudoFiles;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code estimate <pid>} against a running JVM with known content, and the scan thread's CPU budget. */
class EstimateIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final double MIB = 1 << 20;

    @Test
    void estimateOfARunningJvmMatchesItsKnownContentWithinOnePercent() throws Exception {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer");
        try (ChildJvm child = ChildJvm.start(List.of("-javaagent:" + ChildJvm.agentJar() + "=dedup.cpu=50%",
                "-cp", ChildJvm.testClasspath(), KnownContentHolder.class.getName()))) {
            child.awaitStdout(s -> s.contains("ready"), TIMEOUT);
            String total = null;
            String out = "";
            long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
            while (System.currentTimeMillis() < deadline) {
                ChildJvm.Result r = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString(), "estimate",
                        Long.toString(child.pid()));
                out = r.stdout() + r.stderr();
                if (r.exitCode() == 1 && r.stderr().contains("does not run samepage's engine")) {
                    Thread.sleep(500); // the MXBean registers on the agent's first sample, 1 s after start
                    continue;
                }
                assertEquals(0, r.exitCode(), r::toString);
                if (!out.contains("provisional") && !out.contains("(1 full scans") && out.contains("total")) {
                    total = out.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(total != null, "no settled estimate: " + out);
            String[] f = total.trim().split("\\s+");
            // total - - scanned dup zero unique volatile
            double scanned = Double.parseDouble(f[3]);
            double dup = Double.parseDouble(f[4]);
            double zero = Double.parseDouble(f[5]);
            double unique = Double.parseDouble(f[6]);
            assertEquals(16.0, scanned, 0.16, out);
            assertEquals(4.0, dup, 0.16, out);
            assertEquals(4.0, zero, 0.16, out);
            assertEquals(8.0, unique, 0.16, out);
            assertTrue(out.contains("ContentHolder.main(KnownContentHolder.java:"), "rows name the allocation site: " + out);
        }
    }

    @Test
    void theScanThreadStaysWithinItsCpuBudget() throws Exception {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer");
        try (ChildJvm child = ChildJvm.start(List.of("-javaagent:" + ChildJvm.agentJar() + "=dedup.cpu=5%",
                "-cp", ChildJvm.testClasspath(), KnownContentHolder.class.getName()))) {
            child.awaitStdout(s -> s.contains("ready"), TIMEOUT);
            Path stat = dedupThreadStat(child.pid());
            Thread.sleep(1_000);
            long before = cpuTicks(stat);
            long t0 = System.nanoTime();
            Thread.sleep(10_000);
            long ticks = cpuTicks(stat) - before;
            double seconds = (System.nanoTime() - t0) / 1e9;
            double percent = 100.0 * ticks / 100.0 / seconds;
            // The budget is 5%; CPU time is counted in 10 ms ticks, so allow half a percent of rounding over 10 s.
            assertTrue(percent <= 5.5, "samepage-dedup used " + percent + "% CPU");
            assertTrue(ticks > 0, "the scan thread ran");
        }
    }

    private static Path dedupThreadStat(long pid) throws Exception {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                if (PseudoFiles.readIfExists(t.resolve("comm")).map(String::trim).orElse("").equals("samepage-dedup")) {
                    return t.resolve("stat");
                }
            }
        }
        throw new AssertionError("no samepage-dedup thread in " + pid);
    }

    private static long cpuTicks(Path stat) {
        String s = PseudoFiles.read(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
