package io.samepage.agent.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanPacerTest {

    private static final long PERIOD = 100_000_000L;

    @Test
    void steadyStateStaysWithinTheBudget() {
        ScanPacer pacer = new ScanPacer(0.05, PERIOD, 64, 1 << 20);
        long cpu = 0;
        long wall = 0;
        for (int i = 0; i < 200; i++) {
            int pages = pacer.nextBatchPages();
            long batchCpu = pages * 500L; // 500 ns per page
            long sleep = pacer.batchDone(pages, batchCpu);
            cpu += batchCpu;
            wall += batchCpu + sleep;
        }
        double share = (double) cpu / wall;
        assertTrue(share <= 0.05 + 1e-9, "cpu share " + share);
        assertTrue(share >= 0.045, "budget is used, not wasted: " + share);
        // 5% of 100 ms at 500 ns/page = 10000 pages per batch.
        assertEquals(10_000, pacer.nextBatchPages());
    }

    @Test
    void aBatchMoreExpensiveThanPlannedIsPaidForWithALongerSleep() {
        ScanPacer pacer = new ScanPacer(0.05, PERIOD, 64, 1 << 20);
        long sleep = pacer.batchDone(1000, 50_000_000L);
        assertEquals(950_000_000L, sleep);
        assertTrue(pacer.nextBatchPages() < 1000, "batch shrinks after an expensive one");
    }

    @Test
    void batchesStayWithinTheirBounds() {
        ScanPacer cheap = new ScanPacer(0.5, PERIOD, 64, 4096);
        cheap.batchDone(100, 100);
        assertEquals(4096, cheap.nextBatchPages());
        ScanPacer dear = new ScanPacer(0.01, PERIOD, 64, 4096);
        dear.batchDone(100, 100_000_000L);
        assertEquals(64, dear.nextBatchPages());
    }

    @Test
    void idleBatchesSleepAFullPeriod() {
        ScanPacer pacer = new ScanPacer(0.05, PERIOD, 64, 4096);
        assertEquals(PERIOD, pacer.batchDone(0, 0));
    }
}
