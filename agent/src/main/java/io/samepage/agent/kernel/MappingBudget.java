package io.samepage.agent.kernel;

import io.samepage.linux.proc.ProcMaps;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps samepage's madvise calls from pushing the process towards {@code vm.max_map_count}.
 *
 * <p>madvise on part of a mapping splits it (at most +2 mappings per call). At the limit every mmap, mprotect
 * and thread start of the JVM fails with ENOMEM, which ends in OutOfMemoryError or a crash, so samepage stops
 * marking far below it. Counting /proc/self/maps costs about 150 us for a small JVM's 200 mappings (measured;
 * the kernel formats every line), so the count is measured every {@value #MEASURE_EVERY} admissions or when the
 * running estimate (which assumes the worst case for every mark, so it only overestimates) reaches the limit; once
 * the budget is exhausted, at most once per {@value #EXHAUSTED_RECOUNT_MILLIS} ms.
 */
final class MappingBudget {

    static final int MEASURE_EVERY = 256;
    static final long EXHAUSTED_RECOUNT_MILLIS = 1_000;
    /** Worst case a single madvise adds: the range splits its mapping into three. */
    static final int MAPPINGS_PER_MARK = 2;

    private final int maxMapCount;
    private final int limit;
    private final double limitPercent;
    private final IntSupplier counter;
    private final LongSupplier clockMillis;
    private int estimate = -1;
    private int sinceCount;
    private long lastRefusalCountMillis = Long.MIN_VALUE / 2;

    /**
     * @param maxMapCount  {@code vm.max_map_count}
     * @param limitPercent the share of it samepage may fill, e.g. 50
     * @param counter      counts the process's mappings now
     */
    MappingBudget(int maxMapCount, double limitPercent, IntSupplier counter, LongSupplier clockMillis) {
        this.maxMapCount = maxMapCount;
        this.limitPercent = limitPercent;
        this.limit = (int) (maxMapCount * limitPercent / 100.0);
        this.counter = counter;
        this.clockMillis = clockMillis;
    }

    static MappingBudget forThisProcess(int maxMapCount, double limitPercent) {
        return new MappingBudget(maxMapCount, limitPercent, ProcMaps::countSelf, System::currentTimeMillis);
    }

    /**
     * @param mappings the most mappings the next operation can add
     * @return whether the operation may go ahead; it is then counted
     */
    synchronized boolean admit(int mappings) {
        if (estimate < 0 || (++sinceCount >= MEASURE_EVERY && estimate + mappings <= limit)) {
            recount();
        }
        if (estimate + mappings > limit) {
            long now = clockMillis.getAsLong();
            if (now - lastRefusalCountMillis < EXHAUSTED_RECOUNT_MILLIS) {
                return false;
            }
            lastRefusalCountMillis = now;
            recount();
            if (estimate + mappings > limit) {
                return false;
            }
        }
        estimate += mappings;
        return true;
    }

    private void recount() {
        estimate = counter.getAsInt();
        sinceCount = 0;
    }

    /** @return whether one more mark would be admitted now, without counting it */
    synchronized boolean admitCheckOnly() {
        return estimate + MAPPINGS_PER_MARK <= limit;
    }

    /** @return the reason for a refused admission, with the figures */
    synchronized String exhaustedReason() {
        return "mapping budget exhausted: " + estimate + " of vm.max_map_count=" + maxMapCount
                + " mappings in use, samepage stops marking at " + limitPercent + "% (" + limit
                + "; option maps.limit)";
    }

    /** @return the last measured or estimated mapping count */
    synchronized int mappingsInUse() {
        return estimate;
    }
}
