package io.samepage.jfr.report;

import io.samepage.jfr.CowBreakEvent;
import io.samepage.jfr.DedupScanEvent;
import io.samepage.jfr.KsmStatisticsEvent;
import io.samepage.jfr.MergeEngine;
import io.samepage.jfr.PageMergeEvent;
import io.samepage.jfr.RegionFreedEvent;
import io.samepage.jfr.RegionRegisteredEvent;
import io.samepage.jfr.RegionSource;
import io.samepage.jfr.SavingsEstimateEvent;
import io.samepage.jfr.report.Observations.Estimate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's figures from a recording of known events: one JVM with a copy-on-write hot spot, a freed region,
 * a region that was not marked, three KSM samples and two estimate publications.
 */
class ReportFiguresTest {

    static final long MIB = 1 << 20;
    static final long PAGE = 4096;
    static final String CACHE = "com.example.Cache.load(Cache.java:42)";
    static final String INDEX = "com.example.Index$Builder.<init>(Index.java:7)";
    static final String FILES = "com.example.Files.map(Files.java:9)";
    static final String SHARED = "shared mapping: KSM merges only private anonymous memory (map the file PRIVATE)";
    static final String BOOT_ID = "0f6c7d1e-7b5c-4e55-9d7e-1f6a2b3c4d5e";
    static final String KSMD_STOPPED = "ksmd not running (run=0): nothing merges until root writes 1 to"
            + " /sys/kernel/mm/ksm/run; this process may start it (option ksmd=run)";

    @TempDir
    static Path dir;
    static FleetReport report;
    static Path one;
    static Path other;

