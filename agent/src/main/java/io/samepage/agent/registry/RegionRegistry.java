package io.samepage.agent.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every live region, ordered by address.
 *
 * <p>Thread-safe: allocating threads register, Cleaner threads unregister, the sampler and the engine read
 * snapshots. A new region at an address still held by an older one replaces it: that happens only when foreign
 * memory (JNI buffers, whose free samepage cannot see) was reused, and the older entry is then provably dead.
 */
public final class RegionRegistry {

    private final ConcurrentSkipListMap<Long, Region> byAddress = new ConcurrentSkipListMap<>();
    private final List<RegionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong registeredBytes = new AtomicLong();

    /** @param listener told about every later registration and free */
    public void addListener(RegionListener listener) {
        listeners.add(listener);
    }

    /**
     * Creates a region; the caller marks it, then calls {@link #publish}.
     *
     * @param address        first byte
     * @param length         bytes
     * @param source         where the memory came from
     * @param allocationSite the first application frame
     * @return the new, not yet visible region
     */
    public Region create(long address, long length, RegionSource source, String allocationSite) {
        return new Region(ids.incrementAndGet(), address, length, source, allocationSite);
    }

    /**
     * Makes a region visible to readers and tells the listeners.
     *
     * @param region from {@link #create}
     */
    public void publish(Region region) {
        Region previous = byAddress.put(region.address(), region);
        if (previous != null) {
            retire(previous);
        }
        registeredBytes.addAndGet(region.length());
        for (RegionListener l : listeners) {
            l.registered(region);
        }
    }

    /**
     * Removes the region that lies inside {@code [base, base + size)}, waiting for in-flight work on it.
     *
     * @param base first byte of the range about to be freed
     * @param size its length
     * @return the removed region, if one was registered there
     */
    public Optional<Region> unregister(long base, long size) {
        Map.Entry<Long, Region> e = byAddress.ceilingEntry(base);
        if (e == null || e.getKey() >= base + Math.max(size, 1)) {
            return Optional.empty();
        }
        Region region = e.getValue();
        if (!byAddress.remove(e.getKey(), region)) {
            return Optional.empty();
        }
        retire(region);
        return Optional.of(region);
    }

    /**
     * Removes a region found by other means (a JNI buffer collected by the GC).
     *
     * @param region the region
     * @return whether it was still registered
     */
    public boolean unregister(Region region) {
        if (!byAddress.remove(region.address(), region)) {
            return false;
        }
        retire(region);
        return true;
    }

    private void retire(Region region) {
        region.kill();
        registeredBytes.addAndGet(-region.length());
        for (RegionListener l : listeners) {
            l.freed(region);
        }
    }

    /** @return the live regions, ordered by address; a snapshot that may include regions freed since */
    public List<Region> live() {
        return new ArrayList<>(byAddress.values());
    }

    /** @return the number of live regions */
    public int size() {
        return byAddress.size();
    }

    /** @return bytes in live regions */
    public long registeredBytes() {
        return registeredBytes.get();
    }

    /** @param address any byte @return the live region holding it */
    public Optional<Region> find(long address) {
        Map.Entry<Long, Region> e = byAddress.floorEntry(address);
        return e != null && address < e.getValue().end() ? Optional.of(e.getValue()) : Optional.empty();
    }
}
