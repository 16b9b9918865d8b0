package io.samepage.jfr.report;

import io.samepage.jfr.MergeEngine;
import io.samepage.jfr.PageMergeEvent;
import io.samepage.jfr.RegionRegisteredEvent;
import io.samepage.jfr.RegionSource;
import io.samepage.jfr.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report opens offline in headless Chromium and its three charts draw their data. */
class HtmlChartsTest {

    /** A site as hostile to HTML and JSON as a class name allows, and then some. */
    static final String HOSTILE = "com.example.X$<lambda>.run(\"X.java\":1)</script><b>&amp;$1</b>'";

    @Test
    void chartsRenderWithDataAndSitesReadAsTheyAre(@TempDir Path dir) throws Exception {
        HeadlessChromium.assumeInstalled();
        Path recording = SyntheticRecording.record(dir.resolve("rec.jfr"), () -> {
            ReportFiguresTest.story();
            RegionRegisteredEvent.commit(9, 0x7f30_0000_0000L, 8L << 20, RegionSource.ALLOCATE_DIRECT, true, "",
                    HOSTILE);
            PageMergeEvent.commit(9, 0x7f30_0000_0000L, RegionSource.ALLOCATE_DIRECT, HOSTILE, 512, 2L << 20,
                    MergeEngine.KERNEL, 2L << 20);
        });
        Path html = dir.resolve("report.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(SamepageReport.EXIT_OK, SamepageReport.run(List.of(recording), html, new PrintWriter(out),
                new PrintWriter(err)), err::toString);
        String page = Files.readString(html);
        assertFalse(page.contains("src=\"http") || page.contains("href=\"http"), "nothing to fetch");
        assertTrue(page.contains("Chart.js v" + ChartJs.version()), "Chart.js inlined, license header and all");

        String dom = HeadlessChromium.dumpDom(html, dir);
        Map<String, String> body = HeadlessChromium.body(dom);
        assertEquals("3", body.get("data-rendered"), () -> "body " + body);
        Map<String, Map<String, String>> canvases = HeadlessChromium.canvases(dom);
        assertEquals(List.of("chart-savings", "chart-cow", "chart-sites"), List.copyOf(canvases.keySet()));
        canvases.forEach((id, canvas) -> {
            assertTrue(Integer.parseInt(canvas.get("data-points")) > 0, id + " " + canvas);
            // A line 3 px wide across the plot, or a bar, paints hundreds of pixels in its dataset's colour.
            assertTrue(Integer.parseInt(canvas.get("data-series-pixels")) > 100, id + " " + canvas);
        });
        // Serializing the DOM escapes text as HTML requires: &, < and > only.
        String asText = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        assertTrue(dom.contains("<td>" + asText + "</td>"), "the site reads as it is in the table");
    }
}
