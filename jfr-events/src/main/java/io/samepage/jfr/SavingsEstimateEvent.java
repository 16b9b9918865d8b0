package io.samepage.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * What deduplication could save, measured by reading pages without merging them: per region, per allocation
 * site, or in total.
 *
 * <p>The byte counts partition what was scanned: {@code scannedBytes = duplicateBytes + zeroBytes +
 * uniqueBytes + volatileBytes}. Emitted by samepage's estimator thread, hence no stack trace.
 */
@Name(EventNames.SAVINGS_ESTIMATE)
@Label("Savings Estimate")
@Category({Categories.SAMEPAGE, Categories.ESTIMATE})
@Description("Memory deduplication could save in a region, an allocation site or in total, measured without "
        + "merging")
@StackTrace(false)
public final class SavingsEstimateEvent extends Event {

    /** {@code scope} of an estimate for one region, named by {@code regionId}. */
    public static final String SCOPE_REGION = "region";

    /** {@code scope} of an estimate over all regions allocated at one {@code allocationSite}. */
    public static final String SCOPE_SITE = "site";

    /** {@code scope} of an estimate over every registered region. */
    public static final String SCOPE_TOTAL = "total";

    /** {@code regionId} of an estimate whose scope is not a single region. */
    public static final long NO_REGION = -1;

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final SavingsEstimateEvent INSTANCE = new SavingsEstimateEvent();

    @Label("Scope")
    @Description("What the estimate covers: region, site or total")
    String scope;

    @Label("Region ID")
    @Description("The region estimated, or -1 unless the scope is region")
    @RegionId
    long regionId;

    @Label("Allocation Site")
    @Description("Top application frame of the allocation for region and site scopes; empty for total")
    String allocationSite;

    @Label("Scanned Bytes")
    @Description("Memory read to make the estimate")
    @DataAmount
    long scannedBytes;

    @Label("Duplicate Bytes")
    @Description("Non-zero pages repeating another scanned page, counting every copy but the first")
    @DataAmount
    long duplicateBytes;

    @Label("Zero Bytes")
    @Description("Pages holding only zeros")
    @DataAmount
    long zeroBytes;

    @Label("Unique Bytes")
    @Description("One page per distinct non-zero content: what merging must keep")
    @DataAmount
    long uniqueBytes;

    @Label("Volatile Bytes")
    @Description("Pages that changed between two reads: merging them would not last")
    @DataAmount
    long volatileBytes;

    @Label("Savable Bytes")
    @Description("Memory that merging would give back")
    @DataAmount
    long savableBytes;

    /**
     * Tells whether any running recording wants this event; with no recording it is a constant
     * {@code false} to the JIT.
     *
     * @return {@code true} if a {@link #commit commit} now would be recorded
     */
    public static boolean enabled() {
        return INSTANCE.isEnabled();
    }

    /**
     * Records one savings estimate, if a recording wants it.
     *
     * @param scope          {@link #SCOPE_REGION}, {@link #SCOPE_SITE} or {@link #SCOPE_TOTAL}
     * @param regionId       the region for {@link #SCOPE_REGION}, otherwise {@link #NO_REGION}
     * @param allocationSite the site for region and site scopes, otherwise empty
     * @param scannedBytes   memory read
     * @param duplicateBytes non-zero pages repeating another, every copy but the first
     * @param zeroBytes      all-zero pages
     * @param uniqueBytes    one page per distinct non-zero content
     * @param volatileBytes  pages that changed between two reads
     * @param savableBytes   memory merging would give back
     */
    public static void commit(String scope, long regionId, String allocationSite, long scannedBytes,
            long duplicateBytes, long zeroBytes, long uniqueBytes, long volatileBytes, long savableBytes) {
        SavingsEstimateEvent event = new SavingsEstimateEvent();
        if (event.shouldCommit()) {
            event.scope = scope;
            event.regionId = regionId;
            event.allocationSite = allocationSite;
            event.scannedBytes = scannedBytes;
            event.duplicateBytes = duplicateBytes;
            event.zeroBytes = zeroBytes;
            event.uniqueBytes = uniqueBytes;
            event.volatileBytes = volatileBytes;
            event.savableBytes = savableBytes;
            event.commit();
        }
    }
}
