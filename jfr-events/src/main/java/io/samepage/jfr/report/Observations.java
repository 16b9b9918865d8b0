package io.samepage.jfr.report;

import java.time.Duration;
import java.time.Instant;

/**
 * What the report keeps of each event it reads: small values instead of {@code RecordedEvent}s, which hold on to
 * their chunk's constant pools. Being records, equal observations are equal values, which is how a JVM's
 * overlapping recordings (two dumps of one running recording) are counted once.
 */
final class Observations {

    private Observations() {
    }

    /** {@code io.samepage.RegionRegistered}. */
    record Registration(Instant time, long regionId, long size, String source, boolean mergeable, String reason,
            String site) {
    }

    /** {@code io.samepage.RegionFreed}. */
    record Free(Instant time, long regionId, long size, String source, String site, long mergedBytesAtFree) {
    }

    /**
     * {@code io.samepage.PageMerge} or {@code io.samepage.CowBreak}: a region's merged bytes went up or down by
     * {@code bytes} in one sampling interval.
     */
    record MergeChange(Instant time, long regionId, String source, String site, String engine, boolean cowBreak,
            long pages, long bytes, long regionMergedBytes) {
    }

    /** {@code io.samepage.KsmStatistics}: system-wide counters of one kernel, and this process's. */
    record KsmSample(Instant time, String bootId, int run, long pagesShared, long pagesSharing, long pagesUnshared,
            long pagesVolatile, long fullScans, long pagesSkipped, long generalProfit, long bytesSaved,
            long processMergingPages, long processProfit, String notMergingReasons) {

        /** @return the page size the agent multiplied by, 4096 when no page was shared to tell */
        long pageBytes() {
            return pagesSharing > 0 && bytesSaved > 0 ? bytesSaved / pagesSharing : 4096;
        }
    }

    /** {@code io.samepage.DedupScan}: one pass of the in-process engine. */
    record Scan(Instant time, long pagesScanned, long pagesVolatile, long pagesShared, long pagesSharing,
            long fullScans, String mode) {
    }

    /** {@code io.samepage.SavingsEstimate}: one row of the engine's estimate. */
    record Estimate(Instant time, String scope, long regionId, String site, long scannedBytes, long duplicateBytes,
            long zeroBytes, long uniqueBytes, long volatileBytes, long savableBytes) {
    }

    /** {@code jdk.DirectBufferStatistics}. */
    record DirectBuffers(Instant time, long count, long memoryUsed) {
    }

    /** {@code jdk.ResidentSetSize} (JDK 21+). */
    record ResidentSet(Instant time, long bytes) {
    }

    /** {@code jdk.GarbageCollection}. */
    record Collection(long gcId, Instant time, Duration sumOfPauses, Duration longestPause) {
    }

    /** {@code jdk.CPULoad}: shares of all CPUs, 0 to 1. */
    record CpuLoad(Instant time, double jvm, double machine) {
    }
}
