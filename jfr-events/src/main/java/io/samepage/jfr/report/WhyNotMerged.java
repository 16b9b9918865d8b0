package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Estimate;
import io.samepage.jfr.report.Observations.KsmSample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every reason the recordings give for memory that did not merge, one line each, most specific first: regions
 * never marked (by reason), what each JVM said stands in the way (ksmd stopped, huge pages, mapping budget), the
 * kernel's own counts of unique, volatile and skipped pages, and the in-process estimate's unique and volatile
 * bytes.
 */
final class WhyNotMerged {

    private WhyNotMerged() {
    }

    /**
     * @param jvms    the JVMs
     * @param kernels their kernels
     * @return the reasons, one line each; empty when nothing stood in the way
     */
    static List<String> of(List<JvmHistory> jvms, List<KernelHistory> kernels) {
        List<String> lines = new ArrayList<>();
        markedButNotMerged(jvms, lines);
        notMarked(jvms, lines);
        reportedByJvms(jvms, lines);
        for (KernelHistory k : kernels) {
            kernel(k, lines);
        }
        estimated(jvms, lines);
        return lines;
    }

    private static void markedButNotMerged(List<JvmHistory> jvms, List<String> lines) {
        long marked = 0;
        long merged = 0;
        for (JvmHistory jvm : jvms) {
            for (RegionHistory r : jvm.regions()) {
                if (r.marked()) {
                    marked += r.size();
                    merged += r.mergedNow();
                }
            }
        }
        if (marked > merged) {
            lines.add("marked but not merged at the end: " + Units.mib(marked - merged) + " of "
                    + Units.mib(marked) + " marked (the lines below say why)");
        }
    }

    private static void notMarked(List<JvmHistory> jvms, List<String> lines) {
        Map<String, long[]> byCategory = new TreeMap<>();
        Map<String, String> example = new TreeMap<>();
        for (JvmHistory jvm : jvms) {
            for (RegionHistory r : jvm.regions()) {
                if (r.registrationSeen() && !r.marked()) {
                    String category = category(r.reason());
                    long[] totals = byCategory.computeIfAbsent(category, k -> new long[2]);
                    totals[0]++;
                    totals[1] += Math.max(0, r.size());
                    example.putIfAbsent(category, r.reason());
                }
            }
        }
        byCategory.forEach((category, totals) -> lines.add(String.format(Locale.ROOT,
                "not marked, %s: %s in %d regions (%s)", category, Units.mib(totals[1]), totals[0],
                example.get(category))));
    }

    /** The clause before the first colon, as the agent groups reasons: "shared mapping", "excluded". */
    static String category(String reason) {
        if (reason.isEmpty()) {
            return "no reason given";
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static void reportedByJvms(List<JvmHistory> jvms, List<String> lines) {
        Map<String, int[]> seen = new LinkedHashMap<>();
        for (JvmHistory jvm : jvms) {
            List<String> atEnd = jvm.lastKsm().map(s -> reasons(s)).orElse(List.of());
            java.util.Set<String> any = new java.util.LinkedHashSet<>();
            jvm.ksm().forEach(s -> any.addAll(reasons(s)));
            for (String reason : any) {
                int[] counts = seen.computeIfAbsent(reason, k -> new int[2]);
                counts[0]++;
                counts[1] += atEnd.contains(reason) ? 1 : 0;
            }
        }
        seen.forEach((reason, counts) -> lines.add(String.format(Locale.ROOT, "%s (%d of %d JVMs%s)", reason,
                counts[0], jvms.size(), counts[1] == counts[0] ? ", at the end" : ", cleared before the end in "
                        + (counts[0] - counts[1]))));
    }

    private static List<String> reasons(KsmSample s) {
        return s.notMergingReasons().isEmpty() ? List.of() : List.of(s.notMergingReasons().split("\n"));
    }

    private static void kernel(KernelHistory k, List<String> lines) {
        KsmSample s = k.last();
        String on = "kernel " + k.label() + ": ";
        if (!k.hasKsm()) {
            lines.add(on + "no KSM counters (kernel without CONFIG_KSM, or /sys/kernel/mm/ksm unreadable)");
            return;
        }
        if (s.run() != 1) {
            lines.add(on + "ksmd " + (s.run() == 0 ? "stopped" : "stopped and unmerged everything") + " (run="
                    + s.run() + ") at the end: nothing merges until root writes 1 to /sys/kernel/mm/ksm/run");
        }
        long page = s.pageBytes();
        if (s.pagesUnshared() > 0) {
            lines.add(on + Units.mib(s.pagesUnshared() * page) + " unique (pages_unshared " + s.pagesUnshared()
                    + "): checked, no identical page found");
        }
        if (s.pagesVolatile() > 0) {
            lines.add(on + Units.mib(s.pagesVolatile() * page) + " in neither of KSM's trees at its last pass"
                    + " (pages_volatile " + s.pagesVolatile() + "): changing between passes, or skipped by"
                    + " smart_scan");
        }
        if (s.pagesSkipped() > 0) {
            lines.add(on + "smart_scan skipped pages " + s.pagesSkipped() + " times (pages_skipped): pages that"
                    + " failed to merge on earlier passes, usually because their content is unique");
        }
    }

    private static void estimated(List<JvmHistory> jvms, List<String> lines) {
        long unique = 0;
        long volatileBytes = 0;
        boolean any = false;
        for (JvmHistory jvm : jvms) {
            Estimate total = jvm.lastEstimateTotal().orElse(null);
            if (total != null) {
                any = true;
                unique += total.uniqueBytes();
                volatileBytes += total.volatileBytes();
            }
        }
        if (any && unique + volatileBytes > 0) {
            lines.add("in-process estimate: " + Units.mib(unique) + " unique (no identical page within its JVM), "
                    + Units.mib(volatileBytes) + " volatile (changed between two reads)");
        }
    }
}
