package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Collection;
import io.samepage.jfr.report.Observations.CpuLoad;
import io.samepage.jfr.report.Observations.DirectBuffers;
import io.samepage.jfr.report.Observations.Estimate;
import io.samepage.jfr.report.Observations.Free;
import io.samepage.jfr.report.Observations.KsmSample;
import io.samepage.jfr.report.Observations.MergeChange;
import io.samepage.jfr.report.Observations.Registration;
import io.samepage.jfr.report.Observations.ResidentSet;
import io.samepage.jfr.report.Observations.Scan;
import io.samepage.jfr.report.TimeSeries.Point;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One JVM, from all the recordings of it that the report was given. Two dumps of one running recording overlap;
 * their equal observations count once, so giving the report every dump of a JVM is safe.
 */
final class JvmHistory {

    /** Two observations with the same fields this close in time are one event seen in two dumps. */
    private static final long SAME_EVENT_NANOS = 1_000_000;

    private final long pid;
    private final List<Path> files;
    private final Instant first;
    private final Instant last;
    private final Map<Long, RegionHistory> regions = new LinkedHashMap<>();
    private final List<KsmSample> ksm;
    private final List<Scan> scans;
    private final List<Estimate> estimates;
    private final List<DirectBuffers> directBuffers;
    private final List<ResidentSet> residentSet;
    private final List<Collection> collections;
    private final List<CpuLoad> cpu;
    private final List<MergeChange> changes;
    private final TimeSeries regionsMerged;
    private final TimeSeries cowBroken;

    private JvmHistory(List<RecordingContent> recordings) {
        pid = recordings.get(0).pid();
        files = recordings.stream().map(RecordingContent::file).toList();
        first = recordings.stream().map(RecordingContent::first).min(Comparator.naturalOrder()).orElseThrow();
        last = recordings.stream().map(RecordingContent::last).max(Comparator.naturalOrder()).orElseThrow();
        ksm = merged(recordings, RecordingContent::ksm, KsmSample::time);
        scans = merged(recordings, RecordingContent::scans, Scan::time);
        estimates = merged(recordings, RecordingContent::estimates, Estimate::time);
        directBuffers = merged(recordings, RecordingContent::directBuffers, DirectBuffers::time);
        residentSet = merged(recordings, RecordingContent::residentSet, ResidentSet::time);
        collections = merged(recordings, RecordingContent::collections, Collection::time);
        cpu = merged(recordings, RecordingContent::cpu, CpuLoad::time);

        // Registrations, changes and frees of a region replayed in time order; merged bytes summed as they go.
        List<Object> story = new ArrayList<>();
        story.addAll(merged(recordings, RecordingContent::registrations, Registration::time));
        changes = merged(recordings, RecordingContent::mergeChanges, MergeChange::time);
        story.addAll(changes);
        story.addAll(merged(recordings, RecordingContent::frees, Free::time));
        story.sort(Comparator.comparing(JvmHistory::timeOf));
        List<Point> merged = new ArrayList<>();
        List<Point> broken = new ArrayList<>();
        long total = 0;
        for (Object o : story) {
            if (o instanceof Registration r) {
                region(r.regionId()).registered(r);
            } else if (o instanceof MergeChange c) {
                RegionHistory region = region(c.regionId());
                long before = region.mergedNow();
                region.changed(c);
                total += region.mergedNow() - before;
                merged.add(new Point(c.time(), total));
                if (c.cowBreak()) {
                    broken.add(new Point(c.time(), c.bytes()));
                }
            } else if (o instanceof Free f) {
                RegionHistory region = region(f.regionId());
                total -= region.mergedNow();
                region.freed(f);
                merged.add(new Point(f.time(), total));
            }
        }
        regionsMerged = TimeSeries.of(merged);
        cowBroken = TimeSeries.cumulative(broken);
    }

    /**
     * @param recordings recordings of one or more JVMs
     * @return one history per JVM, told apart by process ID and start time, in the order first given
     */
    static List<JvmHistory> of(List<RecordingContent> recordings) {
        Map<String, List<RecordingContent>> byJvm = recordings.stream().collect(Collectors.groupingBy(
                r -> r.pid() < 0 ? "file " + r.file() : r.pid() + "@" + r.jvmStart(), LinkedHashMap::new,
                Collectors.toList()));
        return byJvm.values().stream().map(JvmHistory::new).toList();
    }

    private RegionHistory region(long id) {
        return regions.computeIfAbsent(id, k -> new RegionHistory());
    }

    private static Instant timeOf(Object observation) {
        if (observation instanceof Registration r) {
            return r.time();
        }
        return observation instanceof MergeChange c ? c.time() : ((Free) observation).time();
    }

