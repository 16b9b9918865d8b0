package io.samepage.linux;

import com.sun.jna.Pointer;
import io.samepage.linux.syscall.Mman;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResidentPagesTest {

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
    }

    @Test
    void touchedPagesAreResidentUntouchedAndDroppedAreNot() {
        try (MappedPages pages = MappedPages.anonymous(70)) {
            Pointer memory = new Pointer(pages.address());
            long expected = 0;
            for (int p : new int[] {0, 1, 7, 8, 9, 31, 62, 63}) {
                memory.setByte((long) p * Page.BYTES + 5, (byte) 1);
                expected |= 1L << p;
            }
            memory.getByte(40L * Page.BYTES);
            expected |= 1L << 40;
            ResidentPages resident = new ResidentPages();
            assertEquals(expected, resident.bits(pages.address(), 64),
                    "written pages and a read one (the zero page) are resident, others not");
            assertEquals(expected & 0x3FF, resident.bits(pages.address(), 10), "a short run is masked to its length");
            assertEquals(expected >>> 7 & 0b111, resident.bits(pages.page(7), 3));

            Mman.madvise(pages.page(8), Page.BYTES, Mman.MADV_DONTNEED);
            assertEquals(expected & ~(1L << 8), resident.bits(pages.address(), 64), "a dropped page is gone");
            memory.setByte(69L * Page.BYTES, (byte) 1);
            assertEquals(1L << 5, resident.bits(pages.page(64), 6), "a run past 64 pages starts its own mask");
        }
    }

    @Test
    void unmappedRangeFailsWithEnomemAndBadCountsAreRefused() {
        long address = Mman.mapAnonymous(3L * Page.BYTES);
        try {
            Mman.munmap(address + Page.BYTES, Page.BYTES);
            ResidentPages resident = new ResidentPages();
            SyscallException e = assertThrows(SyscallException.class, () -> resident.bits(address, 3),
                    "a hole in the range");
            assertEquals(Errno.ENOMEM, e.errno());
        } finally {
            Mman.munmap(address, 3L * Page.BYTES);
        }
        ResidentPages resident = new ResidentPages();
        assertThrows(IllegalArgumentException.class, () -> resident.bits(address, 0));
        assertThrows(IllegalArgumentException.class, () -> resident.bits(address, 65));
    }
}
