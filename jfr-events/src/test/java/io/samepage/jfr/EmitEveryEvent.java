package io.samepage.jfr;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tiny target program for {@link JfcCommandLineTest}: commits every samepage event once through its
 * façade, as the agent would, then waits for the periodic KSM hook to run before exiting.
 *
 * <p>Run it by hand to see the events in a recording:
 * <pre>
 * java -XX:StartFlightRecording:settings=default,settings=samepage.jfc,filename=rec.jfr \
 *      -cp target/classes:target/test-classes io.samepage.jfr.EmitEveryEvent
 * jfr print --events io.samepage.KsmStatistics rec.jfr
 * </pre>
 */
public final class EmitEveryEvent {

    static final long REGION_ID = 42;
    static final long ADDRESS = 0x7f3a_2c00_0000L;
    static final long SIZE = 64L << 20;
    static final String SITE = "com.example.Cache.load(Cache.java:42)";
    static final String BOOT_ID = "143c2757-0f27-4367-854b-e594e74cae67";

    private EmitEveryEvent() {
    }

    /**
     * Commits every event once.
     *
     * @param args optional: seconds to wait for the periodic KSM statistics (default 10)
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        long waitSeconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        CountDownLatch sampled = new CountDownLatch(1);
        Runnable hook = () -> {
            KsmStatisticsEvent.commit(1, 100, 900, 50, 7, 3, 250_000, 1200, 0, 0,
                    KsmStatisticsEvent.NOT_AVAILABLE, 3_600_000, 1000, KsmStatisticsEvent.NOT_AVAILABLE, 900,
                    3_590_000, false, true, 900L * 4096, BOOT_ID, "");
            sampled.countDown();
        };
        KsmStatisticsEvent.registerPeriodic(hook);

        RegionRegisteredEvent.commit(REGION_ID, ADDRESS, SIZE, RegionSource.ALLOCATE_DIRECT, true, "", SITE);
        PageMergeEvent.commit(REGION_ID, ADDRESS, RegionSource.ALLOCATE_DIRECT, SITE, 900, 900L * 4096,
                MergeEngine.KERNEL, 900L * 4096);
        CowBreakEvent.commit(REGION_ID, ADDRESS, RegionSource.ALLOCATE_DIRECT, SITE, 10, 10L * 4096,
                MergeEngine.KERNEL, 890L * 4096);
        DedupScanEvent scan = DedupScanEvent.start();
        DedupScanEvent.commit(scan, 16384, 12, 2000, 100, 100, 900, 1, DedupScanEvent.MODE_MERGE);
        SavingsEstimateEvent.commit(SavingsEstimateEvent.SCOPE_REGION, REGION_ID, SITE, SIZE, 900L * 4096,
                1000L * 4096, SIZE - 1900L * 4096, 0, 1900L * 4096);
        RegionFreedEvent.commit(REGION_ID, ADDRESS, SIZE, RegionSource.ALLOCATE_DIRECT, SITE, 1_500_000_000L,
                890L * 4096);

        sampled.await(waitSeconds, TimeUnit.SECONDS);
        KsmStatisticsEvent.unregisterPeriodic(hook);
    }
}
