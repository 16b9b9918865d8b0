package io.samepage.demo.fleet;

import io.samepage.demo.Demos;
import io.samepage.jfr.SamepageJfc;
import io.samepage.linux.Page;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmCounters;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmProcessStat;
import io.samepage.linux.ksm.KsmSettingsRestore;
import io.samepage.linux.ksm.KsmdThread;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Demo {@code fleet}: the first thing an operator does with samepage.
 *
 * <p>Run {@code java -jar demo-apps/target/samepage-demos.jar fleet --jvms 4 --mib 128}. It starts N JVMs with
 * {@code -javaagent:samepage-agent.jar}; each loads the same M MiB of reference data into direct buffers, plus
 * some private data. As root it runs ksmd at full speed for the demo and restores the host's KSM settings
 * afterwards. Look for: the per-JVM table (Pss falls while Rss stays, KSM bytes rise), host-wide pages_sharing,
 * ksmd's CPU time, and the last line {@code fleet: merged X MiB of Y MiB duplicate (Z%) in T s}. With
 * {@code --no-agent} the same run merges nothing: nobody marked the memory mergeable. With {@code --record <dir>}
 * every member also records JFR (the JDK's default settings plus samepage.jfc) into {@code <dir>/member-N.jfr},
 * for {@code java -jar agent/target/samepage-agent.jar report <dir>/member-*.jfr}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "N JVMs hold the same reference data off-heap; samepage + ksmd merge the copies.")
public final class FleetDemo implements Callable<Integer> {

    private static final long POLL_MILLIS = 250;
    private static final long UNMERGE_WAIT_MILLIS = 30_000;
    /** ksmd counts as idle when pages_scanned has not moved for this long. */
    private static final long IDLE_SECONDS = 3;
    /** ksmd "at full speed" on this 2-core machine kind (linux-platform-notes.md §4): big batches, short sleep. */
    private static final String DEMO_PAGES_TO_SCAN = "100000";
    private static final String DEMO_SLEEP_MILLIS = "10";
    /**
     * With {@code --record}, how long the merged fleet is held before the members exit: longer than samepage's
     * sampling interval and the KSM statistics period (5 s each by default), so that every recording ends with
     * samples of the merged state.
     */
    private static final long RECORD_SETTLE_MILLIS = 6_500;

    @Option(names = "--jvms", defaultValue = "4", description = "Number of JVMs (default ${DEFAULT-VALUE}).")
    private int jvms;

    @Option(names = "--mib", defaultValue = "128", description = "Shared reference data per JVM, MiB (default ${DEFAULT-VALUE}).")
    private int mib;

    @Option(names = "--private-mib", defaultValue = "16", description = "Private data per JVM, MiB (default ${DEFAULT-VALUE}).")
    private int privateMib;

    @Option(names = "--copies", defaultValue = "1", description = "Copies of the reference data inside each JVM"
            + " (default ${DEFAULT-VALUE}); those beyond the first are duplicate within the JVM, which samepage's own"
            + " engine finds without ksmd: see 'samepage-agent.jar estimate <pid>'.")
    private int copies;

    @Option(names = "--no-agent", description = "Run the same fleet without samepage.")
    private boolean noAgent;

    @Option(names = "--timeout", defaultValue = "120", description = "Longest wait for merging, seconds (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--agent", description = "The agent jar (default: agent/target/samepage-agent.jar beside this jar's module).")
    private Path agentJar;

    @Option(names = "--agent-options", paramLabel = "<key=value,...>", defaultValue = "",
            description = "Agent options for every JVM, as after -javaagent:samepage-agent.jar=")
    private String agentOptions;

