package io.samepage.agent.cli;

import io.samepage.agent.jmx.DeduplicatorMXBean;
import io.samepage.agent.jmx.EstimateRow;

import java.util.List;
import java.util.Locale;

/** Formats the engine's estimate as the table {@code estimate <pid>} prints. Pure, so it is unit tested. */
final class EstimateTable {

    private static final double MIB = 1 << 20;
    private static final int SITE_WIDTH = 48;

    private EstimateTable() {
    }

    static String format(long pid, DeduplicatorMXBean engine) {
        StringBuilder out = new StringBuilder();
        long scans = engine.getFullScans();
        out.append(String.format(Locale.ROOT, "samepage estimate for pid %d: mode %s, %d full scans, %d pages"
                + " scanned%n", pid, engine.getMode(), scans, engine.getPagesScanned()));
        int unsettled = engine.getUnsettledRegions();
        if (scans < 2) {
            out.append("(provisional: duplicates are certain only after two full scans)\n");
        } else if (unsettled > 0) {
            out.append(String.format(Locale.ROOT, "(provisional: %d regions not yet scanned twice; their duplicates"
                    + " are certain only after that)%n", unsettled));
        }
        out.append(String.format(Locale.ROOT, "%-7s %7s  %-" + SITE_WIDTH + "s %11s %11s %9s %11s %11s%n",
                "scope", "region", "allocation site", "scanned MiB", "dup MiB", "zero MiB", "unique MiB",
                "volatile MiB"));
        List<EstimateRow> rows = engine.getEstimate();
        for (EstimateRow r : rows) {
            out.append(String.format(Locale.ROOT, "%-7s %7s  %-" + SITE_WIDTH + "s %11.1f %11.1f %9.1f %11.1f %11.1f%n",
                    r.getScope(), r.getRegionId() < 0 ? "-" : Long.toString(r.getRegionId()),
                    shorten(r.getAllocationSite().isEmpty() ? "-" : r.getAllocationSite()),
                    r.getScannedBytes() / MIB, r.getDuplicateBytes() / MIB, r.getZeroBytes() / MIB,
                    r.getUniqueBytes() / MIB, r.getVolatileBytes() / MIB));
        }
        EstimateRow total = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (total != null && "total".equals(total.getScope())) {
            long savable = total.getDuplicateBytes() + total.getZeroBytes();
            out.append(String.format(Locale.ROOT, "merging would save %.1f MiB of %.1f MiB scanned (%.1f%%)%n",
                    savable / MIB, total.getScannedBytes() / MIB,
                    total.getScannedBytes() == 0 ? 0.0 : 100.0 * savable / total.getScannedBytes()));
        }
        return out.toString();
    }

    /** Keeps the end of long sites: the method and line matter more than the package. */
    private static String shorten(String site) {
        return site.length() <= SITE_WIDTH ? site : "…" + site.substring(site.length() - SITE_WIDTH + 1);
    }
}
