package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Estimate;
import io.samepage.jfr.report.Observations.MergeChange;
import io.samepage.jfr.report.TimeSeries.Point;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Everything the report says, computed once from the recordings and rendered by {@link TextReport} and
 * {@link HtmlReport} alike: one or more JVMs (a fleet is many JVMs, one recording or more each), grouped into the
 * kernels they ran on.
 *
 * <p>The headline saving is the kernel's {@code pages_sharing}: pages that now cost nothing because they map a
 * page another process (or another part of this one) also maps. A JVM's {@code ksm_merging_pages} and its regions'
 * smaps {@code KSM:} bytes count every merged copy, the one kept included, so across two JVMs holding the same
 * 32 MiB they add up to 64 MiB while 32 MiB were saved.
 */
final class FleetReport {

    private final List<Path> files;
    private final List<JvmHistory> jvms;
    private final List<KernelHistory> kernels;
    private final List<SiteTotals> sites;
    private final List<CowHotSpot> hotSpots;
    private final List<String> whyNotMerged;
    private final Instant start;
    private final Instant end;

    private FleetReport(List<RecordingContent> recordings) {
        files = recordings.stream().map(RecordingContent::file).toList();
        jvms = JvmHistory.of(recordings);
        kernels = KernelHistory.of(jvms);
        sites = SiteTotals.of(jvms);
        start = jvms.stream().map(JvmHistory::first).min(Comparator.naturalOrder()).orElseThrow();
        end = jvms.stream().map(JvmHistory::last).max(Comparator.naturalOrder()).orElseThrow();
        hotSpots = CowHotSpot.of(sites, Units.secondsBetween(start, end) / 60);
        whyNotMerged = WhyNotMerged.of(jvms, kernels);
    }

