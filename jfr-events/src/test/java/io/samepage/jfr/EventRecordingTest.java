package io.samepage.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Commits each event through its façade and reads it back, typed, from a {@link RecordingStream}.
 *
 * <p>One stream serves the whole class: a stream delivers what it has at each flush, about once a second,
 * so a stream per test would cost that second every time. Tests tell their events apart by a region ID (or,
 * for the periodic event, a marker value) of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledForJreRange(min = JRE.JAVA_17)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventRecordingTest {

    private static final long AWAIT_SECONDS = 10;
    private static final String SITE = "com.example.Cache.load(Cache.java:42)";
    private static final long PAGE_BYTES = 4096;

    private final AtomicLong nextRegionId = new AtomicLong(System.nanoTime() & 0xffff_ffffL);
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
    private RecordingStream stream;

    private record Expectation(String eventName, Predicate<RecordedEvent> matches,
            CompletableFuture<RecordedEvent> future) {
    }

    @BeforeAll
    void startStream() {
        // As the agent must: an event type registered while a stream runs makes that stream read strings
        // pooled earlier in the chunk (a repeated allocation site) as null, on 17.0.15 and 25.0.3 alike.
        assertTrue(SamepageEvents.registerAll());
        stream = new RecordingStream();
        // The handler hands events to futures that outlive it.
        stream.setReuse(false);
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String name = eventClass.getAnnotation(Name.class).value();
            // Only "enabled": stack traces and thresholds stay at the annotations' defaults, which is what a
            // recording that never mentions samepage (settings=default alone) gets.
            stream.enable(name);
            stream.onEvent(name, this::dispatch);
        }
        stream.enable(EventNames.KSM_STATISTICS).withPeriod(Duration.ofMillis(100));
        stream.startAsync();
    }

    @AfterAll
    void closeStream() {
        stream.close();
    }

    @Test
    void regionRegisteredCarriesFieldsAndTheAllocatingStack() throws Exception {
        long regionId = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen = expect(EventNames.REGION_REGISTERED, regionId);

        RegionRegisteredEvent.commit(regionId, 0x7f00_0000_0000L, 64L << 20, RegionSource.FILE_MAP_SHARED, false,
                "shared mapping: MADV_MERGEABLE ignored", SITE);

        RecordedEvent event = await(seen);
        assertEquals("Region Registered", event.getEventType().getLabel());
        assertEquals(0x7f00_0000_0000L, event.getLong("address"));
        assertEquals(64L << 20, event.getLong("size"));
        assertEquals(RegionSource.FILE_MAP_SHARED, event.getString("source"));
        assertFalse(event.getBoolean("mergeable"));
        assertEquals("shared mapping: MADV_MERGEABLE ignored", event.getString("reason"));
        assertEquals(SITE, event.getString("allocationSite"));
        assertEquals("jdk.jfr.DataAmount", event.getEventType().getField("size").getContentType());
        assertEquals("jdk.jfr.MemoryAddress", event.getEventType().getField("address").getContentType());

        assertNotNull(event.getStackTrace(), "stack trace is on by default");
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        assertEquals("commit", frames.get(0).getMethod().getName());
        assertTrue(frames.stream().anyMatch(f -> f.getMethod().getName()
                        .equals("regionRegisteredCarriesFieldsAndTheAllocatingStack")),
                "the caller of the façade is on the stack: " + frames);
    }

    @Test
    void regionFreedCarriesLifetimeAndMergedBytes() throws Exception {
        long regionId = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen = expect(EventNames.REGION_FREED, regionId);

        RegionFreedEvent.commit(regionId, 0x7f00_1000_0000L, 16L << 20, RegionSource.ALLOCATE_DIRECT, SITE,
                2_500_000_000L, 300 * PAGE_BYTES);

        RecordedEvent event = await(seen);
        assertEquals(0x7f00_1000_0000L, event.getLong("address"));
        assertEquals(16L << 20, event.getLong("size"));
        assertEquals(RegionSource.ALLOCATE_DIRECT, event.getString("source"));
        assertEquals(SITE, event.getString("allocationSite"));
        assertEquals(Duration.ofMillis(2500), event.getDuration("lifetime"));
        assertEquals(300 * PAGE_BYTES, event.getLong("mergedBytesAtFree"));
        assertNotNull(event.getStackTrace());
    }

    @Test
    void pageMergeIsAggregatedAndHasNoStackTrace() throws Exception {
        long regionId = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen = expect(EventNames.PAGE_MERGE, regionId);

        PageMergeEvent.commit(regionId, 0x7f00_2000_0000L, RegionSource.ALLOCATE_DIRECT, SITE, 1200,
                1200 * PAGE_BYTES, MergeEngine.KERNEL, 5000 * PAGE_BYTES);

        RecordedEvent event = await(seen);
        assertEquals(0x7f00_2000_0000L, event.getLong("address"));
        assertEquals(RegionSource.ALLOCATE_DIRECT, event.getString("source"));
        assertEquals(SITE, event.getString("allocationSite"));
        assertEquals(1200, event.getLong("pages"));
        assertEquals(1200 * PAGE_BYTES, event.getLong("bytesSaved"));
        assertEquals(MergeEngine.KERNEL, event.getString("engine"));
        assertEquals(5000 * PAGE_BYTES, event.getLong("regionMergedBytes"));
        assertNull(event.getStackTrace());
    }

    @Test
    void cowBreakCarriesBytesTakenBack() throws Exception {
        long regionId = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen = expect(EventNames.COW_BREAK, regionId);

        CowBreakEvent.commit(regionId, 0x7f00_3000_0000L, RegionSource.HEAP, SITE, 7, 7 * PAGE_BYTES,
                MergeEngine.IN_PROCESS, 93 * PAGE_BYTES);

        RecordedEvent event = await(seen);
        assertEquals("Copy-on-Write Break", event.getEventType().getLabel());
        assertEquals(0x7f00_3000_0000L, event.getLong("address"));
        assertEquals(RegionSource.HEAP, event.getString("source"));
        assertEquals(SITE, event.getString("allocationSite"));
        assertEquals(7, event.getLong("pages"));
        assertEquals(7 * PAGE_BYTES, event.getLong("bytes"));
        assertEquals(MergeEngine.IN_PROCESS, event.getString("engine"));
        assertEquals(93 * PAGE_BYTES, event.getLong("regionMergedBytes"));
        assertNull(event.getStackTrace());
    }

    @Test
    void dedupScanIsTimedByItsOwnDuration() throws Exception {
        long marker = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen =
                expect(EventNames.DEDUP_SCAN, e -> e.getLong("pagesScanned") == marker);

        DedupScanEvent scan = DedupScanEvent.start();
        Thread.sleep(20);
        DedupScanEvent.commit(scan, marker, 12, 2000, 100, 110, 900, 3, DedupScanEvent.MODE_ESTIMATE);

        RecordedEvent event = await(seen);
        assertTrue(event.getDuration().compareTo(Duration.ofMillis(19)) >= 0, "duration " + event.getDuration());
        assertEquals(12, event.getLong("pagesVolatile"));
        assertEquals(2000, event.getLong("unstableTreeSize"));
        assertEquals(100, event.getLong("stableNodes"));
        assertEquals(110, event.getLong("pagesShared"));
        assertEquals(900, event.getLong("pagesSharing"));
        assertEquals(3, event.getLong("fullScans"));
        assertEquals(DedupScanEvent.MODE_ESTIMATE, event.getString("mode"));
        assertNull(event.getStackTrace());
    }

    @Test
    void savingsEstimateCarriesTheByteBreakdown() throws Exception {
        long regionId = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen = expect(EventNames.SAVINGS_ESTIMATE, regionId);

        SavingsEstimateEvent.commit(SavingsEstimateEvent.SCOPE_REGION, regionId, SITE, 1000 * PAGE_BYTES,
                400 * PAGE_BYTES, 100 * PAGE_BYTES, 450 * PAGE_BYTES, 50 * PAGE_BYTES, 499 * PAGE_BYTES);

        RecordedEvent event = await(seen);
        assertEquals(SavingsEstimateEvent.SCOPE_REGION, event.getString("scope"));
        assertEquals(SITE, event.getString("allocationSite"));
        assertEquals(1000 * PAGE_BYTES, event.getLong("scannedBytes"));
        assertEquals(400 * PAGE_BYTES, event.getLong("duplicateBytes"));
        assertEquals(100 * PAGE_BYTES, event.getLong("zeroBytes"));
        assertEquals(450 * PAGE_BYTES, event.getLong("uniqueBytes"));
        assertEquals(50 * PAGE_BYTES, event.getLong("volatileBytes"));
        assertEquals(499 * PAGE_BYTES, event.getLong("savableBytes"));
        assertNull(event.getStackTrace());
    }

    @Test
    void ksmStatisticsComeFromTheRegisteredHookEachPeriod() throws Exception {
        long marker = nextRegionId.incrementAndGet();
        CompletableFuture<RecordedEvent> seen =
                expect(EventNames.KSM_STATISTICS, e -> e.getLong("fullScans") == marker);
        Runnable hook = () -> KsmStatisticsEvent.commit(1, 100, 900, 50, 7, marker, 250_000, 1200, 2, 5,
                KsmStatisticsEvent.NOT_AVAILABLE, -640, 1000, KsmStatisticsEvent.NOT_AVAILABLE, 900, 3_590_000,
                true, false, 900 * PAGE_BYTES, "143c2757-0f27-4367-854b-e594e74cae67",
                "ksmd not running (run=0)\ntransparent huge pages: 64 MiB");

        assertTrue(KsmStatisticsEvent.registerPeriodic(hook));
        RecordedEvent event;
        try {
            event = await(seen);
        } finally {
            assertTrue(KsmStatisticsEvent.unregisterPeriodic(hook));
        }

        assertEquals(1, event.getInt("run"));
        assertEquals(100, event.getLong("pagesShared"));
        assertEquals(900, event.getLong("pagesSharing"));
        assertEquals(50, event.getLong("pagesUnshared"));
        assertEquals(7, event.getLong("pagesVolatile"));
        assertEquals(250_000, event.getLong("pagesScanned"));
        assertEquals(1200, event.getLong("pagesSkipped"));
        assertEquals(2, event.getLong("stableNodeChains"));
        assertEquals(5, event.getLong("stableNodeDups"));
        assertEquals(-1, event.getLong("ksmZeroPages"));
        assertEquals(-640, event.getLong("generalProfit"), "profit may be negative");
        assertEquals(1000, event.getLong("processRmapItems"));
        assertEquals(900, event.getLong("processMergingPages"));
        assertEquals(-1, event.getLong("processZeroPages"));
        assertEquals(3_590_000, event.getLong("processProfit"));
        assertTrue(event.getBoolean("processMergeAny"));
        assertFalse(event.getBoolean("processMergeable"));
        assertEquals(900 * PAGE_BYTES, event.getLong("bytesSaved"));
        assertEquals("143c2757-0f27-4367-854b-e594e74cae67", event.getString("kernelBootId"));
        assertEquals("ksmd not running (run=0)\ntransparent huge pages: 64 MiB",
                event.getString("notMergingReasons"), "reasons keep their line breaks");
        assertNull(event.getStackTrace());
    }

    private CompletableFuture<RecordedEvent> expect(String eventName, long regionId) {
        return expect(eventName, e -> e.getLong("regionId") == regionId);
    }

    private CompletableFuture<RecordedEvent> expect(String eventName, Predicate<RecordedEvent> matches) {
        CompletableFuture<RecordedEvent> future = new CompletableFuture<>();
        expectations.add(new Expectation(eventName, matches, future));
        return future;
    }

    private void dispatch(RecordedEvent event) {
        for (Expectation expectation : expectations) {
            if (expectation.eventName().equals(event.getEventType().getName()) && expectation.matches().test(event)) {
                expectation.future().complete(event);
                expectations.remove(expectation);
            }
        }
    }

    private static RecordedEvent await(CompletableFuture<RecordedEvent> future) throws Exception {
        return future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }
}
