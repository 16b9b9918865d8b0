package io.samepage.agent.dedup;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.samepage.agent.engine.PageSource;
import io.samepage.agent.engine.RegionGoneException;
import io.samepage.agent.registry.Region;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.proc.PageEntry;
import io.samepage.linux.proc.Pagemap;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.syscall.Uio;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's view of this process's registered regions.
 *
 * <p>Safe reads, twice over. Every read holds the region's lifetime lock ({@link Region#enter()}), so the free
 * hook waits for it and a region freed before the read is reported gone instead of read. And the bytes are copied
 * with {@code process_vm_readv} on our own pid, which fails with EFAULT on an unmapped range instead of faulting:
 * even memory unmapped behind samepage's back (a JNI buffer's library freeing it early) cannot crash the JVM.
 *
 * <p>Presence comes from {@code /proc/self/pagemap} (bit 63): one {@code pread} per run of up to 64 pages, and a
 * never-touched page reads absent, so the scanner never materialises memory. A swapped-out page also reads absent:
 * reading it would swap it back in.
 *
 * <p>A region's engine pages are its whole pages: from its first page boundary to its last, so partial first and
 * last pages of a malloc'd buffer are left out (owned buffers are page-aligned and lose nothing).
 */
public final class ProcessMemorySource implements PageSource, AutoCloseable {

    private final int pid = Unistd.getpid();
    private final Pagemap pagemap = Pagemap.openSelf();
    private final ConcurrentHashMap<Integer, Region> regions = new ConcurrentHashMap<>();
    /** Scratch for reads into heap buffers; sized for one full run. Scanner thread only. */
    /** Creates a source over this process's memory; regions are added with {@link #attach}. */
    public ProcessMemorySource() {
    }

    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_RUN_PAGES * PAGE_BYTES);
    private final long scratchAddress = Pointer.nativeValue(Native.getDirectBufferPointer(scratch));

    /**
     * @param index  the engine's index for the region
     * @param region the registered region
     */
    public void attach(int index, Region region) {
        regions.put(index, region);
    }

    /** @param index the engine's index of a region that left the engine */
    public void detach(int index) {
        regions.remove(index);
    }

    /** @param region a registered region @return whole pages the engine can track in it */
    public static int pages(Region region) {
        long first = Page.alignUp(region.address());
        long end = Page.alignDown(region.end());
        return end > first ? (int) Math.min(Integer.MAX_VALUE, (end - first) / Page.BYTES) : 0;
    }

    private static long pageAddress(Region region, int page) {
        return Page.alignUp(region.address()) + (long) page * PAGE_BYTES;
    }

    private Region enter(int index) throws RegionGoneException {
        Region region = regions.get(index);
        if (region == null || !region.enter()) {
            throw new RegionGoneException(index);
        }
        return region;
    }

    @Override
    public long presentPages(int index, int firstPage, int count) throws RegionGoneException {
        Region region = enter(index);
        try {
            long[] entries = pagemap.entries(pageAddress(region, firstPage), count);
            long bits = 0;
            for (int i = 0; i < count; i++) {
                if ((entries[i] & PageEntry.PRESENT) != 0) {
                    bits |= 1L << i;
                }
            }
            return bits;
        } catch (RuntimeException e) {
            throw new RegionGoneException(index);
        } finally {
            region.exit();
        }
    }

    @Override
    public void read(int index, int firstPage, int count, ByteBuffer into, int offset) throws RegionGoneException {
        Region region = enter(index);
        try {
            long bytes = (long) count * PAGE_BYTES;
            long remote = pageAddress(region, firstPage);
            if (into.isDirect()) {
                long local = Pointer.nativeValue(Native.getDirectBufferPointer(into)) + offset;
                copy(index, local, remote, bytes);
            } else {
                copy(index, scratchAddress, remote, bytes);
                into.put(offset, scratch, 0, (int) bytes);
            }
        } finally {
            region.exit();
        }
    }

    private void copy(int index, long local, long remote, long bytes) throws RegionGoneException {
        try {
            if (Uio.processVmReadv(pid, local, remote, bytes) != bytes) {
                throw new RegionGoneException(index);
            }
        } catch (SyscallException e) {
            // EFAULT: the range is no longer mapped. The region is gone for the engine, whatever the registry says.
            throw new RegionGoneException(index);
        }
    }

    @Override
    public void close() {
        pagemap.close();
    }
}