    /**
     * Every recording's observations of one kind in time order, each event once: an event in two dumps has the same
     * fields, but its time may differ by some nanoseconds, as each chunk converts ticks to time from its own start.
     */
    private static <T extends Record> List<T> merged(List<RecordingContent> recordings,
            Function<RecordingContent, List<T>> kind, Function<T, Instant> time) {
        List<T> all = new ArrayList<>();
        recordings.forEach(r -> all.addAll(kind.apply(r)));
        all.sort(Comparator.comparing(time));
        Map<List<Object>, Instant> lastSeen = new HashMap<>();
        List<T> distinct = new ArrayList<>();
        for (T o : all) {
            Instant t = time.apply(o);
            Instant previous = lastSeen.put(fieldsBesidesTime(o), t);
            if (previous == null || Duration.between(previous, t).toNanos() > SAME_EVENT_NANOS) {
                distinct.add(o);
            }
        }
        return List.copyOf(distinct);
    }

    private static List<Object> fieldsBesidesTime(Record o) {
        List<Object> fields = new ArrayList<>();
        for (RecordComponent c : o.getClass().getRecordComponents()) {
            if (c.getType() != Instant.class) {
                try {
                    fields.add(c.getAccessor().invoke(o));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return fields;
    }

    /** @return the process ID, -1 if the recording lacks {@code jdk.JVMInformation} */
    long pid() {
        return pid;
    }

    /** @return the recordings of this JVM */
    List<Path> files() {
        return files;
    }

    /** @return its earliest event */
    Instant first() {
        return first;
    }

    /** @return its latest event */
    Instant last() {
        return last;
    }

    /** @return every region seen, in the order first seen */
    java.util.Collection<RegionHistory> regions() {
        return regions.values();
    }

    /** @return merges and copy-on-write breaks, in time order */
    List<MergeChange> changes() {
        return changes;
    }

    /** @return bytes of regions whose registration as mergeable was recorded */
    long markedBytes() {
        return regions.values().stream().filter(RegionHistory::marked).mapToLong(RegionHistory::size).sum();
    }

    /** @return regions whose registration as mergeable was recorded */
    long markedRegions() {
        return regions.values().stream().filter(RegionHistory::marked).count();
    }

    /** @return pages whose merge writes broke */
    long brokenPages() {
        return regions.values().stream().mapToLong(RegionHistory::brokenPages).sum();
    }

    /** @return KSM statistics samples in time order */
    List<KsmSample> ksm() {
        return ksm;
    }

    /** @return the last KSM statistics sample */
    Optional<KsmSample> lastKsm() {
        return ksm.isEmpty() ? Optional.empty() : Optional.of(ksm.get(ksm.size() - 1));
    }

    /** @return the in-process engine's scans in time order */
    List<Scan> scans() {
        return scans;
    }

    /** @return the latest {@code total} row of the in-process estimate */
    Optional<Estimate> lastEstimateTotal() {
        Estimate total = null;
        for (Estimate e : estimates) {
            if ("total".equals(e.scope())) {
                total = e;
            }
        }
        return Optional.ofNullable(total);
    }

    /**
     * The {@code site} rows of the latest complete estimate: the engine publishes regions, then sites, then the
     * total, so the site rows since the total before the last one are the current ones (a freed site drops out).
     *
     * @return site to its latest estimate row
     */
    Map<String, Estimate> lastEstimateBySite() {
        Map<String, Estimate> current = new HashMap<>();
        Map<String, Estimate> published = new HashMap<>();
        for (Estimate e : estimates) {
            if ("site".equals(e.scope())) {
                current.put(e.site(), e);
            } else if ("total".equals(e.scope())) {
                published = current;
                current = new HashMap<>();
            }
        }
        return published;
    }

    /** @return this process's merged bytes over time: ksm_merging_pages times the page size */
    TimeSeries processMerged() {
        return TimeSeries.of(ksm.stream().filter(s -> s.processMergingPages() >= 0)
                .map(s -> new Point(s.time(), s.processMergingPages() * s.pageBytes())).toList());
    }

    /** @return the sum of the regions' merged bytes over time, from merge, break and free events */
    TimeSeries regionsMerged() {
        return regionsMerged;
    }

    /** @return bytes whose merge broke, running total over time */
    TimeSeries cowBroken() {
        return cowBroken;
    }

    /** @return what the in-process estimate says merging would save, over time */
    TimeSeries estimateSavable() {
        return TimeSeries.of(estimates.stream().filter(e -> "total".equals(e.scope()))
                .map(e -> new Point(e.time(), e.savableBytes())).toList());
    }

    /** @return the JDK's direct buffer memory in use over time */
    TimeSeries directMemory() {
        return TimeSeries.of(directBuffers.stream().map(d -> new Point(d.time(), d.memoryUsed())).toList());
    }

    /** @return the JDK's resident set size samples (JDK 21+) */
    List<ResidentSet> residentSet() {
        return residentSet;
    }

    /** @return garbage collections, each once (by GC ID) */
    List<Collection> collections() {
        return collections.stream().collect(Collectors.toMap(Collection::gcId, c -> c, (a, b) -> a,
                LinkedHashMap::new)).values().stream().toList();
    }

    /** @return CPU load samples */
    List<CpuLoad> cpu() {
        return cpu;
    }

    /** @return direct buffer statistics samples */
    List<DirectBuffers> directBuffers() {
        return directBuffers;
    }
}
