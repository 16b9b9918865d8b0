package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.Free;
import io.samepage.jfr.report.Observations.MergeChange;
import io.samepage.jfr.report.Observations.Registration;

/**
 * One region's story in one JVM, told by its events in time order: registered (marked or not, and why), merged
 * and broken interval by interval, perhaps freed.
 *
 * <p>A region registered before the recording started has no registration event; its merge events still name
 * its allocation site, so it counts everywhere except in "bytes marked".
 */
final class RegionHistory {

    private final long id;
    private String site = "(unknown site)";
    private String source = "";
    private long size = -1;
    private Boolean mergeable;
    private String reason = "";
    private boolean freed;
    private long gainedBytes;
    private long brokenBytes;
    private long brokenPages;
    private long mergedNow;
    private long peakMerged;
    private String engine = "";

    RegionHistory(long id) {
        this.id = id;
    }

    void registered(Registration r) {
        site = r.site();
        source = r.source();
        size = r.size();
        mergeable = r.mergeable();
        reason = r.reason();
    }

    void changed(MergeChange c) {
        site = c.site();
        source = c.source();
        engine = c.engine();
        if (c.cowBreak()) {
            brokenBytes += c.bytes();
            brokenPages += c.pages();
        } else {
            gainedBytes += c.bytes();
        }
        mergedNow = c.regionMergedBytes();
        peakMerged = Math.max(peakMerged, mergedNow);
    }

    void freed(Free f) {
        site = f.site();
        source = f.source();
        size = size < 0 ? f.size() : size;
        freed = true;
        mergedNow = 0;
    }

    /** @return samepage's region ID, unique within its JVM */
    long id() {
        return id;
    }

    /** @return the allocation site */
    String site() {
        return site;
    }

    /** @return where the memory came from, such as {@code allocateDirect}; empty if no event said */
    String source() {
        return source;
    }

    /** @return the size in bytes, -1 if neither its registration nor its free was recorded */
    long size() {
        return size;
    }

    /** @return whether its registration was recorded */
    boolean registrationSeen() {
        return mergeable != null;
    }

    /** @return whether it was marked mergeable; {@code false} also when its registration was not recorded */
    boolean marked() {
        return Boolean.TRUE.equals(mergeable);
    }

    /** @return why it was not marked; empty when it was, or when its registration was not recorded */
    String reason() {
        return reason;
    }

    /** @return whether its memory was freed during the recording */
    boolean freed() {
        return freed;
    }

    /** @return bytes newly merged, summed over the intervals */
    long gainedBytes() {
        return gainedBytes;
    }

    /** @return bytes whose merge writes broke, summed over the intervals */
    long brokenBytes() {
        return brokenBytes;
    }

    /** @return pages whose merge writes broke */
    long brokenPages() {
        return brokenPages;
    }

    /** @return bytes merged at the end of the recording (0 once freed) */
    long mergedNow() {
        return mergedNow;
    }

    /** @return the most bytes merged at once */
    long peakMerged() {
        return peakMerged;
    }

    /** @return the engine of its latest merge or break event, {@code kernel} or {@code in-process}; empty if none */
    String engine() {
        return engine;
    }
}
