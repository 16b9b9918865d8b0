package io.samepage.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's overhead, measured side by side in one run: {@code allocateDirect} below and above the threshold
 * (JMH, a fresh JVM per variant) and JVM start-up time, each without and with the agent, with their ratios.
 *
 * <p>Run: {@code java -jar benchmarks/target/samepage-benchmarks.jar [--quick] [--agent PATH]}.
 */
public final class Overhead {

    private Overhead() {
    }

    /** @param args {@code --quick} for short iterations, {@code --agent PATH} */
    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        Path self = Path.of(Overhead.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path agent = a.contains("--agent") ? Path.of(a.get(a.indexOf("--agent") + 1))
                : self.getParent().getParent().getParent().resolve("agent/target/samepage-agent.jar");
        if (!Files.isRegularFile(agent)) {
            System.err.println("overhead: agent jar not found at " + agent + " (mvn package, or --agent PATH)");
            System.exit(2);
        }
        List<String> nativeAccess = Runtime.version().feature() >= 24
                ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
        List<String> withAgent = new ArrayList<>(nativeAccess);
        withAgent.add("-javaagent:" + agent);

        Map<Integer, Double> plain = allocate(List.of(), quick);
        Map<Integer, Double> agented = allocate(withAgent, quick);
        System.out.printf(Locale.ROOT, "%nallocateDirect + free (JMH average, us/op, JDK %s)%n", Runtime.version());
        System.out.printf(Locale.ROOT, "%-12s %12s %12s %8s%n", "size", "no agent", "agent", "ratio");
        for (Integer size : plain.keySet()) {
            System.out.printf(Locale.ROOT, "%-12s %12.2f %12.2f %8.2f%n", size >= 1 << 20 ? (size >> 20) + " MiB"
                    : (size >> 10) + " KiB", plain.get(size), agented.get(size), agented.get(size) / plain.get(size));
        }

        int runs = quick ? 5 : 15;
        List<String> hello = List.of("-cp", self.toString(), Hello.class.getName());
        double base = medianStartMillis(nativeAccess, hello, runs);
        double with = medianStartMillis(withAgent, hello, runs);
        System.out.printf(Locale.ROOT, "%nJVM start-up to exit, hello world (median of %d, ms)%n", runs);
        System.out.printf(Locale.ROOT, "%-12s %12.1f%n%-12s %12.1f%n%-12s %12.2f%n", "no agent", base, "agent", with,
                "ratio", with / base);
    }

    private static Map<Integer, Double> allocate(List<String> jvmArgs, boolean quick) throws Exception {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-XX:MaxDirectMemorySize=1g");
        Options opts = new OptionsBuilder()
                .include(AllocateDirectBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 2 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 10).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(args.toArray(String[]::new))
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<Integer, Double> bySize = new TreeMap<>();
        for (RunResult r : results) {
            bySize.put(Integer.parseInt(r.getParams().getParam("bytes")), r.getPrimaryResult().getScore());
        }
        return bySize;
    }

    private static double medianStartMillis(List<String> jvmArgs, List<String> program, int runs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvmArgs);
            cmd.addAll(program);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + cmd);
            }
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }
}
