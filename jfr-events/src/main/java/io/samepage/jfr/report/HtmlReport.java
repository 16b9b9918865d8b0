package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Collection;
import io.samepage.jfr.report.Observations.Estimate;
import io.samepage.jfr.report.Observations.KsmSample;
import io.samepage.jfr.report.TimeSeries.Point;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML file: the text report's figures as tables, and three charts (savings over
 * time, copy-on-write breaks over time, top allocation sites) drawn by Chart.js, inlined with the data, so the
 * file opens offline. The page script ({@code report.js}) records in the DOM what it drew, for tests and for a
 * reader wondering why a chart is blank.
 */
final class HtmlReport {

    /** Allocation sites in the bar chart; the table lists more. */
    static final int CHART_SITES = 10;
    /** Sites with a line of their own in the copy-on-write chart; the rest are in the total. */
    static final int CHART_COW_SITES = 5;

    private final FleetReport report;
    private final StringBuilder out = new StringBuilder();

    private HtmlReport(FleetReport report) {
        this.report = report;
    }

    /** @param report the report @return the HTML document */
    static String render(FleetReport report) {
        HtmlReport html = new HtmlReport(report);
        html.page();
        return html.out.toString();
    }

    private void page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>samepage report</title>\n<style>\n").append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n<h1>samepage report</h1>\n");
        out.append("<p class=\"summary\">").append(esc(report.scope())).append("</p>\n");
        savings();
        charts();
        sites();
        hotSpots();
        kernels();
        list("why", "Why memory did not merge", report.whyNotMerged(), "nothing stood in the way");
        estimate();
        jvms();
        if (!report.notes().isEmpty()) {
            list("notes", "Notes", report.notes(), "");
        }
        out.append("<script id=\"report-data\" type=\"application/json\">").append(data())
                .append("</script>\n<script>\n").append(ChartJs.bundle()).append("\n</script>\n<script>\n")
                .append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    }

    private void savings() {
        section("savings", "Savings");
        table(List.of("figure", "value"), report.savings().stream().map(f -> List.of(f.label(), f.value()))
                .toList());
        out.append("</section>\n");
    }

    private void charts() {
        section("charts", "Charts");
        chart("chart-savings", "Savings over time (MiB)");
        chart("chart-cow", "Copy-on-write breaks over time (MiB broken, running total)");
        chart("chart-sites", "Top allocation sites (MiB)");
        out.append("</section>\n");
    }

    private void chart(String id, String caption) {
        out.append("<figure><figcaption>").append(esc(caption)).append("</figcaption><canvas id=\"").append(id)
                .append("\" width=\"960\" height=\"360\"></canvas></figure>\n");
    }

    private void sites() {
        section("sites", "Top allocation sites");
        List<List<String>> rows = new ArrayList<>();
        for (SiteTotals s : SiteTotals.top(report.sites(), TextReport.TOP_SITES)) {
            rows.add(List.of(s.site(), Units.mibNumber(s.markedBytes()), Units.mibNumber(s.mergedNow()),
                    Units.mibNumber(s.brokenBytes()), Units.mibNumber(s.savableBytes()),
                    Integer.toString(s.regions())));
        }
        table(List.of("allocation site", "marked MiB", "merged MiB", "COW broken MiB", "est. savable MiB",
                "regions"), rows);
        out.append("</section>\n");
    }

    private void hotSpots() {
        section("hot-spots", "Copy-on-write hot spots");
        if (report.hotSpots().isEmpty()) {
            paragraph("None: no site's writes broke " + Units.percent(CowHotSpot.MIN_BROKEN_SHARE)
                    + " of what it merged and at least " + Units.mib(CowHotSpot.MIN_BROKEN_BYTES) + ".");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (CowHotSpot h : report.hotSpots()) {
                SiteTotals s = h.site();
                rows.add(List.of(s.site(), Units.mib(s.brokenBytes()) + " (" + s.brokenPages() + " pages)",
                        Units.mib(s.gainedBytes()), Units.percent(h.brokenShare()),
                        Units.mib((long) h.brokenPerMinute()), h.option()));
            }
            table(List.of("allocation site", "broken", "merged", "broken/merged", "per minute",
                    "agent option that stops marking it"), rows);
        }
        out.append("</section>\n");
    }

    private void kernels() {
        section("kernel", "KSM state at end");
        List<List<String>> rows = new ArrayList<>();
        for (KernelHistory k : report.kernels()) {
            KsmSample s = k.last();
            rows.add(List.of(k.label(), Integer.toString(s.run()), Long.toString(s.pagesShared()),
                    Long.toString(s.pagesSharing()), Long.toString(s.pagesUnshared()),
                    Long.toString(s.pagesVolatile()), Long.toString(s.fullScans()), Long.toString(s.pagesSkipped()),
                    Units.mib(k.savedAtEnd())));
        }
        table(List.of("kernel", "run", "pages_shared", "pages_sharing", "pages_unshared", "pages_volatile",
                "full_scans", "pages_skipped", "saved"), rows);
        out.append("</section>\n");
    }

    private void estimate() {
        section("estimate", "In-process estimate");
        paragraph(report.estimatingJvms() == 0 ? "No io.samepage.SavingsEstimate events."
                : String.format(Locale.ROOT, "%s, %d full scans: scanned %s = duplicate %s + zero %s + unique"
                        + " %s + volatile %s; merging would save %s (within each JVM, never across JVMs).",
                Units.count(report.estimatingJvms(), "JVM"), report.estimateFullScans(),
                Units.mib(report.estimateTotal(Estimate::scannedBytes)),
                Units.mib(report.estimateTotal(Estimate::duplicateBytes)),
                Units.mib(report.estimateTotal(Estimate::zeroBytes)),
                Units.mib(report.estimateTotal(Estimate::uniqueBytes)),
                Units.mib(report.estimateTotal(Estimate::volatileBytes)),
                Units.mib(report.estimateTotal(Estimate::savableBytes))));
        out.append("</section>\n");
    }

    private void jvms() {
        section("jvms", "JVMs");
        List<List<String>> rows = new ArrayList<>();
        for (JvmHistory jvm : report.jvms()) {
            List<Collection> gcs = jvm.collections();
            rows.add(List.of(jvm.pid() < 0 ? "?" : Long.toString(jvm.pid()),
                    jvm.files().stream().map(f -> f.getFileName().toString()).reduce((a, b) -> a + ", " + b)
                            .orElse(""),
                    Units.seconds(jvm.first(), jvm.last()), Units.mibNumber(jvm.markedBytes()),
                    Units.mibNumber(jvm.processMerged().last()), Units.mibNumber(jvm.cowBroken().last()),
                    Units.mibNumber(jvm.directMemory().max()), Integer.toString(gcs.size()),
                    gcs.stream().mapToLong(c -> c.sumOfPauses().toMillis()).sum() + " ms"));
        }
        table(List.of("pid", "recordings", "duration", "marked MiB", "merged MiB", "COW broken MiB",
                "direct max MiB", "GCs", "GC pauses"), rows);
        out.append("</section>\n");
    }

    /** The charts' data, as report.js reads it. */
    private String data() {
        Json json = new Json().beginObject();
        json.name("start").value(report.start().truncatedTo(ChronoUnit.MILLIS).toString());
        json.name("end").value(Units.secondsBetween(report.start(), report.end()));
        json.name("chartJs").value(ChartJs.version());
        json.name("savings").beginArray();
        for (KernelHistory k : report.kernels()) {
            series(json, "host KSM saved (pages_sharing), kernel " + k.label(), k.saved());
        }
        series(json, "these JVMs' merged memory (ksm_merging_pages)", report.processMerged());
        series(json, "in-process estimate: merging would save", report.estimateSavable());
        series(json, "direct buffer memory in use", report.directMemory());
        json.endArray();
        json.name("cow").beginArray();
        // Every recording starts with nothing broken: a flat line says "no breaks" where there were none.
        series(json, "all sites", TimeSeries.of(concat(List.of(new Point(report.start(), 0)),
                report.cowBroken().points())));
        report.sites().stream().filter(s -> s.brokenBytes() > 0)
                .sorted((a, b) -> Long.compare(b.brokenBytes(), a.brokenBytes())).limit(CHART_COW_SITES)
                .forEach(s -> series(json, s.site(), report.cowBroken(s.site())));
        json.endArray();
        List<SiteTotals> top = SiteTotals.top(report.sites(), CHART_SITES);
        json.name("sites").beginObject().name("labels").beginArray();
        top.forEach(s -> json.value(s.site()));
        json.endArray().name("datasets").beginArray();
        bars(json, "marked", top, SiteTotals::markedBytes);
        bars(json, "merged at end", top, SiteTotals::mergedNow);
        bars(json, "estimated savable", top, SiteTotals::savableBytes);
        bars(json, "copy-on-write broken", top, SiteTotals::brokenBytes);
        json.endArray().endObject();
        return json.endObject().toString();
    }

    /**
     * One line of a chart: [seconds since the start, MiB] points, the last value held to the end of the recordings
     * (samples are steps); a series with no point is left out.
     */
    private void series(Json json, String label, TimeSeries series) {
        if (series.isEmpty()) {
            return;
        }
        List<Point> points = series.points();
        if (points.get(points.size() - 1).time().isBefore(report.end())) {
            points = concat(points, List.of(new Point(report.end(), series.last())));
        }
        json.beginObject().name("label").value(label).name("points").beginArray();
        for (Point p : points) {
            json.beginArray().value(Units.secondsBetween(report.start(), p.time())).value(p.value() / Units.MIB)
                    .endArray();
        }
        json.endArray().endObject();
    }

    private static List<Point> concat(List<Point> a, List<Point> b) {
        List<Point> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void bars(Json json, String label, List<SiteTotals> sites,
            java.util.function.ToLongFunction<SiteTotals> figure) {
        json.beginObject().name("label").value(label).name("values").beginArray();
        sites.forEach(s -> json.value(figure.applyAsLong(s) / Units.MIB));
        json.endArray().endObject();
    }

    private void section(String id, String title) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
    }

    private void paragraph(String text) {
        out.append("<p>").append(esc(text)).append("</p>\n");
    }

    private void list(String id, String title, List<String> items, String whenEmpty) {
        section(id, title);
        if (items.isEmpty()) {
            paragraph(whenEmpty);
        } else {
            out.append("<ul>\n");
            items.forEach(i -> out.append("<li>").append(esc(i)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void table(List<String> headers, List<List<String>> rows) {
        out.append("<table>\n<thead><tr>");
        headers.forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(esc(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** @param text any text @return it safe as HTML element content or a quoted attribute value */
    static String esc(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': s.append("&amp;"); break;
                case '<': s.append("&lt;"); break;
                case '>': s.append("&gt;"); break;
                case '"': s.append("&quot;"); break;
                case '\'': s.append("&#39;"); break;
                default: s.append(c);
            }
        }
        return s.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("class-path resource " + name + " missing next to " + HtmlReport.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