    @Option(names = "--record", paramLabel = "<dir>", description = "Record each JVM with JFR (settings default and"
            + " samepage.jfc) into <dir>/member-N.jfr, for 'samepage-agent.jar report'.")
    private Path recordDir;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (jvms < 2 || mib < 1 || privateMib < 0 || copies < 1) {
            System.err.println("fleet: need --jvms >= 2, --mib >= 1, --private-mib >= 0, --copies >= 1");
            return 2;
        }
        if (!Ksm.isAvailable()) {
            System.err.println("fleet: KSM unavailable on this host: " + Ksm.unavailabilityCause().getMessage());
            return 1;
        }
        Path agent = noAgent ? null : locateAgent();
        if (!noAgent && agent == null) {
            return 1;
        }
        KsmSysfs sysfs = KsmSysfs.system();
        KsmSettingsRestore restore = null;
        if (Ksm.canControlKsmd()) {
            restore = sysfs.saveForRestore();
            KsmSettingsRestore r = restore;
            Runtime.getRuntime().addShutdownHook(new Thread(r::close, "fleet-ksm-restore"));
            sysfs.unmergeAll(UNMERGE_WAIT_MILLIS);   // unmerge leftovers so the count starts from zero
            sysfs.write(KsmKnob.PAGES_TO_SCAN, DEMO_PAGES_TO_SCAN);
            sysfs.write(KsmKnob.SLEEP_MILLISECS, DEMO_SLEEP_MILLIS);
            sysfs.write(KsmKnob.RUN, "0");
        } else if (sysfs.counters().run() != 1) {
            out.println("fleet: ksmd is stopped (run=" + sysfs.counters().run() + ") and this process is not root:"
                    + " nothing will merge. Ask the host's admin to run 'echo 1 > /sys/kernel/mm/ksm/run'"
                    + " (and raise /sys/kernel/mm/ksm/pages_to_scan for speed).");
        }
        List<Member> members = new ArrayList<>();
        Path jfc = recordDir == null ? null : SamepageJfc.extractTo(recordDir);
        try {
            out.printf(Locale.ROOT, "fleet: starting %d JVMs %s, each with %d MiB shared reference data%s + %d MiB"
                    + " private data in direct buffers%n", jvms, noAgent ? "WITHOUT samepage" : "with samepage",
                    mib, copies == 1 ? "" : " x " + copies + " copies", privateMib);
            if (jfc != null) {
                out.println("fleet: each JVM records JFR (settings=default,settings=" + jfc + ") to "
                        + recordDir.resolve("member-N.jfr"));
            }
            for (int i = 0; i < jvms; i++) {
                members.add(Member.start(i, agent, agentOptions, mib, copies, privateMib, recording(jfc, i)));
            }
            for (Member m : members) {
                m.awaitReady(TimeUnit.SECONDS.toMillis(60));
            }
            return merge(sysfs, members, restore != null);
        } finally {
            for (Member m : members) {
                m.stop();
            }
            if (restore != null) {
                restore.close();
            }
            for (int i = 0; jfc != null && i < members.size(); i++) {
                if (!Files.isRegularFile(recordDir.resolve(memberRecording(i)))) {
                    System.err.println("fleet: member " + i + " left no recording at "
                            + recordDir.resolve(memberRecording(i)));
                }
            }
        }
    }

    /** @return the JVM flag that makes member {@code index} record, or {@code null} without {@code --record} */
    private String recording(Path jfc, int index) {
        return jfc == null ? null : "-XX:StartFlightRecording:settings=default,settings=" + jfc + ",filename="
                + recordDir.resolve(memberRecording(index));
    }

    private static String memberRecording(int index) {
        return "member-" + index + ".jfr";
    }

    private int merge(KsmSysfs sysfs, List<Member> members, boolean weRunKsmd) throws InterruptedException {
        KsmCounters before = sysfs.counters();
        long baselineSharing = Math.max(0, before.pagesSharing());
        KsmdThread ksmd = KsmdThread.find().orElse(null);
        long ksmdTicks0 = ksmd == null ? 0 : ksmd.cpuTicks().orElse(0);
        // One copy of the reference data is kept; every other copy, in any JVM, is duplicate.
        long duplicatePages = ((long) jvms * copies - 1) * mib * (1L << 20) / Page.BYTES;
        long t0 = System.nanoTime();
        if (weRunKsmd) {
            out.println("fleet: all JVMs ready; starting ksmd at full speed (pages_to_scan=" + DEMO_PAGES_TO_SCAN
                    + ", sleep_millisecs=" + DEMO_SLEEP_MILLIS + "); host KSM settings are restored at exit");
            sysfs.write(KsmKnob.RUN, "1");
        }
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long lastSharing = -1;
        long lastGrowthNanos = t0;
        long scansAtLastGrowth = before.fullScans();
        KsmCounters now = before;
        long lastScanned = before.pagesScanned();
        long lastScanNanos = t0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            now = sysfs.counters();
            if (now.pagesScanned() != lastScanned) {
                lastScanned = now.pagesScanned();
                lastScanNanos = System.nanoTime();
            }
            long sharing = now.pagesSharing() - baselineSharing;
            if (sharing != lastSharing) {
                lastSharing = sharing;
                lastGrowthNanos = System.nanoTime();
                scansAtLastGrowth = now.fullScans();
            }
            if (sharing >= duplicatePages) {
                break;
            }
            // Settled: two more full passes found nothing new, or ksmd is idle (stopped, or no process has
            // mergeable memory, in which case it sleeps and full_scans never advances).
            if (now.fullScans() - scansAtLastGrowth >= 2
                    || System.nanoTime() - lastScanNanos > TimeUnit.SECONDS.toNanos(IDLE_SECONDS)) {
                break;
            }
        }
        if (recordDir != null) {
            out.printf(Locale.ROOT, "fleet: holding the merged JVMs %.1f s more, so that their recordings end with"
                    + " samples of this state%n", RECORD_SETTLE_MILLIS / 1e3);
            Thread.sleep(RECORD_SETTLE_MILLIS);
            now = sysfs.counters();
        }
        double seconds = (lastGrowthNanos - t0) / 1e9;
        long ksmdTicks = ksmd == null ? 0 : ksmd.cpuTicks().orElse(0) - ksmdTicks0;
        printTable(members);
        long mergedPages = Math.max(0, now.pagesSharing() - baselineSharing);
        out.printf(Locale.ROOT, "host: pages_shared=%d pages_sharing=%d full_scans=%d, ksmd CPU %.1f s%s%n",
                now.pagesShared(), now.pagesSharing(), now.fullScans() - before.fullScans(),
                KsmdThread.seconds(ksmdTicks), ksmd == null ? " (ksmd thread not found)" : "");
        double mergedMib = mergedPages * (double) Page.BYTES / (1 << 20);
        double duplicateMib = duplicatePages * (double) Page.BYTES / (1 << 20);
        out.printf(Locale.ROOT, "fleet: merged %.0f MiB of %.0f MiB duplicate (%.1f%%) in %.1f s%n", mergedMib,
                duplicateMib, 100.0 * mergedPages / duplicatePages, seconds);
        return 0;
    }

    private void printTable(List<Member> members) {
        out.printf(Locale.ROOT, "%-8s %10s %10s %10s%n", "pid", "Rss MiB", "Pss MiB", "KSM MiB");
        for (Member m : members) {
            long rss = 0;
            long pss = 0;
            for (Mapping map : Smaps.read(m.pid())) {
                rss += map.rssBytes();
                pss += map.pssBytes();
            }
            long ksm = KsmProcessStat.read(m.pid()).map(s -> s.mergingPages() * Page.BYTES).orElse(0L);
            out.printf(Locale.ROOT, "%-8d %10.1f %10.1f %10.1f%n", m.pid(), rss / 1048576.0, pss / 1048576.0,
                    ksm / 1048576.0);
        }
    }

    private Path locateAgent() throws URISyntaxException {
        Path jar = agentJar;
        if (jar == null) {
            Path self = Path.of(FleetDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // demo-apps/target/samepage-demos.jar -> agent/target/samepage-agent.jar
            jar = self.getParent().getParent().getParent().resolve("agent/target/samepage-agent.jar");
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("fleet: agent jar not found at " + jar + " (build it with mvn package, or --agent)");
            return null;
        }
        return jar;
    }

    /** One child JVM. */
    private static final class Member {
        private final Process process;
        private final BufferedReader stdout;

        private Member(Process process) {
            this.process = process;
            this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Member start(int index, Path agent, String agentOptions, int mib, int copies, int privateMib,
                            String recording) throws IOException, URISyntaxException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path demos = Path.of(FleetDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC",
                    "-XX:MaxDirectMemorySize=" + ((long) mib * copies + privateMib + 64) + "m"));
            if (agent != null) {
                List<String> options = new ArrayList<>();
                if (!agentOptions.isBlank()) {
                    options.add(agentOptions);
                }
                // One start-up line is enough for the story, unless the options choose the log level.
                if (index > 0 && !agentOptions.matches("(.*,)?\\s*log=.*")) {
                    options.add("log=quiet");
                }
                cmd.add("-javaagent:" + agent + (options.isEmpty() ? "" : "=" + String.join(",", options)));
            }
            if (recording != null) {
                // JFR's start-up lines go to stdout, where the demo reads only "ready".
                cmd.add(recording);
            }
            cmd.addAll(List.of("-cp", demos.toString(), Demos.class.getName(), "fleet-member",
                    "--mib", Integer.toString(mib), "--copies", Integer.toString(copies),
                    "--private-mib", Integer.toString(privateMib), "--member", Integer.toString(index)));
            return new Member(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        long pid() {
            return process.pid();
        }

        void awaitReady(long timeoutMillis) throws IOException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.startsWith("ready")) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    break;
                }
            }
            throw new IOException("fleet member " + process.pid() + " did not get ready (exit "
                    + (process.isAlive() ? "still running" : process.exitValue()) + ")");
        }

        void stop() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
