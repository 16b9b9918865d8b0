package io.samepage.agent.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The catalogue of every option samepage understands. */
public final class Options {

    /** Master switch: {@code enabled=false} loads the agent but leaves the JVM untouched. */
    public static final Option<Boolean> ENABLED = new Option<>("enabled", ValueType.flag(), Boolean.TRUE,
            "Master switch; false loads the agent and does nothing else.");

    /** How much samepage prints on stderr. */
    public static final Option<String> LOG = new Option<>("log", ValueType.choice("quiet", "info", "debug"), "info",
            "What samepage prints on stderr: quiet (problems only), info (plus the start-up line), debug.");

    /**
     * Direct buffers and file mappings smaller than this are ignored: no registration, no madvise, no event.
     * 1 MiB by measurement (see README "Overhead"): from there the per-region cost (a stack walk, one madvise,
     * a registry insert: a few microseconds) is under 1% of the allocation's own cost (zeroing 256 pages), and
     * such buffers are usually their own glibc mmap chunk, so marking them splits no shared mapping.
     */
    public static final Option<Long> THRESHOLD = new Option<>("threshold", ValueType.size(4096), 1L << 20,
            "Smallest direct buffer or file mapping samepage registers and marks.");

    /**
     * Allocation sites never marked: memory whose copy-on-write breaks eat what merging saves (the report names
     * such sites). A pattern is a whole site, a method, a class or a package; see {@code ExcludedSites}.
     */
    public static final Option<List<String>> EXCLUDE = new Option<>("exclude", ValueType.sitePatterns(), List.of(),
            "Allocation sites never marked (scope=region): sites, methods, classes or packages separated by ';'.");

    /** Mark the Java heap's committed mappings mergeable, and keep them marked as the heap grows. */
    public static final Option<Boolean> HEAP = new Option<>("heap", ValueType.flag(), Boolean.FALSE,
            "Also mark the Java heap's committed memory MADV_MERGEABLE, re-marking after every GC.");

    /** {@code region}: madvise each registered region; {@code process}: {@code PR_SET_MEMORY_MERGE}. */
    public static final Option<String> SCOPE = new Option<>("scope", ValueType.choice("region", "process"), "region",
            "region: mark registered regions; process: every mapping via prctl(PR_SET_MEMORY_MERGE), Linux 6.4+.");

    /** {@code run}: start ksmd (root only) for this JVM's lifetime, restoring the host's settings at exit. */
    public static final Option<String> KSMD = new Option<>("ksmd", ValueType.choice("leave", "run"), "leave",
            "leave: never touch host KSM settings; run: as root, write run=1 and restore all settings at exit.");

    /** How often merged bytes are sampled into events and counters. */
    public static final Option<Long> INTERVAL = new Option<>("interval", ValueType.millis(100), 5_000L,
            "How often samepage samples merged bytes per region (smaps) and the KSM counters.");

    /** Share of {@code vm.max_map_count} samepage may fill before it stops marking. */
    public static final Option<Double> MAPS_LIMIT = new Option<>("maps.limit", ValueType.percent(90), 50.0,
            "Stop marking when the process's mappings reach this share of vm.max_map_count.");

    /** Register the {@code io.samepage:type=Agent} MXBean (lazily, on the first sample). */
    public static final Option<Boolean> JMX = new Option<>("jmx", ValueType.flag(), Boolean.TRUE,
            "Register the io.samepage:type=Agent MXBean (lazily, never in premain).");

    /** The in-process engine: {@code estimate} scans registered regions read-only; {@code off} runs nothing. */
    public static final Option<String> DEDUP = new Option<>("dedup", ValueType.choice("estimate", "off"), "estimate",
            "In-process engine: estimate (scan off-heap regions read-only, report what merging would save) or off.");

    /** CPU the engine's scan thread may use, in percent of one core. */
    public static final Option<Double> DEDUP_CPU = new Option<>("dedup.cpu", ValueType.percent(100), 5.0,
            "CPU budget of the engine's scan thread, in percent of one core.");

    /** Every option, in the order the README and error lines list them. */
    public static final List<Option<?>> ALL = List.of(ENABLED, LOG, THRESHOLD, EXCLUDE, HEAP, SCOPE, KSMD, INTERVAL,
            MAPS_LIMIT, JMX, DEDUP, DEDUP_CPU);

    private Options() {
    }

    /** @param key a key as written in agent arguments @return the option, if there is one */
    public static Optional<Option<?>> byKey(String key) {
        return ALL.stream().<Option<?>>map(o -> o).filter(o -> o.key().equals(key)).findFirst();
    }

    /** @return the valid keys, comma separated, for error lines */
    public static String validKeys() {
        return ALL.stream().map(Option::key).collect(Collectors.joining(", "));
    }
}
