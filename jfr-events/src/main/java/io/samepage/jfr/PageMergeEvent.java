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
 * Pages of one region were merged during one sampling interval.
 *
 * <p>One event per region per interval, never per page: the in-process engine alone merges 17–270 thousand
 * pages a second (linux-platform-notes §7.5). Emitted by samepage's sampler thread, whose stack says nothing
 * about the application, hence no stack trace and the allocation site as a field.
 */
@Name(EventNames.PAGE_MERGE)
@Label("Page Merge")
@Category({Categories.SAMEPAGE, Categories.DEDUPLICATION})
@Description("Pages of a region were merged with identical pages since the previous sample")
@StackTrace(false)
public final class PageMergeEvent extends Event {

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final PageMergeEvent INSTANCE = new PageMergeEvent();

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
    @Description("Pages newly merged in the interval")
    long pages;

    @Label("Bytes Saved")
    @Description("Memory freed by the pages newly merged in the interval")
    @DataAmount
    long bytesSaved;

    @Label("Engine")
    @Description("Which deduplicator merged the pages: kernel or in-process")
    String engine;

    @Label("Region Merged Bytes")
    @Description("Bytes of the region merged in total after this interval")
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
     * Records the merges of one region in one sampling interval, if a recording wants them.
     *
     * @param regionId          samepage's ID of the region
     * @param address           start address of the region
     * @param source            one of the {@link RegionSource} values
     * @param allocationSite    top application frame of the allocation
     * @param pages             pages newly merged in the interval
     * @param bytesSaved        bytes saved by those pages
     * @param engine            one of the {@link MergeEngine} values
     * @param regionMergedBytes bytes of the region merged in total afterwards
     */
    public static void commit(long regionId, long address, String source, String allocationSite, long pages,
            long bytesSaved, String engine, long regionMergedBytes) {
        PageMergeEvent event = new PageMergeEvent();
        if (event.shouldCommit()) {
            event.regionId = regionId;
            event.address = address;
            event.source = source;
            event.allocationSite = allocationSite;
            event.pages = pages;
            event.bytesSaved = bytesSaved;
            event.engine = engine;
            event.regionMergedBytes = regionMergedBytes;
            event.commit();
        }
    }
}
