package io.samepage.agent.track;

import io.samepage.agent.instrument.HookSink;
import io.samepage.agent.kernel.KernelMarker;
import io.samepage.agent.log.Log;
import io.samepage.agent.registry.AllocationSites;
import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionRegistry;
import io.samepage.agent.registry.RegionSource;

import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives the hooks: registers large direct buffers and file mappings, has the kernel path mark them, and
 * unregisters them before their memory goes away.
 *
 * <p>JNI-wrapped buffers (Netty's {@code PlatformDependent} and friends) have no JDK free path; their memory
 * belongs to the library. samepage unregisters them when the buffer object is collected, and never writes to
 * their memory; if the library frees the memory earlier, a later registration at the same address replaces the
 * stale entry.
 */
public final class OffHeapTracker implements HookSink {

    private final RegionRegistry registry;
    private final KernelMarker marker;
    private final UnmapperAccess unmappers;
    private final Cleaner cleaner = Cleaner.create(r -> {
        Thread t = AgentThreads.daemon(r, "samepage-jni-buffer-cleaner");
        return t;
    });
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param registry  where regions go
     * @param marker    the kernel path's marker
     * @param unmappers access to file-mapping internals, {@code null} when file mappings are not tracked
     */
    OffHeapTracker(RegionRegistry registry, KernelMarker marker, UnmapperAccess unmappers) {
        this.registry = registry;
        this.marker = marker;
        this.unmappers = unmappers;
    }

    /**
     * @param registry where regions go
     * @param marker   the kernel path's marker
     * @param fileMaps whether file mappings are hooked (then {@code sun.nio.ch} must be open to samepage)
     * @return the tracker
     */
    public static OffHeapTracker create(RegionRegistry registry, KernelMarker marker, boolean fileMaps) {
        UnmapperAccess access = null;
        if (fileMaps) {
            try {
                access = UnmapperAccess.create();
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.problem("file mappings not tracked: cannot read " + UnmapperAccess.UNMAPPER + " (" + e + ")");
            }
        }
        return new OffHeapTracker(registry, marker, access);
    }

    @Override
    public void directBufferAllocated(Object buffer, long address, long capacity, boolean jni) {
        if (AgentThreads.isCurrent()) {
            return;
        }
        if (jni && registry.find(address).isPresent()) {
            // A JNI view of memory already registered (the deduplicator's in-place view of a region, or a native
            // library wrapping a direct buffer's memory): the region it lies in already covers it.
            return;
        }
        Region region = register(address, capacity, jni ? RegionSource.JNI_DIRECT_BUFFER
                : RegionSource.ALLOCATE_DIRECT);
        if (jni) {
            cleaner.register(buffer, () -> registry.unregister(region));
        }
    }

    @Override
    public void directBufferFreeing(long base, long size) {
        registry.unregister(base, size);
    }

    @Override
    public void fileMapped(Object unmapper, Object mode) {
        if (unmappers == null) {
            return;
        }
        long address = unmappers.address(unmapper);
        long size = unmappers.size(unmapper);
        if (address == 0) {
            return;
        }
        register(address, size, mode == FileChannel.MapMode.PRIVATE ? RegionSource.FILE_MAP_PRIVATE
                : RegionSource.FILE_MAP_SHARED);
    }

    @Override
    public void fileUnmapping(long address) {
        registry.unregister(address, 1);
    }

    private Region register(long address, long length, RegionSource source) {
        Region region = registry.create(address, length, source, AllocationSites.capture());
        try {
            marker.mark(region);
        } catch (RuntimeException | LinkageError e) {
            if (failures.incrementAndGet() == 1) {
                Log.problem("marking failed, region left unmarked: " + e);
            }
            region.refuse("internal error: " + e);
        }
        registry.publish(region);
        return region;
    }
}
