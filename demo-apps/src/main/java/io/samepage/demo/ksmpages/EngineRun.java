package io.samepage.demo.ksmpages;

import io.samepage.agent.dedup.ProcessMemorySource;
import io.samepage.agent.engine.DedupEngine;
import io.samepage.agent.engine.EstimatingMerger;
import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionRegistry;
import io.samepage.agent.registry.RegionSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Times samepage's engine finding every merge in a workload: the estimating merger (no memory changes), large
 * batches, no sleeping, on this thread; "time" is when {@code pages_sharing} reaches the expected count.
 */
final class EngineRun {

    private static final int BATCH_PAGES = 1 << 16;

    /**
     * Result.
     *
     * @param seconds      wall time to the last merge found
     * @param pagesSharing pages_sharing at the end
     * @param cpuSeconds   CPU time of the scanning thread
     * @param pagesVisited page visits (the engine needs two passes: one to record checksums)
     */
    record Result(double seconds, long pagesSharing, double cpuSeconds, long pagesVisited) {
    }

    private EngineRun() {
    }

    static Result time(Workload workload, long expectedSharing, long timeoutSeconds) {
        RegionRegistry registry = new RegionRegistry();
        try (ProcessMemorySource source = new ProcessMemorySource()) {
            DedupEngine engine = DedupEngine.builder(source, new EstimatingMerger(source))
                    .pagesPerBatch(BATCH_PAGES).build();
            for (int i = 0; i < 2; i++) {
                Region region = registry.create(workload.region(i), workload.bytes(), RegionSource.ALLOCATE_DIRECT,
                        "ksmpages region " + i);
                registry.publish(region);
                source.attach(i, region);
                engine.addRegion(i, ProcessMemorySource.pages(region));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long deadline = t0 + timeoutSeconds * 1_000_000_000L;
            long visited = 0;
            while (engine.stats().pagesSharing() < expectedSharing && System.nanoTime() < deadline) {
                visited += engine.step();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            return new Result(seconds, engine.stats().pagesSharing(), cpu, visited);
        }
    }
}
