package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One allocation site across every JVM of the report: what its regions had marked, merged, lost to
 * copy-on-write and, per the in-process estimate, could save.
 */
final class SiteTotals {

    private final String site;
    private int regions;
    private long markedBytes;
    private long notMarkedBytes;
    private long mergedNow;
    private long gainedBytes;
    private long brokenBytes;
    private long brokenPages;
    private long savableBytes;

    private SiteTotals(String site) {
        this.site = site;
    }

    /**
     * @param jvms the JVMs
     * @return every site, most bytes marked first (then merged, then savable)
     */
    static List<SiteTotals> of(List<JvmHistory> jvms) {
        Map<String, SiteTotals> bySite = new LinkedHashMap<>();
        for (JvmHistory jvm : jvms) {
            for (RegionHistory r : jvm.regions()) {
                SiteTotals s = bySite.computeIfAbsent(r.site(), SiteTotals::new);
                s.regions++;
                if (r.marked()) {
                    s.markedBytes += r.size();
                } else if (r.registrationSeen()) {
                    s.notMarkedBytes += r.size();
                }
                s.mergedNow += r.mergedNow();
                s.gainedBytes += r.gainedBytes();
                s.brokenBytes += r.brokenBytes();
                s.brokenPages += r.brokenPages();
            }
            for (Estimate e : jvm.lastEstimateBySite().values()) {
                SiteTotals s = bySite.computeIfAbsent(e.site(), SiteTotals::new);
                s.savableBytes += e.savableBytes();
            }
        }
        List<SiteTotals> sites = new ArrayList<>(bySite.values());
        sites.sort(Comparator.comparingLong(SiteTotals::markedBytes).reversed()
                .thenComparing(Comparator.comparingLong(SiteTotals::mergedNow).reversed())
                .thenComparing(Comparator.comparingLong(SiteTotals::savableBytes).reversed())
                .thenComparing(SiteTotals::site));
        return sites;
    }

    /**
     * @param sites every site, in {@link #of} order
     * @param limit how many to take by each measure
     * @return the sites among the top {@code limit} by bytes marked, merged, savable or broken, in {@code sites}
     *         order
     */
    static List<SiteTotals> top(List<SiteTotals> sites, int limit) {
        List<SiteTotals> top = new ArrayList<>();
        for (ToLongFunction<SiteTotals> measure : List.<ToLongFunction<SiteTotals>>of(SiteTotals::markedBytes,
                SiteTotals::mergedNow, SiteTotals::savableBytes, SiteTotals::brokenBytes)) {
            sites.stream().filter(s -> measure.applyAsLong(s) > 0)
                    .sorted(Comparator.comparingLong(measure).reversed()).limit(limit)
                    .filter(s -> !top.contains(s)).forEach(top::add);
        }
        top.sort(Comparator.comparingInt(sites::indexOf));
        return top;
    }

    /** @return the allocation site */
    String site() {
        return site;
    }

    /** @return regions seen at this site */
    int regions() {
        return regions;
    }

    /** @return bytes of regions marked mergeable (registrations recorded) */
    long markedBytes() {
        return markedBytes;
    }

    /** @return bytes of regions registered but not marked */
    long notMarkedBytes() {
        return notMarkedBytes;
    }

    /** @return bytes merged at the end */
    long mergedNow() {
        return mergedNow;
    }

    /** @return bytes newly merged, summed over intervals */
    long gainedBytes() {
        return gainedBytes;
    }

    /** @return bytes whose merge writes broke */
    long brokenBytes() {
        return brokenBytes;
    }

    /** @return pages whose merge writes broke */
    long brokenPages() {
        return brokenPages;
    }

    /** @return bytes the in-process estimate says merging would save at this site */
    long savableBytes() {
        return savableBytes;
    }
}
