package io.samepage.linux.syscall;

import com.sun.jna.Pointer;
import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.PageEntry;
import io.samepage.linux.proc.Pagemap;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MmanTest {

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
    }

    private static Mapping mappingOf(long address) {
        return Smaps.find(Smaps.readSelf(), address).orElseThrow(() -> new AssertionError("not mapped: " + address));
    }

    @Test
    void mappedAnonymousMemoryIsUsableAndGoneAfterMunmap() {
        long address;
        try (MappedPages pages = MappedPages.anonymous(4)) {
            address = pages.address();
            assertTrue(Page.isAligned(address));
            Pointer memory = new Pointer(address);
            memory.setLong(3L * Page.BYTES, 0x5a5a5a5a5a5a5a5aL);
            assertEquals(0x5a5a5a5a5a5a5a5aL, memory.getLong(3L * Page.BYTES));
            Mapping mapping = mappingOf(address);
            assertEquals("rw-p", mapping.perms());
            assertTrue(mapping.contains(address + pages.bytes() - 1));
        }
        assertTrue(Smaps.find(Smaps.readSelf(), address).isEmpty());
    }

    @Test
    void mergeableAdviceSetsAndClearsTheMgFlag() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM (CONFIG_KSM)");
        try (MappedPages pages = MappedPages.anonymous(16)) {
            assertFalse(mappingOf(pages.address()).mergeable());
            Mman.madvise(pages.address(), pages.bytes(), Mman.MADV_MERGEABLE);
            assertTrue(mappingOf(pages.address()).vmFlags().contains("mg"));
            Mman.madvise(pages.address(), pages.bytes(), Mman.MADV_UNMERGEABLE);
            assertFalse(mappingOf(pages.address()).mergeable());
        }
    }

    @Test
    void unalignedMadviseNamesCallAddressLengthAndAdvice() {
        try (MappedPages pages = MappedPages.anonymous(2)) {
            long unaligned = pages.address() + 1;
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Mman.madvise(unaligned, Page.BYTES, Mman.MADV_MERGEABLE));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("EINVAL", e.errnoName());
            String call = "madvise(0x" + Long.toHexString(unaligned) + ", " + Page.BYTES + ", MADV_MERGEABLE)";
            assertEquals(call, e.call());
            assertEquals(call + ": EINVAL (Invalid argument)", e.getMessage());
        }
    }

    @Test
    void madviseOnAnUnmappedRangeIsEnomem() {
        long address;
        try (MappedPages pages = MappedPages.anonymous(1)) {
            address = pages.address();
        }
        SyscallException e = assertThrows(SyscallException.class,
                () -> Mman.madvise(address, Page.BYTES, Mman.MADV_NORMAL));
        assertEquals(Errno.ENOMEM, e.errno());
    }

    @Test
    void failedMmapNamesFlagsSymbolically() {
        SyscallException e = assertThrows(SyscallException.class, () -> Mman.mmap(0, 0,
                Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0));
        assertEquals("mmap(0x0, 0, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0): EINVAL (Invalid argument)",
                e.getMessage());
    }

    @Test
    void populateWritePrefaultsEveryPageAndDontneedDropsThem() {
        try (MappedPages pages = MappedPages.anonymous(64); Pagemap pagemap = Pagemap.openSelf()) {
            assertEquals(0, presentPages(pagemap, pages));
            Mman.madvise(pages.address(), pages.bytes(), Mman.MADV_POPULATE_WRITE);
            assertEquals(64, presentPages(pagemap, pages));
            new Pointer(pages.address()).setLong(0, 42);
            Mman.madvise(pages.address(), pages.bytes(), Mman.MADV_DONTNEED);
            assertEquals(0, presentPages(pagemap, pages));
            assertEquals(0, new Pointer(pages.address()).getLong(0));
        }
    }

    private static long presentPages(Pagemap pagemap, MappedPages pages) {
        return Arrays.stream(pagemap.entries(pages.address(), pages.pages()))
                .filter(raw -> new PageEntry(raw).present()).count();
    }

    @Test
    void namesAdviceProtAndFlags() {
        assertEquals("MADV_MERGEABLE", Mman.adviceName(12));
        assertEquals("MADV_COLLAPSE", Mman.adviceName(25));
        assertEquals("99", Mman.adviceName(99));
        assertEquals("PROT_NONE", Mman.protNames(Mman.PROT_NONE));
        assertEquals("PROT_READ|PROT_EXEC", Mman.protNames(Mman.PROT_READ | Mman.PROT_EXEC));
        assertEquals("MAP_SHARED|MAP_FIXED|0x40", Mman.mapFlagNames(Mman.MAP_SHARED | Mman.MAP_FIXED | 0x40));
    }
}
