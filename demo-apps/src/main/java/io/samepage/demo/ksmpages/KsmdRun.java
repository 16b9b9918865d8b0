package io.samepage.demo.ksmpages;

import io.samepage.linux.ksm.KsmCounters;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmSettingsRestore;
import io.samepage.linux.ksm.KsmSysfs;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times ksmd over a workload the way linux-platform-notes.md §4 did: clean slate ({@code run=2}, then 0), large
 * batches without sleeping, counters polled every 50 ms; "time" is the moment {@code pages_sharing} last
 * changed, confirmed by at least one further full scan without change; CPU is ksmd's utime+stime up to then.
 * Every setting is restored afterwards.
 */
final class KsmdRun {

    private static final long POLL_MILLIS = 50;
    static final String PAGES_TO_SCAN = "100000";
    static final String SLEEP_MILLIS = "0";

    /**
     * Result.
     *
     * @param seconds      time to the last growth of pages_sharing
     * @param pagesSharing pages_sharing at the end
     * @param cpuSeconds   ksmd CPU time spent, or -1 if unreadable
     */
    record Result(double seconds, long pagesSharing, double cpuSeconds) {
    }

    private KsmdRun() {
    }

    static Result time(Workload workload, long expectedSharing, long timeoutSeconds,
                       Supplier<OptionalLong> ksmdCpuTicks) throws InterruptedException {
        KsmSysfs sysfs = KsmSysfs.system();
        try (KsmSettingsRestore restore = sysfs.saveForRestore()) {
            sysfs.unmergeAll(TimeUnit.SECONDS.toMillis(30));
            sysfs.write(KsmKnob.RUN, "0");
            sysfs.write(KsmKnob.PAGES_TO_SCAN, PAGES_TO_SCAN);
            sysfs.write(KsmKnob.SLEEP_MILLISECS, SLEEP_MILLIS);
            workload.markMergeable();
            long cpu0 = ksmdCpuTicks.get().orElse(-1);
            long t0 = System.nanoTime();
            sysfs.write(KsmKnob.RUN, "1");
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long lastSharing = 0;
            long lastGrowth = t0;
            long cpuAtGrowth = cpu0;
            long scansAtGrowth = sysfs.counters().fullScans();
            KsmCounters c = sysfs.counters();
            while (System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
                c = sysfs.counters();
                if (c.pagesSharing() != lastSharing) {
                    lastSharing = c.pagesSharing();
                    lastGrowth = System.nanoTime();
                    cpuAtGrowth = ksmdCpuTicks.get().orElse(-1);
                    scansAtGrowth = c.fullScans();
                }
                if (c.pagesSharing() >= expectedSharing && c.fullScans() > scansAtGrowth) {
                    break;
                }
                if (c.fullScans() - scansAtGrowth >= 2) {
                    break;
                }
            }
            double cpu = cpu0 < 0 || cpuAtGrowth < 0 ? -1 : (cpuAtGrowth - cpu0) / 100.0;
            return new Result((lastGrowth - t0) / 1e9, c.pagesSharing(), cpu);
        }
    }
}
