package io.samepage.agent.observe;

import java.util.ArrayList;
import java.util.List;
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
    private final AtomicLong transparentHugePageBytes = new AtomicLong();
    private final AtomicLong hugetlbBytes = new AtomicLong();

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

    void hugePagesNow(long transparent, long hugetlb) {
        transparentHugePageBytes.set(transparent);
        hugetlbBytes.set(hugetlb);
    }

    /** @return bytes of marked regions backed by transparent huge pages at the last sample */
    public long transparentHugePageBytes() {
        return transparentHugePageBytes.get();
    }

    /** @return bytes of marked regions in hugetlbfs mappings at the last sample */
    public long hugetlbBytes() {
        return hugetlbBytes.get();
    }

    /** @return the huge-page clauses of "why memory will not merge", empty when none apply */
    public List<String> hugePageReasons() {
        List<String> reasons = new ArrayList<>();
        if (hugetlbBytes.get() > 0) {
            reasons.add("huge pages: " + (hugetlbBytes.get() >> 20) + " MiB of marked regions are hugetlbfs"
                    + " mappings, which KSM never merges");
        }
        if (transparentHugePageBytes.get() > 0) {
            reasons.add("transparent huge pages: " + (transparentHugePageBytes.get() >> 20) + " MiB of marked"
                    + " regions; KSM splits a huge page only when one of its 4 KiB pages merges (merging costs"
                    + " those ranges their huge-page TLB benefit)");
        }
        return reasons;
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
