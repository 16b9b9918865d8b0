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

/**
 * A large off-heap allocation became a samepage region, and was or was not marked mergeable.
 *
 * <p>Off by default, like per-allocation events elsewhere (Netty's buffer events): a recording made with the
 * JDK's settings alone does not pay for it. {@code samepage.jfc} turns it on with a stack trace: only
 * allocations above the agent's MiB-scale size threshold become regions, so these are rare, and a commit with
 * a stack trace costs about 1 µs (java-agent-notes §11.7), small beside allocating and zeroing megabytes.
 */
@Name(EventNames.REGION_REGISTERED)
@Label("Region Registered")
@Category({Categories.SAMEPAGE, Categories.REGIONS})
@Description("A large off-heap allocation was registered with samepage and, unless a reason is given, "
        + "marked mergeable")
@StackTrace(true)
@Enabled(false)
public final class RegionRegisteredEvent extends Event {

    // isEnabled() reads only per-class state, so one shared instance answers for every thread.
    private static final RegionRegisteredEvent INSTANCE = new RegionRegisteredEvent();

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

    @Label("Mergeable")
    @Description("Whether the region was marked MADV_MERGEABLE or handed to the in-process deduplicator")
    boolean mergeable;

    @Label("Reason")
    @Description("Why the region was not made mergeable; empty when it was")
    String reason;

    @Label("Allocation Site")
    @Description("Top application frame of the allocation, such as com.example.Cache.load(Cache.java:42)")
    String allocationSite;

    /**
     * Tells whether any running recording wants this event. Check it before computing costly arguments such
     * as the allocation site; with no recording it is a constant {@code false} to the JIT.
     *
     * @return {@code true} if a {@link #commit commit} now would be recorded
     */
    public static boolean enabled() {
        return INSTANCE.isEnabled();
    }

    /**
     * Records a region registration, if a recording wants it.
     *
     * @param regionId       samepage's ID of the region, shared by all its events
     * @param address        start address of the region
     * @param size           size of the region in bytes
     * @param source         one of the {@link RegionSource} values
     * @param mergeable      whether the region was made mergeable
     * @param reason         why not, or empty when {@code mergeable}
     * @param allocationSite top application frame of the allocation
     */
    public static void commit(long regionId, long address, long size, String source, boolean mergeable,
            String reason, String allocationSite) {
        RegionRegisteredEvent event = new RegionRegisteredEvent();
        if (event.shouldCommit()) {
            event.regionId = regionId;
            event.address = address;
            event.size = size;
            event.source = source;
            event.mergeable = mergeable;
            event.reason = reason;
            event.allocationSite = allocationSite;
            event.commit();
        }
    }
}
