package io.samepage.linux.proc;

import com.sun.jna.Pointer;
import io.samepage.linux.Linux;
import io.samepage.linux.Page;
import io.samepage.linux.syscall.Memfd;
import io.samepage.linux.syscall.Mman;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagemapTest {

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
    }

    @Test
    void touchedPagesArePresentAndUntouchedAreNot() {
        try (MappedPages pages = MappedPages.anonymous(4); Pagemap pagemap = Pagemap.openSelf()) {
            Pointer memory = new Pointer(pages.address());
            memory.setByte(0, (byte) 1);
            memory.setByte(2L * Page.BYTES + 100, (byte) 1);

            long[] raw = pagemap.entries(pages.address(), 4);
            assertEquals(4, raw.length);
            boolean[] present = new boolean[4];
            for (int i = 0; i < 4; i++) {
                present[i] = new PageEntry(raw[i]).present();
            }
            assertTrue(present[0] && present[2]);
            assertFalse(present[1] || present[3]);
            assertEquals(0, raw[1]);

            PageEntry touched = pagemap.entry(pages.page(2) + 123);
            assertTrue(touched.present());
            assertFalse(touched.fileOrSharedAnon());
            assertTrue(touched.exclusive());
            assertFalse(touched.swapped());
            assertFalse(touched.uffdWp());
            assertFalse(touched.guard());
            if (Unistd.geteuid() == 0) {
                assertNotEquals(0, touched.pfn(), "root sees page frame numbers");
            }
            assertEquals(0, pagemap.entry(pages.page(1)).pfn());
        }
    }

    @Test
    @SuppressWarnings("try") // the restore or view only has to be closed
    void sharedMemfdPageIsFileOrSharedAnon() {
        int fd = Memfd.create("samepage-pagemap", Memfd.MFD_CLOEXEC);
        try {
            Unistd.ftruncate(fd, Page.BYTES);
            long address = Mman.mmap(0, Page.BYTES, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
            try (MappedPages view = MappedPages.adopt(address, 1); Pagemap pagemap = Pagemap.openSelf()) {
                new Pointer(address).setLong(0, 42);
                PageEntry entry = pagemap.entry(address);
                assertTrue(entry.present());
                assertTrue(entry.fileOrSharedAnon());
            }
        } finally {
            Unistd.close(fd);
        }
    }

    @Test
    void bulkReadsGrowTheBufferAndClosedPagemapRefuses() {
        Pagemap pagemap = Pagemap.openSelf();
        try (MappedPages pages = MappedPages.anonymous(1024)) {
            new Pointer(pages.page(1000)).setByte(0, (byte) 1);
            long[] raw = pagemap.entries(pages.address(), 1024);
            assertTrue(new PageEntry(raw[1000]).present());
            assertFalse(new PageEntry(raw[999]).present());
        } finally {
            pagemap.close();
        }
        pagemap.close();
        assertThrows(IllegalStateException.class, () -> pagemap.entry(0));
    }

    @Test
    void pagemapByPidSeesTheSamePages() {
        try (MappedPages pages = MappedPages.anonymous(2); Pagemap self = Pagemap.openSelf();
                Pagemap byPid = Pagemap.open(ProcessHandle.current().pid())) {
            new Pointer(pages.address()).setByte(0, (byte) 1);
            assertEquals(self.entry(pages.address()), byPid.entry(pages.address()));
            assertTrue(byPid.entry(pages.address()).present());
            assertFalse(byPid.entry(pages.page(1)).present());
        }
    }

    @Test
    void decodesEveryBit() {
        PageEntry entry = new PageEntry(PageEntry.PRESENT | PageEntry.SWAPPED | PageEntry.FILE_OR_SHARED_ANON
                | PageEntry.GUARD | PageEntry.UFFD_WP | PageEntry.EXCLUSIVE | PageEntry.SOFT_DIRTY | 0x1234);
        assertTrue(entry.present() && entry.swapped() && entry.fileOrSharedAnon() && entry.guard() && entry.uffdWp()
                && entry.exclusive() && entry.softDirty());
        assertEquals(0x1234, entry.pfn());
        PageEntry none = new PageEntry(0);
        assertFalse(none.present() || none.swapped() || none.fileOrSharedAnon() || none.guard() || none.uffdWp()
                || none.exclusive() || none.softDirty());
        assertEquals(1L << 63, PageEntry.PRESENT);
        assertEquals(1L << 61, PageEntry.FILE_OR_SHARED_ANON);
    }
}
