package io.samepage.agent.observe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Running totals for the MXBean and the demo; updated by the listeners and the sampler. */
public final class AgentCounters {

    private final LongAdder regionsRegistered = new LongAdder();
    private final LongAdder regionsFreed = new LongAdder();
    private final AtomicLong markedBytes = new AtomicLong();
    private final AtomicLong mergedBytes = new AtomicLong();
    private final LongAdder mergedBytesTotal = new LongAdder();
    private final LongAdder cowBreakPages = new LongAdder();
    private final LongAdder cowBreakBytes = new LongAdder();
    private final Map<String, AtomicLong> refusedBytes = new ConcurrentHashMap<>();

    void registered(long markedLength, String refusedReason, long length) {
        regionsRegistered.increment();
        if (refusedReason.isEmpty()) {
            markedBytes.addAndGet(markedLength);
        } else {
            refusedBytes.computeIfAbsent(category(refusedReason), k -> new AtomicLong()).addAndGet(length);
        }
    }

    void freed(long markedLength, String refusedReason, long length) {
        regionsFreed.increment();
        if (refusedReason.isEmpty()) {
            markedBytes.addAndGet(-markedLength);
        } else {
            refusedBytes.computeIfAbsent(category(refusedReason), k -> new AtomicLong()).addAndGet(-length);
        }
    }

    void merged(long bytes) {
        mergedBytesTotal.add(bytes);
    }

    void cowBroken(long pages, long bytes) {
        cowBreakPages.add(pages);
        cowBreakBytes.add(bytes);
    }

    void mergedNow(long bytes) {
        mergedBytes.set(bytes);
    }

    /** The clause before the first colon: "shared mapping", "mapping budget exhausted", "madvise failed". */
    static String category(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** @return regions registered since start */
    public long regionsRegistered() {
        return regionsRegistered.sum();
    }

    /** @return regions freed since start */
    public long regionsFreed() {
        return regionsFreed.sum();
    }

    /** @return bytes of live regions marked mergeable */
    public long markedBytes() {
        return markedBytes.get();
    }

    /** @return bytes of live regions the kernel had merged at the last sample */
    public long mergedBytes() {
        return mergedBytes.get();
    }

    /** @return bytes newly merged since start, summed over sample intervals */
    public long mergedBytesTotal() {
        return mergedBytesTotal.sum();
    }

    /** @return merged pages seen unshared again while their region lived */
    public long cowBreakPages() {
        return cowBreakPages.sum();
    }

    /** @return bytes of those pages */
    public long cowBreakBytes() {
        return cowBreakBytes.sum();
    }

    /** @return live bytes that will not merge, by reason */
    public Map<String, Long> refusedBytesByReason() {
        Map<String, Long> out = new TreeMap<>();
        refusedBytes.forEach((k, v) -> {
            if (v.get() != 0) {
                out.put(k, v.get());
            }
        });
        return out;
    }
}
