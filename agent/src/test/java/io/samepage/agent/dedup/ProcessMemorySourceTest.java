package io.samepage.agent.dedup;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.samepage.agent.engine.PageSource;
import io.samepage.agent.engine.RegionGoneException;
import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionRegistry;
import io.samepage.agent.registry.RegionSource;
import io.samepage.agent.testing.KsmdAtFullSpeed;
import io.samepage.linux.Linux;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.PageEntry;
import io.samepage.linux.proc.Pagemap;
import io.samepage.linux.syscall.Mman;
import io.samepage.linux.syscall.Uio;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessMemorySourceTest {

    private static final int PAGES = 8;
    private final RegionRegistry registry = new RegionRegistry();

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer");
    }

    private Region register(long address, long bytes) {
        return register(address, bytes, RegionSource.ALLOCATE_DIRECT);
    }

    private Region register(long address, long bytes, RegionSource kind) {
        Region r = registry.create(address, bytes, kind, "test");
        registry.publish(r);
        return r;
    }

    @Test
    void reportsOnlyTouchedPagesAndReadsTheirBytes() throws Exception {
        long bytes = PAGES * 4096L;
        long address = Mman.mapAnonymous(bytes);
        try (ProcessMemorySource source = new ProcessMemorySource()) {
            Pointer p = new Pointer(address);
            p.setLong(0, 0x1111L);
            p.setLong(3 * 4096L + 8, 0x3333L);
            Region region = register(address, bytes);
            source.attach(0, region);
            assertEquals(PAGES, ProcessMemorySource.pages(region));
            assertEquals(0b1001L, source.presentPages(0, 0, PAGES), "pages 0 and 3 touched, nothing else");
            assertEquals(0b1001L, source.presentPages(0, 0, PAGES), "asking did not materialise anything");
            ByteBuffer heap = ByteBuffer.allocate(4 * 4096);
            source.read(0, 0, 4, heap, 0);
            assertEquals(0x1111L, Long.reverseBytes(heap.getLong(0)));
            assertEquals(0x3333L, Long.reverseBytes(heap.getLong(3 * 4096 + 8)));
            ByteBuffer direct = ByteBuffer.allocateDirect(2 * 4096);
            source.read(0, 3, 1, direct, 4096);
            assertEquals(0x3333L, Long.reverseBytes(direct.getLong(4096 + 8)));
            long presentBefore = source.presentPages(0, 0, PAGES);
            ByteBuffer view = source.pin(0);
            try {
                assertEquals(0x3333L, Long.reverseBytes(view.getLong(3 * 4096 + 8)), "read in place");
                assertEquals(presentBefore, source.presentPages(0, 0, PAGES), "pinning materialised nothing");
            } finally {
                source.unpin(0);
            }

            registry.unregister(region);
            assertThrows(RegionGoneException.class, () -> source.presentPages(0, 0, 1));
            assertThrows(RegionGoneException.class, () -> source.read(0, 0, 1, heap, 0));
            assertThrows(RegionGoneException.class, () -> source.pin(0));
        } finally {
            Mman.munmap(address, bytes);
        }
    }

    @Test
    void memoryUnmappedBehindTheRegistrysBackIsGoneNotACrash() throws Exception {
        long bytes = PAGES * 4096L;
        long address = Mman.mapAnonymous(bytes);
        new Pointer(address).setLong(0, 1);
        try (ProcessMemorySource source = new ProcessMemorySource()) {
            source.attach(0, register(address, bytes, RegionSource.JNI_DIRECT_BUFFER));
            assertNull(source.pin(0), "memory a library may free at any time is never read in place");
            Mman.munmap(address, bytes); // a JNI library freeing its memory before the buffer is collected
            RegionGoneException e = assertThrows(RegionGoneException.class,
                    () -> source.read(0, 0, 1, ByteBuffer.allocate(4096), 0));
            assertEquals(0, e.region());
        }
    }

    @Test
    void buffersFreedWhileTheScannerReadsThemThousandsOfTimes() throws Exception {
        long bytes = 16 * 4096L;
        int rounds = 3000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        AtomicLong gone = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        try (ProcessMemorySource source = new ProcessMemorySource()) {
            Thread scanner = new Thread(() -> {
                ByteBuffer into = ByteBuffer.allocateDirect(16 * 4096);
                while (!done.get()) {
                    try {
                        source.presentPages(0, 0, 16);
                        source.read(0, 0, 16, into, 0);
                        ByteBuffer view = source.pin(0);
                        try {
                            // In place, under the pin: the bytes are the region's own, never freed memory.
                            if (view.get(0) != view.get(15 * 4096 + 4095)) {
                                throw new AssertionError("torn region: " + view.get(0) + " vs "
                                        + view.get(15 * 4096 + 4095));
                            }
                        } finally {
                            source.unpin(0);
                        }
                        reads.incrementAndGet();
                    } catch (RegionGoneException expected) {
                        gone.incrementAndGet();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }
            }, "test-scanner");
            scanner.start();
            for (int i = 0; i < rounds; i++) {
                long address = Mman.mapAnonymous(bytes);
                new Pointer(address).setMemory(0, bytes, (byte) i);
                Region region = register(address, bytes);
                source.attach(0, region);
                Thread.onSpinWait();
                // The free path: unregister (waits for an in-flight read), then the memory goes away.
                registry.unregister(region);
                Mman.munmap(address, bytes);
            }
            done.set(true);
            scanner.join(10_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("scanner failed", failure.get());
        }
        assertTrue(reads.get() + gone.get() > 0, "the scanner ran: " + reads + " reads, " + gone + " gone");
    }

    /** @return pages whose two copies map the same physical page (root reads PFNs from pagemap) */
    private static int sharedFrames(long[] copies, int pages) {
        try (Pagemap pagemap = Pagemap.openSelf()) {
            long[] a = pagemap.entries(copies[0], pages);
            long[] b = pagemap.entries(copies[1], pages);
            int shared = 0;
            for (int i = 0; i < pages; i++) {
                long pfn = a[i] & PageEntry.PFN_MASK;
                if ((a[i] & PageEntry.PRESENT) != 0 && pfn != 0 && pfn == (b[i] & PageEntry.PFN_MASK)) {
                    shared++;
                }
            }
            return shared;
        }
    }

    @Test
    void copyingReadsLeaveKsmMergedPagesMerged() throws Exception {
        int pages = 256;
        long bytes = pages * 4096L;
        try (KsmdAtFullSpeed ksmd = KsmdAtFullSpeed.prepare();
             ProcessMemorySource source = new ProcessMemorySource()) {
            long[] copies = {Mman.mapAnonymous(bytes), Mman.mapAnonymous(bytes)};
            try {
                for (long address : copies) {
                    Pointer p = new Pointer(address);
                    for (int i = 0; i < pages; i++) {
                        p.setLong(i * 4096L, 0x5a5a0000L + i); // equal across the copies, distinct within one
                    }
                    Mman.madvise(address, bytes, Mman.MADV_NOHUGEPAGE);
                    Mman.madvise(address, bytes, Mman.MADV_MERGEABLE);
                }
                ksmd.run();
                long sharing = ksmd.awaitSharing(s -> s >= pages, 30_000);
                assertTrue(sharing >= pages, "ksmd merged the copies: pages_sharing " + sharing);
                KsmSysfs.system().write(KsmKnob.RUN, "0"); // nothing re-merges what a read might unshare
                // The kernel's own view: a merged page is one physical page under both copies (equal PFNs).
                int merged = sharedFrames(copies, pages);
                assertTrue(merged >= pages - 8, "ksmd merged the copies page for page: " + merged);

                // JNI buffers take the copying path.
                source.attach(0, register(copies[0], bytes, RegionSource.JNI_DIRECT_BUFFER));
                assertNull(source.pin(0));
                ByteBuffer into = ByteBuffer.allocateDirect(PageSource.MAX_RUN_PAGES * 4096);
                for (int first = 0; first < pages; first += PageSource.MAX_RUN_PAGES) {
                    source.read(0, first, PageSource.MAX_RUN_PAGES, into, 0);
                    assertEquals(0x5a5a0000L + first, Long.reverseBytes(into.getLong(0)));
                }
                assertEquals(merged, sharedFrames(copies, pages), "reading every page left every merge in place");

                // What the source must not do: a pinning read (process_vm_readv) unshares KSM pages.
                Uio.processVmReadv(Unistd.getpid(), Pointer.nativeValue(Native.getDirectBufferPointer(into)),
                        copies[0], PageSource.MAX_RUN_PAGES * 4096L);
                assertTrue(sharedFrames(copies, pages) <= merged - PageSource.MAX_RUN_PAGES + 8,
                        "process_vm_readv unshares merged pages on this kernel; the test proves the difference");
            } finally {
                for (long address : copies) {
                    Mman.munmap(address, bytes);
                }
            }
        }
    }
}
