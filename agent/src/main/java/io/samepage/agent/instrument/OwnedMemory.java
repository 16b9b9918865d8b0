package io.samepage.agent.instrument;

import io.samepage.agent.log.Log;
import io.samepage.linux.Page;
import io.samepage.linux.syscall.Mman;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory of large direct buffers, mapped and unmapped by samepage instead of the JDK's malloc.
 *
 * <p>Why own it (linux-platform-notes.md §14, direct-buffer-ownership.md): malloc puts a large buffer either in
 * its own mapping 16 bytes into a page, or, once glibc's dynamic mmap threshold has risen (after the first large
 * free; on JDK 25 already at start-up), into an arena at an arbitrary page offset. Two JVMs holding byte-identical
 * buffers then hold no identical pages, and KSM merges nothing. An owned buffer is page-aligned in a mapping of its
 * own: identical data means identical pages, marking it splits no other mapping, and it never returns to an
 * allocator that assumes plain anonymous memory. {@code Bits} accounting and {@code -XX:MaxDirectMemorySize} are
 * untouched: the JDK still reserves and unreserves every byte.
 *
 * <p>Fresh mappings cost page faults for the JDK's zeroing, and munmap about 130 us per 2 MiB; an application
 * that churns large buffers would pay that on every cycle, where glibc reuses warm memory. So released mappings
 * are kept for reuse, like glibc does: sizes are rounded up to {@value #SIZE_CLASS_BYTES} byte classes, at most
 * {@value #CACHE_LIMIT_BYTES} bytes are kept, the tail a smaller reuse does not cover is dropped with
 * MADV_DONTNEED (so it holds no stale resident memory), and {@link #trimIfIdle()} (every sample) unmaps the cache
 * when nothing was reused since the previous call.
 *
 * <p>{@link #map} and {@link #release} run inside the JDK's allocation and Cleaner paths: they never throw.
 */
public final class OwnedMemory {

    static final long SIZE_CLASS_BYTES = 1L << 20;
    static final long CACHE_LIMIT_BYTES = 64L << 20;

    /** Live owned mappings: address to {length, bytes the current buffer uses}. */
    private final ConcurrentHashMap<Long, long[]> live = new ConcurrentHashMap<>();
    /** Released mappings kept for reuse, by length: each entry {address, bytes its last buffer used}. */
    private final ConcurrentHashMap<Long, ConcurrentLinkedDeque<long[]>> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final AtomicLong ownedBytes = new AtomicLong();
    private final AtomicLong reuses = new AtomicLong();
    private long reusesAtLastTrim;
    private final AtomicBoolean failureReported = new AtomicBoolean();

    /**
     * @param bytes the size the JDK asked for
     * @return the address of page-aligned memory (zeroed, or about to be zeroed by the JDK), or 0 to let the JDK
     *         malloc it
     */
    public long map(long bytes) {
        long length = (bytes + SIZE_CLASS_BYTES - 1) / SIZE_CLASS_BYTES * SIZE_CLASS_BYTES;
        try {
            long[] reused = takeCached(length);
            long address;
            if (reused != null) {
                address = reused[0];
                long usedEnd = Page.alignUp(bytes);
                long oldEnd = Page.alignUp(reused[1]);
                if (oldEnd > usedEnd) {
                    Mman.madvise(address + usedEnd, oldEnd - usedEnd, Mman.MADV_DONTNEED);
                }
                reuses.incrementAndGet();
            } else {
                address = Mman.mapAnonymous(length);
            }
            live.put(address, new long[] {length, bytes});
            ownedBytes.addAndGet(length);
            return address;
        } catch (RuntimeException | LinkageError e) {
            if (failureReported.compareAndSet(false, true)) {
                Log.problem("owning direct buffer memory failed, falling back to malloc: " + e.getMessage());
            }
            return 0;
        }
    }

    /**
     * @param address an address the JDK is freeing
     * @return {@code true} when it was owned (and is now cached or unmapped); {@code false} for malloc'd memory
     */
    public boolean release(long address) {
        if (live.isEmpty()) {
            return false;
        }
        long[] mapping = live.remove(address);
        if (mapping == null) {
            return false;
        }
        long length = mapping[0];
        ownedBytes.addAndGet(-length);
        if (cachedBytes.addAndGet(length) <= CACHE_LIMIT_BYTES) {
            cache.computeIfAbsent(length, k -> new ConcurrentLinkedDeque<>()).push(new long[] {address, mapping[1]});
        } else {
            cachedBytes.addAndGet(-length);
            unmap(address, length);
        }
        return true;
    }

    /** Unmaps every cached mapping if none was reused since the previous call; run by the sampler. */
    public void trimIfIdle() {
        long now = reuses.get();
        if (now != reusesAtLastTrim) {
            reusesAtLastTrim = now;
            return;
        }
        cache.forEach((length, deque) -> {
            long[] entry;
            while ((entry = deque.poll()) != null) {
                cachedBytes.addAndGet(-length);
                unmap(entry[0], length);
            }
        });
    }

    /** @return bytes of mappings backing live direct buffers */
    public long ownedBytes() {
        return ownedBytes.get();
    }

    /** @return bytes of released mappings kept for reuse */
    public long cachedBytes() {
        return cachedBytes.get();
    }

    private long[] takeCached(long length) {
        ConcurrentLinkedDeque<long[]> deque = cache.get(length);
        long[] entry = deque == null ? null : deque.poll();
        if (entry != null) {
            cachedBytes.addAndGet(-length);
        }
        return entry;
    }

    private static void unmap(long address, long length) {
        try {
            Mman.munmap(address, length);
        } catch (RuntimeException | LinkageError e) {
            // Leaking the range is the only safe outcome: it must never reach free().
            Log.problem("munmap of an owned direct buffer failed, " + length + " bytes leaked: " + e.getMessage());
        }
    }
}
