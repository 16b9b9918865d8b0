package io.samepage.agent.observe;

import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionRegistry;
import io.samepage.jfr.CowBreakEvent;
import io.samepage.jfr.MergeEngine;
import io.samepage.jfr.PageMergeEvent;
import io.samepage.linux.Page;
import io.samepage.linux.proc.Mapping;

import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the kernel's per-mapping {@code KSM:} bytes into per-region merge and copy-on-write break events.
 *
 * <p>One read of {@code /proc/self/smaps} per interval serves every region, and each region gets at most one
 * event per interval: the net change of its KSM-backed bytes. That keeps recordings small, and it is also the
 * precision of the method: merges and breaks within one interval cancel out, {@code run=2} unmerging looks like
 * breaks, and a region sharing a mapping with other memory gets that mapping's KSM bytes pro rata.
 */
public final class RegionSampler {

    private final RegionRegistry registry;
    private final AgentCounters counters;

    /**
     * @param registry the regions
     * @param counters totals to keep
     */
    public RegionSampler(RegionRegistry registry, AgentCounters counters) {
        this.registry = registry;
        this.counters = counters;
    }

    /**
     * Takes one sample; called by the sampler thread every interval.
     *
     * @param smaps this process's mappings, asked for only when some region is live (the tick shares one read
     *              of {@code /proc/self/smaps} with the heap marker)
     */
    public void sample(Supplier<List<Mapping>> smaps) {
        List<Region> regions = registry.live();
        if (regions.isEmpty()) {
            counters.mergedNow(0);
            return;
        }
        List<Mapping> maps = smaps.get();
        long total = 0;
        long thp = 0;
        long hugetlb = 0;
        for (Region r : regions) {
            if (!r.mergeable() || !r.live()) {
                continue;
            }
            thp += hugePageBytes(maps, r.markedStart(), r.markedEnd(), false);
            hugetlb += hugePageBytes(maps, r.markedStart(), r.markedEnd(), true);
            long merged = ksmBytes(maps, r.markedStart(), r.markedEnd());
            long delta = merged - r.mergedBytes();
            r.mergedBytes(merged);
            total += merged;
            String source = r.source().eventName();
            if (delta > 0) {
                counters.merged(delta);
                PageMergeEvent.commit(r.id(), r.address(), source, r.allocationSite(), delta / Page.BYTES, delta,
                        MergeEngine.KERNEL, merged);
            } else if (delta < 0 && r.live()) {
                counters.cowBroken(-delta / Page.BYTES, -delta);
                CowBreakEvent.commit(r.id(), r.address(), source, r.allocationSite(), -delta / Page.BYTES, -delta,
                        MergeEngine.KERNEL, merged);
            }
        }
        counters.mergedNow(total);
        counters.hugePagesNow(thp, hugetlb);
    }

    /**
     * @param hugetlb {@code true}: bytes of hugetlbfs mappings ({@code ht}), which KSM never merges;
     *                {@code false}: transparent huge pages, which KSM splits only when a 4 KiB page in one merges
     */
    static long hugePageBytes(List<Mapping> maps, long start, long end, boolean hugetlb) {
        long bytes = 0;
        for (int i = firstEndingAfter(maps, start); i < maps.size() && maps.get(i).start() < end; i++) {
            Mapping m = maps.get(i);
            long overlap = Math.min(end, m.end()) - Math.max(start, m.start());
            if (hugetlb) {
                bytes += m.vmFlags().contains("ht") ? overlap : 0;
            } else if (m.anonHugePagesBytes() > 0) {
                bytes += overlap >= m.size() ? m.anonHugePagesBytes()
                        : (long) ((double) m.anonHugePagesBytes() * overlap / m.size());
            }
        }
        return bytes;
    }

    private static int firstEndingAfter(List<Mapping> maps, long start) {
        int lo = 0;
        int hi = maps.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maps.get(mid).end() <= start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param maps  mappings ordered by address
     * @param start first byte
     * @param end   one past the last byte
     * @return KSM-backed bytes in the range, pro rata for mappings that extend beyond it, page-rounded
     */
    static long ksmBytes(List<Mapping> maps, long start, long end) {
        long bytes = 0;
        for (int i = firstEndingAfter(maps, start); i < maps.size() && maps.get(i).start() < end; i++) {
            Mapping m = maps.get(i);
            long ksm = m.ksmBytes();
            if (ksm == 0) {
                continue;
            }
            long overlap = Math.min(end, m.end()) - Math.max(start, m.start());
            bytes += overlap >= m.size() ? ksm : (long) ((double) ksm * overlap / m.size());
        }
        return bytes / Page.BYTES * Page.BYTES;
    }
}
