package io.samepage.linux;

import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTest {

    @Test
    void sizeIsTheKernelsAndAPowerOfTwo() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        assertEquals(Unistd.sysconf(Page.SC_PAGESIZE), Page.BYTES);
        assertEquals(1, Integer.bitCount(Page.BYTES));
        assertEquals(Page.BYTES, 1 << Page.SHIFT);
    }

    @Test
    void auxiliaryVectorAgreesWithSysconf() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        assertEquals(Page.BYTES, Page.pageSizeFromAuxv(Path.of("/proc/self/auxv")));
    }

    @Test
    void alignsToPageBoundaries() {
        long page = Page.BYTES;
        long base = 0x7f3a00000000L;
        assertEquals(base, Page.alignDown(base));
        assertEquals(base, Page.alignDown(base + page - 1));
        assertEquals(base, Page.alignUp(base));
        assertEquals(base + page, Page.alignUp(base + 1));
        assertTrue(Page.isAligned(base));
        assertFalse(Page.isAligned(base + 16));
    }
}
