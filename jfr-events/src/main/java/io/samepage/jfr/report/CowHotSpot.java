package io.samepage.jfr.report;

import java.util.List;

/**
 * An allocation site whose copy-on-write breaks eat what merging saved it: writes keep giving merged pages back
 * their own copies, so the memory costs ksmd's scanning and the page faults, and saves little.
 *
 * @param site          the site's totals
 * @param brokenShare   bytes broken per byte merged (1.0: every merge broken again)
 * @param brokenPerMinute bytes broken per minute of recording
 * @param option        the agent option that stops samepage marking this memory
 */
record CowHotSpot(SiteTotals site, double brokenShare, double brokenPerMinute, String option) {

    /** A site is a hot spot when breaks take back at least this share of what it merged... */
    static final double MIN_BROKEN_SHARE = 0.5;

    /** ...and at least this much: fewer breaks are noise beside a MiB-scale region. */
    static final long MIN_BROKEN_BYTES = 1L << 20;

    /** The site name the agent gives the Java heap's region under {@code heap=on}. */
    static final String HEAP_SITE = "(java heap)";

    /**
     * @param sites   every site
     * @param minutes how long the recordings lasted, for the rate
     * @return the hot spots, most bytes broken first
     */
    static List<CowHotSpot> of(List<SiteTotals> sites, double minutes) {
        return sites.stream()
                .filter(s -> s.brokenBytes() >= MIN_BROKEN_BYTES
                        && s.brokenBytes() >= MIN_BROKEN_SHARE * s.gainedBytes())
                .sorted((a, b) -> Long.compare(b.brokenBytes(), a.brokenBytes()))
                .map(s -> new CowHotSpot(s, s.gainedBytes() == 0 ? Double.POSITIVE_INFINITY
                        : (double) s.brokenBytes() / s.gainedBytes(),
                        minutes > 0 ? s.brokenBytes() / minutes : 0, option(s.site())))
                .toList();
    }

    /** @return {@code heap=off} for the heap; otherwise {@code exclude=<site>}, which matches that line alone */
    static String option(String site) {
        return HEAP_SITE.equals(site) ? "heap=off" : "exclude=" + site;
    }

    /** @return the site's method, {@code com.example.Cache.load}, for an exclusion of every line of it */
    String method() {
        String name = site.site();
        int paren = name.indexOf('(');
        return paren < 0 ? name : name.substring(0, paren);
    }
}