    /** @param recordings one or more recordings, each read whole @return the report */
    static FleetReport of(List<RecordingContent> recordings) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recording");
        }
        return new FleetReport(recordings);
    }

    List<Path> files() {
        return files;
    }

    List<JvmHistory> jvms() {
        return jvms;
    }

    List<KernelHistory> kernels() {
        return kernels;
    }

    /** @return every allocation site, most bytes marked first */
    List<SiteTotals> sites() {
        return sites;
    }

    List<CowHotSpot> hotSpots() {
        return hotSpots;
    }

    List<String> whyNotMerged() {
        return whyNotMerged;
    }

    /** @return the earliest event of any recording: second 0 of every chart */
    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    /** @return bytes KSM saved at the end, summed over kernels (each counted once, however many JVMs sampled it) */
    long hostSavedAtEnd() {
        return kernels.stream().mapToLong(KernelHistory::savedAtEnd).sum();
    }

    /** @return pages_sharing at the end, summed over kernels */
    long hostPagesSharingAtEnd() {
        return kernels.stream().mapToLong(k -> Math.max(0, k.last().pagesSharing())).sum();
    }

    /** @return how much the kernels' savings changed from their first sample to their last */
    long hostSavedChange() {
        return kernels.stream().mapToLong(KernelHistory::savedChange).sum();
    }

    /** @return the JVMs' merged bytes at the end (ksm_merging_pages, every copy counted) */
    long processMergedAtEnd() {
        return sum(jvm -> jvm.processMerged().last());
    }

    /** @return the regions' merged bytes at the end (smaps KSM, every copy counted) */
    long regionsMergedAtEnd() {
        return sum(jvm -> jvm.regionsMerged().last());
    }

    long markedBytes() {
        return sum(JvmHistory::markedBytes);
    }

    long markedRegions() {
        return sum(JvmHistory::markedRegions);
    }

    long brokenBytes() {
        return sum(jvm -> jvm.cowBroken().last());
    }

    long brokenPages() {
        return sum(JvmHistory::brokenPages);
    }

    /** @return how many JVMs sent estimate rows */
    long estimatingJvms() {
        return jvms.stream().filter(j -> j.lastEstimateTotal().isPresent()).count();
    }

    /** @param field a figure of the estimate's total row @return that figure summed over the JVMs' latest rows */
    long estimateTotal(Function<Estimate, Long> field) {
        return sum(jvm -> jvm.lastEstimateTotal().map(field).orElse(0L));
    }

    /** @return full scans the in-process engine completed, summed over JVMs */
    long estimateFullScans() {
        return sum(jvm -> jvm.scans().isEmpty() ? 0 : jvm.scans().get(jvm.scans().size() - 1).fullScans());
    }

    /**
     * @param label what a figure is, such as {@code host KSM saved (pages_sharing) at end}
     * @param value its value with units
     */
    record Figure(String label, String value) {
    }

    /** @return what the report covers: "2 recordings of 2 JVMs on 1 kernel, from ... to ... (7.8 s)" */
    String scope() {
        return Units.count(files.size(), "recording") + " of " + Units.count(jvms.size(), "JVM") + " on "
                + Units.count(kernels.size(), "kernel") + ", " + start.truncatedTo(ChronoUnit.SECONDS) + " to "
                + end.truncatedTo(ChronoUnit.SECONDS) + " (" + Units.seconds(start, end) + ")";
    }

    /** @return the headline figures, in the order both renderers show them */
    List<Figure> savings() {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("host KSM saved (pages_sharing) at end", Units.mib(hostSavedAtEnd()) + " ("
                + hostPagesSharingAtEnd() + " pages) on " + Units.count(kernels.size(), "kernel")));
        figures.add(new Figure("host KSM saved, change during the recordings",
                (hostSavedChange() >= 0 ? "+" : "") + Units.mib(hostSavedChange())));
        figures.add(new Figure("these JVMs' merged memory (ksm_merging_pages)", Units.mib(processMergedAtEnd())
                + " (every merged copy, the one kept too)"));
        figures.add(new Figure("their regions' merged memory (smaps KSM)", Units.mib(regionsMergedAtEnd())));
        figures.add(new Figure("marked mergeable", Units.mib(markedBytes()) + " (" + markedBytes() + " bytes) in "
                + markedRegions() + " regions"));
        figures.add(new Figure("copy-on-write breaks", brokenPages() + " pages (" + Units.mib(brokenBytes()) + ")"));
        figures.add(estimatingJvms() == 0
                ? new Figure("in-process estimate", "not recorded (no io.samepage.SavingsEstimate)")
                : new Figure("in-process estimate, merging would save", Units.mib(estimateTotal(
                        Estimate::savableBytes)) + " of " + Units.mib(estimateTotal(Estimate::scannedBytes))
                        + " scanned in " + Units.count(estimatingJvms(), "JVM")));
        return figures;
    }

    /** @return what is missing from the recordings for a complete report, one line each */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        boolean merges = jvms.stream().anyMatch(j -> !j.changes().isEmpty());
        boolean registrations = jvms.stream().flatMap(j -> j.regions().stream())
                .anyMatch(RegionHistory::registrationSeen);
        if (merges && !registrations) {
            notes.add("no io.samepage.RegionRegistered events (off unless samepage.jfc is used): bytes marked and"
                    + " the reasons regions were not marked are unknown");
        }
        if (kernels.isEmpty()) {
            notes.add("no io.samepage.KsmStatistics events: the kernel's savings and state are unknown");
        }
        if (jvms.stream().allMatch(j -> j.directBuffers().isEmpty() && j.cpu().isEmpty())) {
            notes.add("no JDK events (jdk.DirectBufferStatistics, jdk.CPULoad, GC): add settings=default to the"
                    + " recording");
        }
        return notes;
    }

    /** @return the JVMs' merged bytes (ksm_merging_pages) summed over time */
    TimeSeries processMerged() {
        return TimeSeries.sum(jvms.stream().map(JvmHistory::processMerged).toList());
    }

    /** @return the in-process estimate's savable bytes summed over time */
    TimeSeries estimateSavable() {
        return TimeSeries.sum(jvms.stream().map(JvmHistory::estimateSavable).toList());
    }

    /** @return direct buffer memory in use summed over time */
    TimeSeries directMemory() {
        return TimeSeries.sum(jvms.stream().map(JvmHistory::directMemory).toList());
    }

    /** @return bytes broken by copy-on-write, running total over every JVM */
    TimeSeries cowBroken() {
        return TimeSeries.sum(jvms.stream().map(JvmHistory::cowBroken).toList());
    }

    /** @param site an allocation site @return bytes broken at that site, running total over every JVM */
    TimeSeries cowBroken(String site) {
        List<Point> deltas = new ArrayList<>();
        for (JvmHistory jvm : jvms) {
            for (MergeChange c : jvm.changes()) {
                if (c.cowBreak() && c.site().equals(site)) {
                    deltas.add(new Point(c.time(), c.bytes()));
                }
            }
        }
        return TimeSeries.cumulative(deltas);
    }

    private long sum(java.util.function.ToLongFunction<JvmHistory> figure) {
        return jvms.stream().mapToLong(figure).sum();
    }
}
