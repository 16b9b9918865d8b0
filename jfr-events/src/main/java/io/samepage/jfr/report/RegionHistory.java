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

    private String site = "(unknown site)";
    private long size = -1;
    private Boolean mergeable;
    private String reason = "";
    private long gainedBytes;
    private long brokenBytes;
    private long brokenPages;
    private long mergedNow;

    void registered(Registration r) {
        site = r.site();
        size = r.size();
        mergeable = r.mergeable();
        reason = r.reason();
    }

    void changed(MergeChange c) {
        site = c.site();
        if (c.cowBreak()) {
            brokenBytes += c.bytes();
            brokenPages += c.pages();
        } else {
            gainedBytes += c.bytes();
        }
        mergedNow = c.regionMergedBytes();
    }

    void freed(Free f) {
        site = f.site();
        size = size < 0 ? f.size() : size;
        mergedNow = 0;
    }

    /** @return the allocation site */
    String site() {
        return site;
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
}
