package io.samepage.demo.ksmpages;

import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmdThread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Demo {@code ksmpages}: the classic KSM benchmark, samepage's engine against the kernel's ksmd.
 *
 * <p>Run {@code java -jar demo-apps/target/samepage-demos.jar ksmpages --case worst --mib 1024 --compare-ksmd}
 * (root for ksmd). Two regions of N MiB whose pages are equal except their last 8 bytes ({@code worst}: every tree
 * comparison reads almost a page in the kernel) or all equal ({@code best}). Look for: the engine's time, pages/s
 * and CPU seconds to find every merge (the median of five runs after four untimed ones), ksmd's on the same memory,
 * and the last line {@code engine/ksmd time}.
 */
@Command(name = "ksmpages", mixinStandardHelpOptions = true,
        description = "The classic KSM benchmark: samepage's engine against ksmd on the same memory.")
public final class KsmPagesDemo implements Callable<Integer> {

    private static final long MAX_PAGE_SHARING = 256;

    /** Untimed engine runs first, as JMH warms a benchmark up, so the JIT has compiled the scanner's paths. */
    private static final int WARM_UP_RUNS = 4;

    /** Timed engine runs; the median is the engine's figure. */
    private static final int TIMED_RUNS = 5;

    @Option(names = "--case", defaultValue = "worst", description = "worst or best (default ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--mib", defaultValue = "256", description = "Size of each of the two regions (default ${DEFAULT-VALUE}).")
    private int mib;

    @Option(names = "--compare-ksmd", description = "Also time ksmd at full speed on the same memory (root).")
    private boolean compareKsmd;

    @Option(names = "--timeout", defaultValue = "300", description = "Longest wait for each side, seconds.")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Workload.Case which;
        try {
            which = Workload.Case.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("ksmpages: --case must be worst or best, not '" + kind + "'");
            return 2;
        }
        if (compareKsmd && !Ksm.canControlKsmd()) {
            System.err.println("ksmpages: --compare-ksmd needs root (it runs ksmd and restores its settings)");
            return 2;
        }
        try (Workload workload = new Workload((long) mib << 20, which)) {
            long expected = expected(workload, which);
            System.out.printf(Locale.ROOT, "ksmpages: %s case, 2 regions x %d MiB (%d pages each); every merge"
                    + " means pages_sharing = %d%n", kind, mib, workload.pages(), expected);
            EngineRun.Result engine = timeEngine(workload, expected);
            System.out.printf(Locale.ROOT, "engine: %d pages_sharing in %.2f s (%.0f pages/s, %d page visits),"
                    + " CPU %.2f s%n", engine.pagesSharing(), engine.seconds(),
                    engine.pagesVisited() / engine.seconds(), engine.pagesVisited(), engine.cpuSeconds());
            if (!compareKsmd) {
                return engine.pagesSharing() >= expected ? 0 : 1;
            }
            KsmdThread ksmd = KsmdThread.find().orElse(null);
            KsmdRun.Result kernel = KsmdRun.time(workload, expected, timeoutSeconds,
                    () -> ksmd == null ? OptionalLong.empty() : ksmd.cpuTicks());
            System.out.printf(Locale.ROOT, "ksmd: %d pages_sharing in %.2f s (pages_to_scan=%s, sleep_millisecs=%s),"
                    + " CPU %.2f s%n", kernel.pagesSharing(), kernel.seconds(), KsmdRun.PAGES_TO_SCAN,
                    KsmdRun.SLEEP_MILLIS, kernel.cpuSeconds());
            System.out.printf(Locale.ROOT, "engine/ksmd time: %.3fx%n", engine.seconds() / kernel.seconds());
            return 0;
        }
    }

    /**
     * The engine's figure: {@value #WARM_UP_RUNS} untimed runs, then the median of {@value #TIMED_RUNS} timed ones,
     * each a fresh engine on the same memory (the estimating merger changes none of it). Without the warm-up the
     * timed run measured the JIT too (at 1 GiB the scanner's loops were still being compiled a second into it);
     * ksmd's code is compiled ahead and needs none.
     */
    private EngineRun.Result timeEngine(Workload workload, long expected) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            EngineRun.time(workload, expected, timeoutSeconds);
        }
        List<EngineRun.Result> runs = new ArrayList<>();
        for (int i = 0; i < TIMED_RUNS; i++) {
            runs.add(EngineRun.time(workload, expected, timeoutSeconds));
        }
        System.out.printf(Locale.ROOT, "engine runs after %d untimed: %s s%n", WARM_UP_RUNS, runs.stream()
                .map(r -> String.format(Locale.ROOT, "%.2f", r.seconds())).collect(Collectors.joining(", ")));
        runs.sort(Comparator.comparingDouble(EngineRun.Result::seconds));
        return runs.get(runs.size() / 2);
    }

    /** @return pages_sharing once every merge is found */
    private static long expected(Workload workload, Workload.Case which) {
        // Best case: all 2p pages equal, in frames of max_page_sharing (256, both engines' default) mappers.
        long frames = (2 * workload.pages() + MAX_PAGE_SHARING - 1) / MAX_PAGE_SHARING;
        return which == Workload.Case.WORST ? workload.pages() : 2 * workload.pages() - frames;
    }
}
