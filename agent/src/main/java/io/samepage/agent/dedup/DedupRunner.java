package io.samepage.agent.dedup;

import io.samepage.agent.engine.DedupEngine;
import io.samepage.agent.engine.DedupStats;
import io.samepage.agent.engine.EstimateReport;
import io.samepage.agent.engine.EstimatingMerger;
import io.samepage.agent.engine.RegionEstimate;
import io.samepage.agent.jmx.DeduplicatorMXBean;
import io.samepage.agent.jmx.EstimateRow;
import io.samepage.agent.log.Log;
import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionListener;
import io.samepage.agent.registry.RegionSource;
import io.samepage.agent.track.AgentThreads;
import io.samepage.jfr.DedupScanEvent;
import io.samepage.jfr.SavingsEstimateEvent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dedup=estimate}: the engine scanning registered off-heap regions read-only on its own thread, within a
 * CPU budget, reporting what merging would save per region, per allocation site and in total (MXBean, JFR).
 *
 * <p>Regions join and leave through the registry's listener; the engine applies those changes on its own thread,
 * and the page source refuses reads of a freed region, so a free never waits for more than one in-flight read.
 * The Java heap is left out: the estimate is about off-heap caches.
 */
public final class DedupRunner implements RegionListener, DeduplicatorMXBean {

    /** One scan cycle (work plus sleep); the budget's share of it is spent scanning. */
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MIN_BATCH_PAGES = 64;
    private static final int MAX_BATCH_PAGES = 1 << 16;

    private final ProcessMemorySource source = new ProcessMemorySource();
    private final DedupEngine engine = DedupEngine.builder(source, new EstimatingMerger(source)).build();
    private final ScanPacer pacer;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final Map<Long, Integer> indexByRegionId = new ConcurrentHashMap<>();
    private final Map<Integer, Region> regionByIndex = new ConcurrentHashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile long pagesScanned;

    /** @param cpuPercent the scan thread's CPU budget, in percent of one core */
    public DedupRunner(double cpuPercent) {
        this.pacer = new ScanPacer(cpuPercent / 100.0, PERIOD_NANOS, MIN_BATCH_PAGES, MAX_BATCH_PAGES);
    }

    /** Starts the scan thread (daemon, named {@code samepage-dedup}). */
    public void start() {
        Thread t = AgentThreads.daemon(this::loop, "samepage-dedup");
        t.start();
    }

    @Override
    public void registered(Region region) {
        if (region.source() == RegionSource.HEAP || !region.source().privateMemory()) {
            return;
        }
        int pages = ProcessMemorySource.pages(region);
        if (pages == 0) {
            return;
        }
        int index = nextIndex.getAndIncrement();
        indexByRegionId.put(region.id(), index);
        regionByIndex.put(index, region);
        source.attach(index, region);
        engine.addRegion(index, pages);
    }

    @Override
    public void freed(Region region) {
        Integer index = indexByRegionId.remove(region.id());
        if (index != null) {
            engine.removeRegion(index);
            source.detach(index);
            regionByIndex.remove(index);
        }
    }

    private void loop() {
        long lastFullScans = 0;
        while (true) {
            try {
                engine.setPagesPerBatch(pacer.nextBatchPages());
                DedupScanEvent scan = DedupScanEvent.start();
                long cpu0 = threads.getCurrentThreadCpuTime();
                int pages = engine.step();
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                pagesScanned += pages;
                DedupStats stats = engine.stats();
                if (stats.fullScans() != lastFullScans) {
                    lastFullScans = stats.fullScans();
                    publish(scan, stats);
                }
                TimeUnit.NANOSECONDS.sleep(pacer.batchDone(pages, cpu));
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // One failed batch must not end the estimate for the JVM's lifetime; the next batch retries.
                Log.problem("dedup scan failed: " + t);
                try {
                    TimeUnit.NANOSECONDS.sleep(PERIOD_NANOS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void publish(DedupScanEvent scan, DedupStats stats) {
        DedupScanEvent.commit(scan, pagesScanned, stats.pagesVolatile(), stats.pagesUnshared(),
                stats.pagesShared(), stats.pagesShared(), stats.pagesSharing(), stats.fullScans(),
                DedupScanEvent.MODE_ESTIMATE);
        if (SavingsEstimateEvent.enabled()) {
            for (EstimateRow row : getEstimate()) {
                SavingsEstimateEvent.commit(row.getScope(), row.getRegionId(), row.getAllocationSite(),
                        row.getScannedBytes(), row.getDuplicateBytes(), row.getZeroBytes(), row.getUniqueBytes(),
                        row.getVolatileBytes(), row.getDuplicateBytes() + row.getZeroBytes());
            }
        }
    }

    @Override
    public String getMode() {
        return "estimate";
    }

    @Override
    public long getFullScans() {
        return engine.stats().fullScans();
    }

    @Override
    public int getUnsettledRegions() {
        return engine.unsettledRegions();
    }

    @Override
    public long getPagesScanned() {
        return pagesScanned;
    }

    @Override
    public long getPagesShared() {
        return engine.stats().pagesShared();
    }

    @Override
    public long getPagesSharing() {
        return engine.stats().pagesSharing();
    }

    @Override
    public long getPagesUnshared() {
        return engine.stats().pagesUnshared();
    }

    @Override
    public long getPagesVolatile() {
        return engine.stats().pagesVolatile();
    }

    @Override
    public long getZeroPages() {
        return engine.stats().zeroPages();
    }

    @Override
    public long getStableNodeChains() {
        return engine.stats().stableNodeChains();
    }

    @Override
    public long getStableNodeDups() {
        return engine.stats().stableNodeDups();
    }

    /** Rows by region, then by allocation site (sites summed over their regions), then the total. */
    @Override
    public List<EstimateRow> getEstimate() {
        EstimateReport report = engine.estimate();
        List<EstimateRow> rows = new ArrayList<>();
        Map<String, long[]> bySite = new LinkedHashMap<>();
        for (RegionEstimate e : report.regions()) {
            Region region = regionByIndex.get(e.region());
            if (region == null) {
                continue;
            }
            rows.add(row("region", region.id(), region.allocationSite(), e));
            long[] sum = bySite.computeIfAbsent(region.allocationSite(), k -> new long[5]);
            sum[0] += scanned(e);
            sum[1] += e.duplicateBytes();
            sum[2] += e.zeroBytes();
            sum[3] += e.uniqueBytes();
            sum[4] += e.volatileBytes();
        }
        bySite.forEach((site, s) -> rows.add(new EstimateRow("site", -1, site, s[0], s[1], s[2], s[3], s[4])));
        rows.add(row("total", -1, "", report.total()));
        return rows;
    }

    private static EstimateRow row(String scope, long regionId, String site, RegionEstimate e) {
        return new EstimateRow(scope, regionId, site, scanned(e), e.duplicateBytes(), e.zeroBytes(), e.uniqueBytes(),
                e.volatileBytes());
    }

    private static long scanned(RegionEstimate e) {
        return e.trackedBytes() - e.unscannedBytes();
    }
}
