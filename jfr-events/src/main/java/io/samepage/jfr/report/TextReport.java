package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Collection;
import io.samepage.jfr.report.Observations.CpuLoad;
import io.samepage.jfr.report.Observations.Estimate;
import io.samepage.jfr.report.Observations.KsmSample;
import io.samepage.jfr.report.Observations.ResidentSet;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The report as plain text, for a terminal: the same figures as the HTML, the time series as a table. */
final class TextReport {

    /** Rows of the over-time table: enough to see the shape, few enough for a terminal. */
    static final int TIME_ROWS = 12;
    /** Sites listed by each measure. */
    static final int TOP_SITES = 10;

    private final FleetReport report;
    private final StringBuilder out = new StringBuilder();

    private TextReport(FleetReport report) {
        this.report = report;
    }

    /** @param report the report @return it as text, lines ending in {@code \n} */
    static String render(FleetReport report) {
        TextReport text = new TextReport(report);
        text.headline();
        text.overTime();
        text.sites();
        text.hotSpots();
        text.kernels();
        text.whyNotMerged();
        text.estimate();
        text.jvms();
        text.notes();
        return text.out.toString();
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private void headline() {
        line("samepage report: %s", report.scope());
        line("");
        line("Savings");
        report.savings().forEach(f -> line("  %-47s%s", f.label() + ":", f.value()));
    }

    private void overTime() {
        line("");
        line("Savings over time (MiB; seconds since %s)", report.start().truncatedTo(ChronoUnit.MILLIS));
        line("  %8s %11s %12s %12s %11s %14s", "s", "host saved", "JVMs merged", "est. savable", "COW broken",
                "direct memory");
        List<TimeSeries> hosts = report.kernels().stream().map(KernelHistory::saved).toList();
        TimeSeries host = TimeSeries.sum(hosts);
        TimeSeries merged = report.processMerged();
        TimeSeries savable = report.estimateSavable();
        TimeSeries broken = report.cowBroken();
        TimeSeries direct = report.directMemory();
        Duration span = Duration.between(report.start(), report.end());
        for (int row = 0; row < TIME_ROWS; row++) {
            Instant t = report.start().plus(span.multipliedBy(row).dividedBy(TIME_ROWS - 1));
            line("  %8.1f %11s %12s %12s %11s %14s", Units.secondsBetween(report.start(), t),
                    Units.mibNumber(host.at(t, 0)), Units.mibNumber(merged.at(t, 0)),
                    Units.mibNumber(savable.at(t, 0)), Units.mibNumber(broken.at(t, 0)),
                    Units.mibNumber(direct.at(t, 0)));
        }
    }

    private void sites() {
        line("");
        line("Top allocation sites (top %d by bytes marked, merged, estimated savable and broken; MiB)", TOP_SITES);
        line("  %10s %10s %10s %12s %8s  %s", "marked", "merged", "COW broken", "est. savable", "regions", "site");
        List<SiteTotals> top = SiteTotals.top(report.sites(), TOP_SITES);
        if (top.isEmpty()) {
            line("  (no region was registered, merged or estimated)");
        }
        for (SiteTotals s : top) {
            line("  %10s %10s %10s %12s %8d  %s", Units.mibNumber(s.markedBytes()), Units.mibNumber(s.mergedNow()),
                    Units.mibNumber(s.brokenBytes()), Units.mibNumber(s.savableBytes()), s.regions(), s.site());
        }
    }

    private void hotSpots() {
        line("");
        line("Copy-on-write hot spots");
        if (report.hotSpots().isEmpty()) {
            line("  none: no site's writes broke %s of what it merged and at least %s",
                    Units.percent(CowHotSpot.MIN_BROKEN_SHARE), Units.mib(CowHotSpot.MIN_BROKEN_BYTES));
        }
        for (CowHotSpot h : report.hotSpots()) {
            SiteTotals s = h.site();
            line("  %s: writes broke %s (%d pages) of %s merged (%s), %s per minute", s.site(),
                    Units.mib(s.brokenBytes()), s.brokenPages(), Units.mib(s.gainedBytes()),
                    Units.percent(h.brokenShare()), Units.mib((long) h.brokenPerMinute()));
            line("    recommendation: stop marking it with the agent option %s", h.option());
            if (h.option().startsWith("exclude=")) {
                line("    (quote it in a shell; exclude=%s covers every line of the method)", h.method());
            }
        }
    }

    private void kernels() {
        for (KernelHistory k : report.kernels()) {
            KsmSample s = k.last();
            line("");
            line("KSM state at end (kernel %s, %d samples, last at %s)", k.label(), k.samples().size(),
                    Units.seconds(report.start(), s.time()));
            if (!k.hasKsm()) {
                line("  no KSM counters");
                continue;
            }
            line("  run=%d pages_shared=%d pages_sharing=%d pages_unshared=%d pages_volatile=%d", s.run(),
                    s.pagesShared(), s.pagesSharing(), s.pagesUnshared(), s.pagesVolatile());
            line("  full_scans=%d pages_skipped=%d general_profit=%s; saved %s, %s%s during the recordings",
                    s.fullScans(), s.pagesSkipped(), s.generalProfit() < 0 && s.generalProfit() != -1
                            ? "-" + Units.mib(-s.generalProfit()) : Units.mib(Math.max(0, s.generalProfit())),
                    Units.mib(k.savedAtEnd()), k.savedChange() >= 0 ? "+" : "", Units.mib(k.savedChange()));
        }
    }

    private void whyNotMerged() {
        line("");
        line("Why memory did not merge");
        if (report.whyNotMerged().isEmpty()) {
            line("  nothing stood in the way");
        }
        report.whyNotMerged().forEach(reason -> line("  - %s", reason));
    }

    private void estimate() {
        line("");
        line("In-process estimate (within each JVM, never across JVMs)");
        if (report.estimatingJvms() == 0) {
            line("  no io.samepage.SavingsEstimate events (agent option dedup=estimate, the default, emits them)");
            return;
        }
        line("  %s, %d full scans: scanned %s = duplicate %s + zero %s + unique %s + volatile %s",
                Units.count(report.estimatingJvms(), "JVM"), report.estimateFullScans(),
                Units.mib(report.estimateTotal(Estimate::scannedBytes)),
                Units.mib(report.estimateTotal(Estimate::duplicateBytes)),
                Units.mib(report.estimateTotal(Estimate::zeroBytes)),
                Units.mib(report.estimateTotal(Estimate::uniqueBytes)),
                Units.mib(report.estimateTotal(Estimate::volatileBytes)));
        line("  merging would save %s", Units.mib(report.estimateTotal(Estimate::savableBytes)));
    }

    private void jvms() {
        line("");
        line("JVMs");
        line("  %-8s %-24s %9s %8s %8s %8s %8s %9s %9s %5s %10s %12s", "pid", "recording", "duration", "marked",
                "merged", "broken", "savable", "direct", "RSS max", "GCs", "GC pauses", "CPU jvm/all");
        for (JvmHistory jvm : report.jvms()) {
            List<Collection> gcs = jvm.collections();
            long pauseMillis = gcs.stream().mapToLong(c -> c.sumOfPauses().toMillis()).sum();
            line("  %-8s %-24s %9s %8s %8s %8s %8s %9s %9s %5d %10s %12s", jvm.pid() < 0 ? "?" : jvm.pid(),
                    shorten(jvm.files().get(0).getFileName().toString(), 24), Units.seconds(jvm.first(), jvm.last()),
                    Units.mibNumber(jvm.markedBytes()), Units.mibNumber(jvm.processMerged().last()),
                    Units.mibNumber(jvm.cowBroken().last()),
                    Units.mibNumber(jvm.lastEstimateTotal().map(Estimate::savableBytes).orElse(0L)),
                    Units.mibNumber(jvm.directMemory().max()),
                    jvm.residentSet().isEmpty() ? "-" : Units.mibNumber(jvm.residentSet().stream()
                            .mapToLong(ResidentSet::bytes).max().orElse(0)),
                    gcs.size(), pauseMillis + " ms", cpu(jvm.cpu()));
        }
        line("  (MiB; merged is ksm_merging_pages at the end; RSS needs JDK 21+)");
    }

    private static String cpu(List<CpuLoad> samples) {
        if (samples.isEmpty()) {
            return "-";
        }
        double jvm = samples.stream().mapToDouble(CpuLoad::jvm).average().orElse(0);
        double machine = samples.stream().mapToDouble(CpuLoad::machine).average().orElse(0);
        return String.format(Locale.ROOT, "%.0f%%/%.0f%%", 100 * jvm, 100 * machine);
    }

    private void notes() {
        List<String> notes = report.notes();
        if (notes.isEmpty()) {
            return;
        }
        line("");
        line("Notes");
        notes.forEach(n -> line("  - %s", n));
    }

    private static String shorten(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }

}
