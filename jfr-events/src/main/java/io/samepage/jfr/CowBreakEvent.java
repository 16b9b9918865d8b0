package io.samepage.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Writes to one region broke the sharing of merged pages during one sampling interval, taking back memory a
 * {@link PageMergeEvent} had saved.
 *
 * <p>The break itself is a page fault in whichever thread wrote; samepage only notices it later, from its
 * sampler, so there is no useful stack trace and the allocation site is a field.
 */
@Name(EventNames.COW_BREAK)
@Label("Copy-on-Write Break")
@Category({Categories.SAMEPAGE, Categories.DEDUPLICATION})
@Description("Writes gave merged pages of a region back their own copies since the previous sample")
@StackTrace(false)
public final class CowBreakEvent extends Event {

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final CowBreakEvent INSTANCE = new CowBreakEvent();

    @Label("Region ID")
    @RegionId
    long regionId;

    @Label("Address")
    @Description("Start of the region")
    @MemoryAddress
    long address;

    @Label("Source")
    @Description("Where the memory came from: allocateDirect, jniDirectBuffer, fileMapPrivate, fileMapShared "
            + "or heap")
    String source;

    @Label("Allocation Site")
    @Description("Top application frame of the allocation, such as com.example.Cache.load(Cache.java:42)")
    String allocationSite;

    @Label("Pages")
    @Description("Merged pages that were unshared by writes in the interval")
    long pages;

    @Label("Bytes")
    @Description("Memory taken back by those pages")
    @DataAmount
    long bytes;

    @Label("Engine")
    @Description("Which deduplicator had merged the pages: kernel or in-process")
    String engine;

    @Label("Region Merged Bytes")
    @Description("Bytes of the region still merged after this interval")
    @DataAmount
    long regionMergedBytes;

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
     * Records the copy-on-write breaks of one region in one sampling interval, if a recording wants them.
     *
     * @param regionId          samepage's ID of the region
     * @param address           start address of the region
     * @param source            one of the {@link RegionSource} values
     * @param allocationSite    top application frame of the allocation
     * @param pages             merged pages unshared in the interval
     * @param bytes             bytes taken back by those pages
     * @param engine            one of the {@link MergeEngine} values
     * @param regionMergedBytes bytes of the region still merged afterwards
     */
    public static void commit(long regionId, long address, String source, String allocationSite, long pages,
            long bytes, String engine, long regionMergedBytes) {
        CowBreakEvent event = new CowBreakEvent();
        if (event.shouldCommit()) {
            event.regionId = regionId;
            event.address = address;
            event.source = source;
            event.allocationSite = allocationSite;
            event.pages = pages;
            event.bytes = bytes;
            event.engine = engine;
            event.regionMergedBytes = regionMergedBytes;
            event.commit();
        }
    }
}
