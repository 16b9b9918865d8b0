package io.samepage.boot;

import java.lang.invoke.MethodHandle;

/**
 * Static entry points for advice inlined into JDK classes; injected into {@code java.base} as
 * {@code java.nio.SamepageHooks} (see the package comment).
 *
 * <p>Modelled on the JDK's {@code jdk.internal.event} mirror classes: a final class with static methods, JDK
 * types in every signature, forwarding to the agent through method handles the agent sets with {@link #arm}.
 * Until then, and below the size threshold, each method returns after a field read and a compare. Every method
 * catches everything: an agent bug must never break an application's allocation or free (a throwing Cleaner
 * thunk even makes the JDK call {@code System.exit(1)}).
 */
public final class SamepageHooks {

    /** Allocations below this many bytes are ignored; {@code Long.MAX_VALUE} until armed. */
    private static volatile long thresholdBytes = Long.MAX_VALUE;
    /** {@code (Object buffer, long address, long capacity, boolean jni) void}. */
    private static volatile MethodHandle allocated;
    /** {@code (long base, long size) void}. */
    private static volatile MethodHandle freeing;
    /** {@code (Object unmapper, Object mode) void}. */
    private static volatile MethodHandle mapped;
    /** {@code (long address) void}. */
    private static volatile MethodHandle unmapping;
    /** {@code (long bytes) long}: maps agent-owned memory, 0 to let the JDK malloc instead. */
    private static volatile MethodHandle ownedMap;
    /** {@code (long address) boolean}: unmaps if the address is agent-owned. */
    private static volatile MethodHandle ownedUnmap;

    private SamepageHooks() {
    }

    /**
     * Turns the hooks on; called reflectively by the agent.
     *
     * @param onAllocated  direct buffer created
     * @param onFreeing    direct buffer memory about to be freed
     * @param onMapped     file mapping created
     * @param onUnmapping  file mapping about to be unmapped
     * @param minimumBytes the region size threshold
     */
    public static void arm(MethodHandle onAllocated, MethodHandle onFreeing, MethodHandle onMapped,
                           MethodHandle onUnmapping, long minimumBytes) {
        allocated = onAllocated;
        freeing = onFreeing;
        mapped = onMapped;
        unmapping = onUnmapping;
        thresholdBytes = minimumBytes;
    }

    /**
     * Lets samepage own the memory of direct buffers at or above the threshold; called reflectively, only once
     * both the allocation and the free path of {@code DirectByteBuffer} are known to be substituted (otherwise
     * an mmapped block could reach glibc's {@code free}, which aborts the JVM).
     *
     * @param map   {@code (long bytes) long}
     * @param unmap {@code (long address) boolean}
     */
    public static void own(MethodHandle map, MethodHandle unmap) {
        ownedUnmap = unmap;
        ownedMap = map;
    }

    /** Turns the hooks off again; memory samepage already owns is still released by {@link #freeMemory}. */
    public static void disarm() {
        thresholdBytes = Long.MAX_VALUE;
        ownedMap = null;
    }

    /**
     * Replaces {@code Unsafe.allocateMemory} inside {@code DirectByteBuffer(int)}.
     *
     * @param unsafe the JDK's {@code jdk.internal.misc.Unsafe} the call was made on
     * @param bytes  the size
     * @return the address of page-aligned agent-owned memory above the threshold, else the JDK's malloc result
     */
    public static long allocateMemory(Object unsafe, long bytes) {
        MethodHandle map = ownedMap;
        if (map != null && bytes >= thresholdBytes) {
            try {
                long address = (long) map.invokeExact(bytes);
                if (address != 0) {
                    return address;
                }
            } catch (Throwable ignored) {
                // Fall through to the JDK's allocator: the buffer is then just not owned.
            }
        }
        return ((InternalUnsafe) unsafe).allocateMemory(bytes);
    }

    /**
     * Replaces {@code Unsafe.freeMemory} in {@code DirectByteBuffer$Deallocator.run} and in the constructor's
     * failure path: agent-owned memory is unmapped, everything else goes back to the JDK.
     *
     * @param unsafe  the JDK's {@code jdk.internal.misc.Unsafe}
     * @param address the address to free
     */
    public static void freeMemory(Object unsafe, long address) {
        MethodHandle unmap = ownedUnmap;
        if (unmap != null) {
            try {
                if ((boolean) unmap.invokeExact(address)) {
                    return;
                }
            } catch (Throwable ignored) {
                // The agent never throws here; if it did, the address is not one it would have unmapped.
            }
        }
        ((InternalUnsafe) unsafe).freeMemory(address);
    }

    /**
     * From {@code DirectByteBuffer}'s constructors, on exit.
     *
     * @param buffer   the buffer
     * @param address  its {@code address} field
     * @param capacity its capacity
     * @param jni      whether it wraps foreign memory (the JNI constructor)
     */
    public static void directBufferAllocated(Object buffer, long address, long capacity, boolean jni) {
        if (capacity < thresholdBytes) {
            return;
        }
        try {
            allocated.invokeExact(buffer, address, capacity, jni);
        } catch (Throwable ignored) {
            // The agent counts and reports its own failures; nothing may reach the allocating thread.
        }
    }

    /**
     * From {@code DirectByteBuffer$Deallocator.run}, on entry.
     *
     * @param base     the raw allocation address about to be freed
     * @param size     the allocation size
     * @param capacity the buffer capacity
     */
    public static void directBufferFreeing(long base, long size, long capacity) {
        if (capacity < thresholdBytes || base == 0) {
            return;
        }
        try {
            freeing.invokeExact(base, size);
        } catch (Throwable ignored) {
            // See the class comment: nothing may escape a Cleaner thunk.
        }
    }

    /**
     * From {@code FileChannelImpl.mapInternal}, on exit.
     *
     * @param unmapper the returned {@code Unmapper}, {@code null} for an empty mapping
     * @param mode     the requested map mode
     * @param size     the requested size
     */
    public static void fileMapped(Object unmapper, Object mode, long size) {
        if (unmapper == null || size < thresholdBytes) {
            return;
        }
        try {
            mapped.invokeExact(unmapper, mode);
        } catch (Throwable ignored) {
            // See directBufferAllocated.
        }
    }

    /**
     * From {@code FileChannelImpl$Unmapper.unmap}, on entry.
     *
     * @param address the mapping base, 0 when already unmapped
     * @param size    the mapping size
     */
    public static void fileUnmapping(long address, long size) {
        if (address == 0 || size < thresholdBytes) {
            return;
        }
        try {
            unmapping.invokeExact(address);
        } catch (Throwable ignored) {
            // See directBufferFreeing.
        }
    }
}