    /**
     * The story: merges, a hot spot at CACHE, INDEX freed, FILES never marked. Its phases are some milliseconds
     * apart, as sampled events are: committed back to back on a fast JVM, the whole story took under a millisecond,
     * and the charts had no time axis to draw on.
     */
    static void story() {
        ksm(0, 0, 0, KSMD_STOPPED);
        pause();
        RegionRegisteredEvent.commit(1, 0x7f00_0000_0000L, 64 * MIB, RegionSource.ALLOCATE_DIRECT, true, "", CACHE);
        RegionRegisteredEvent.commit(2, 0x7f10_0000_0000L, 32 * MIB, RegionSource.ALLOCATE_DIRECT, true, "", INDEX);
        RegionRegisteredEvent.commit(3, 0x7f20_0000_0000L, 16 * MIB, RegionSource.FILE_MAP_SHARED, false, SHARED,
                FILES);
        PageMergeEvent.commit(1, 0x7f00_0000_0000L, RegionSource.ALLOCATE_DIRECT, CACHE, 16384, 64 * MIB,
                MergeEngine.KERNEL, 64 * MIB);
        PageMergeEvent.commit(2, 0x7f10_0000_0000L, RegionSource.ALLOCATE_DIRECT, INDEX, 8192, 32 * MIB,
                MergeEngine.KERNEL, 32 * MIB);
        pause();
        ksm(1, 12288, 24576, "");
        estimate(List.of(CACHE, INDEX), 64 * MIB, 1000 * PAGE);
        pause();
        CowBreakEvent.commit(1, 0x7f00_0000_0000L, RegionSource.ALLOCATE_DIRECT, CACHE, 12288, 48 * MIB,
                MergeEngine.KERNEL, 16 * MIB);
        RegionFreedEvent.commit(2, 0x7f10_0000_0000L, 32 * MIB, RegionSource.ALLOCATE_DIRECT, INDEX, 2_000_000_000L,
                32 * MIB);
        estimate(List.of(CACHE), 64 * MIB, 500 * PAGE);
        pause();
        ksm(1, 4096, 4096, "");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void ksm(int run, long sharing, long processMerging, String reasons) {
        KsmStatisticsEvent.commit(run, sharing, sharing, 0, 0, 7, 100_000, 0, 0, 0, 0, sharing * PAGE, 100,
                0, processMerging, processMerging * PAGE, false, true, sharing * PAGE, BOOT_ID, reasons);
    }

    /** One publication of the engine: a row per site (and per region), then the total. */
    static void estimate(List<String> sites, long scannedPerSite, long savablePerSite) {
        DedupScanEvent.commit(DedupScanEvent.start(), 20_000, 0, 100, 0, 0, 0, sites.size(), DedupScanEvent.MODE_ESTIMATE);
        for (String site : sites) {
            SavingsEstimateEvent.commit(SavingsEstimateEvent.SCOPE_REGION, 1, site, scannedPerSite, savablePerSite,
                    0, scannedPerSite - savablePerSite, 0, savablePerSite);
            SavingsEstimateEvent.commit(SavingsEstimateEvent.SCOPE_SITE, SavingsEstimateEvent.NO_REGION, site,
                    scannedPerSite, savablePerSite, 0, scannedPerSite - savablePerSite, 0, savablePerSite);
        }
        long n = sites.size();
        SavingsEstimateEvent.commit(SavingsEstimateEvent.SCOPE_TOTAL, SavingsEstimateEvent.NO_REGION, "",
                n * scannedPerSite, n * savablePerSite, 0, n * (scannedPerSite - savablePerSite), 0,
                n * savablePerSite);
    }

    @BeforeAll
    static void record() throws Exception {
        one = dir.resolve("one.jfr");
        other = dir.resolve("other.jfr");
        SyntheticRecording.record(List.of(one, other), ReportFiguresTest::story);
        report = SamepageReport.read(List.of(one));
    }

    @Test
    void headlineFiguresAreTheKernelsAndTheRegions() {
        assertEquals(1, report.jvms().size());
        assertEquals(ProcessHandle.current().pid(), report.jvms().get(0).pid());
        assertEquals(1, report.kernels().size());
        assertEquals(BOOT_ID.substring(0, 8), report.kernels().get(0).label());
        assertEquals(16 * MIB, report.hostSavedAtEnd(), "pages_sharing of the last sample");
        assertEquals(4096, report.hostPagesSharingAtEnd());
        assertEquals(16 * MIB, report.hostSavedChange(), "from 0 at the first sample");
        assertEquals(16 * MIB, report.processMergedAtEnd());
        assertEquals(16 * MIB, report.regionsMergedAtEnd(), "CACHE keeps 16 MiB, INDEX was freed");
        assertEquals(96 * MIB, report.markedBytes());
        assertEquals(2, report.markedRegions());
        assertEquals(12288, report.brokenPages());
        assertEquals(48 * MIB, report.brokenBytes());
    }

    @Test
    void sitesCarryMarkedMergedBrokenAndEstimatedBytes() {
        List<SiteTotals> sites = report.sites();
        assertEquals(List.of(CACHE, INDEX, FILES), sites.stream().map(SiteTotals::site).toList());
        SiteTotals cache = sites.get(0);
        assertEquals(64 * MIB, cache.markedBytes());
        assertEquals(16 * MIB, cache.mergedNow());
        assertEquals(64 * MIB, cache.gainedBytes());
        assertEquals(48 * MIB, cache.brokenBytes());
        assertEquals(500 * PAGE, cache.savableBytes(), "the latest publication's row");
        SiteTotals index = sites.get(1);
        assertEquals(0, index.mergedNow(), "freed");
        assertEquals(0, index.savableBytes(), "no longer in the latest publication");
        assertEquals(16 * MIB, sites.get(2).notMarkedBytes());
        assertEquals(500 * PAGE, report.estimateTotal(Estimate::savableBytes));
        assertEquals(64 * MIB, report.estimateTotal(Estimate::scannedBytes));
    }

    @Test
    void aSiteWhoseBreaksEatItsMergesIsAHotSpotWithTheOptionThatExcludesIt() {
        assertEquals(1, report.hotSpots().size());
        CowHotSpot hot = report.hotSpots().get(0);
        assertEquals(CACHE, hot.site().site());
        assertEquals(0.75, hot.brokenShare(), 1e-9);
        assertEquals("exclude=" + CACHE, hot.option());
        assertEquals("com.example.Cache.load", hot.method());
        assertEquals("heap=off", CowHotSpot.option(CowHotSpot.HEAP_SITE));
    }

    @Test
    void everyReasonForMemoryThatDidNotMerge() {
        List<String> why = report.whyNotMerged();
        assertEquals("marked but not merged at the end: 80.0 MiB of 96.0 MiB marked (the lines below say why)",
                why.get(0));
        assertEquals("not marked, shared mapping: 16.0 MiB in 1 regions (" + SHARED + ")", why.get(1));
        assertEquals(KSMD_STOPPED + " (1 of 1 JVMs, cleared before the end in 1)", why.get(2));
        assertEquals("in-process estimate: 62.0 MiB unique (no identical page within its JVM), 0.0 MiB volatile"
                + " (changed between two reads)", why.get(3));
        assertEquals(4, why.size(), String.join("\n", why));
    }

    @Test
    void overlappingDumpsOfOneJvmCountOnce() throws Exception {
        FleetReport both = SamepageReport.read(List.of(one, other));
        assertEquals(1, both.jvms().size());
        assertEquals(2, both.files().size());
        assertEquals(report.markedBytes(), both.markedBytes());
        assertEquals(report.brokenBytes(), both.brokenBytes());
        assertEquals(report.regionsMergedAtEnd(), both.regionsMergedAtEnd());
        assertEquals(report.kernels().get(0).samples().size(), both.kernels().get(0).samples().size());
        // The Savings section; the recordings' spans differ, as each was stopped at its own time.
        assertEquals(TextReport.render(report).lines().skip(1).limit(9).toList(),
                TextReport.render(both).lines().skip(1).limit(9).toList());
    }

    @Test
    void theTextReportSaysItInLinesAToolCanRead() {
        String text = TextReport.render(report);
        assertTrue(text.contains("\n  host KSM saved (pages_sharing) at end:         16.0 MiB (4096 pages) on 1"
                + " kernel\n"), text);
        assertTrue(text.contains("\n  marked mergeable:                              96.0 MiB (100663296 bytes) in"
                + " 2 regions\n"), text);
        assertTrue(text.contains("\n  copy-on-write breaks:                          12288 pages (48.0 MiB)\n"), text);
        assertTrue(text.contains("    recommendation: stop marking it with the agent option exclude=" + CACHE + "\n"),
                text);
        assertTrue(text.contains("  - " + KSMD_STOPPED), text);
    }
}
