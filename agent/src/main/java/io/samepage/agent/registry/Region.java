package io.samepage.agent.registry;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One registered range of memory and what samepage decided about it.
 *
 * <p>Lifetime protocol: code that touches the region's memory (madvise, reads by the engine) holds
 * {@link #enter()} / {@link #exit()} and first checks {@link #live()}; the free hook takes the write side in
 * {@link RegionRegistry#unregister}, so it waits for such work to finish and everything after it sees the region
 * dead. The lock is never held while calling back into Java code that could block on a safepoint.
 */
public final class Region {

    private final long id;
    private final long address;
    private final long length;
    private final RegionSource source;
    private final String allocationSite;
    private final long registeredNanos;
    private final ReentrantReadWriteLock lifetime = new ReentrantReadWriteLock();
    private volatile boolean live = true;
    private volatile String notMergeableReason = "";
    private volatile long markedStart;
    private volatile long markedEnd;
    private volatile long mergedBytes;

    Region(long id, long address, long length, RegionSource source, String allocationSite) {
        this.id = id;
        this.address = address;
        this.length = length;
        this.source = source;
        this.allocationSite = allocationSite;
        this.registeredNanos = System.nanoTime();
    }

    /** @return the registry-wide id, also the {@code regionId} of every JFR event about this region */
    public long id() {
        return id;
    }

    /** @return the first byte */
    public long address() {
        return address;
    }

    /** @return the length in bytes */
    public long length() {
        return length;
    }

    /** @return one past the last byte */
    public long end() {
        return address + length;
    }

    /** @return where the memory came from */
    public RegionSource source() {
        return source;
    }

    /** @return the first application frame that allocated it, e.g. {@code com.example.Cache.load(Cache.java:42)} */
    public String allocationSite() {
        return allocationSite;
    }

    /** @return {@link System#nanoTime()} at registration */
    public long registeredNanos() {
        return registeredNanos;
    }

    /** @return whether the memory still belongs to the application (not yet freed) */
    public boolean live() {
        return live;
    }

    /** @return why the kernel will not merge this region, empty when it may */
    public String notMergeableReason() {
        return notMergeableReason;
    }

    /** @return whether the region was marked {@code MADV_MERGEABLE} (or is covered by process scope) */
    public boolean mergeable() {
        return notMergeableReason.isEmpty();
    }

    /** @param reason why this region will not merge (one clause, e.g. "shared mapping") */
    public void refuse(String reason) {
        this.notMergeableReason = reason;
    }

    /**
     * Records the page-rounded range the kernel path marked.
     *
     * @param start first byte of the first page
     * @param end   one past the last page
     */
    public void marked(long start, long end) {
        this.markedStart = start;
        this.markedEnd = end;
        this.notMergeableReason = "";
    }

    /** @return first byte of the marked range, 0 if unmarked */
    public long markedStart() {
        return markedStart;
    }

    /** @return one past the marked range, 0 if unmarked */
    public long markedEnd() {
        return markedEnd;
    }

    /** @return bytes of this region the kernel reported merged at the last sample */
    public long mergedBytes() {
        return mergedBytes;
    }

    /** @param bytes merged bytes from the latest sample */
    public void mergedBytes(long bytes) {
        this.mergedBytes = bytes;
    }

    /**
     * Starts work on the region's memory.
     *
     * @return {@code false} when the region is already freed; then {@link #exit()} must not be called
     */
    public boolean enter() {
        lifetime.readLock().lock();
        if (!live) {
            lifetime.readLock().unlock();
            return false;
        }
        return true;
    }

    /** Ends work started by a successful {@link #enter()}. */
    public void exit() {
        lifetime.readLock().unlock();
    }

    void kill() {
        lifetime.writeLock().lock();
        try {
            live = false;
        } finally {
            lifetime.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "region " + id + " [0x" + Long.toHexString(address) + ", +" + length + ") " + source.eventName()
                + " from " + allocationSite;
    }
}
