package io.samepage.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A region's memory was released, closing the story its {@link RegionRegisteredEvent} opened.
 *
 * <p>Frees usually run on the {@code Cleaner} thread long after the allocating code returned, so the
 * allocation site is repeated here rather than left to the stack trace. Off by default, as its registration
 * counterpart; {@code samepage.jfc} turns it on.
 */
@Name(EventNames.REGION_FREED)
@Label("Region Freed")
@Category({Categories.SAMEPAGE, Categories.REGIONS})
@Description("The memory of a samepage region was released")
@StackTrace(true)
@Enabled(false)
public final class RegionFreedEvent extends Event {

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final RegionFreedEvent INSTANCE = new RegionFreedEvent();

    @Label("Region ID")
    @RegionId
    long regionId;

    @Label("Address")
    @Description("Start of the region")
    @MemoryAddress
    long address;

    @Label("Size")
    @DataAmount
    long size;

    @Label("Source")
    @Description("Where the memory came from: allocateDirect, jniDirectBuffer, fileMapPrivate, fileMapShared "
            + "or heap")
    String source;

    @Label("Allocation Site")
    @Description("Top application frame of the allocation, such as com.example.Cache.load(Cache.java:42)")
    String allocationSite;

    @Label("Lifetime")
    @Description("Time from registration to free")
    @Timespan(Timespan.NANOSECONDS)
    long lifetime;

    @Label("Merged Bytes at Free")
    @Description("Bytes of the region that were sharing a page with another when it was freed")
    @DataAmount
    long mergedBytesAtFree;

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
     * Records a region being freed, if a recording wants it.
     *
     * @param regionId          samepage's ID of the region
     * @param address           start address of the region
     * @param size              size of the region in bytes
     * @param source            one of the {@link RegionSource} values
     * @param allocationSite    top application frame of the allocation
     * @param lifetimeNanos     time from registration to free, in nanoseconds
     * @param mergedBytesAtFree bytes of the region that were merged when it was freed
     */
    public static void commit(long regionId, long address, long size, String source, String allocationSite,
            long lifetimeNanos, long mergedBytesAtFree) {
        RegionFreedEvent event = new RegionFreedEvent();
        if (event.shouldCommit()) {
            event.regionId = regionId;
            event.address = address;
            event.size = size;
            event.source = source;
            event.allocationSite = allocationSite;
            event.lifetime = lifetimeNanos;
            event.mergedBytesAtFree = mergedBytesAtFree;
            event.commit();
        }
    }
}
