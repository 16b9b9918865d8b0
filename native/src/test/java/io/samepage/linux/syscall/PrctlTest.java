package io.samepage.linux.syscall;

import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmProcessStat;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrctlTest {

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
    }

    @Test
    void memoryMergeRoundTripsAndShowsInKsmStat() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM (CONFIG_KSM)");
        KernelFeatures.assume(memoryMergeSupported(), "PR_SET_MEMORY_MERGE (Linux 6.4+)");
        assertFalse(Prctl.memoryMerge());
        try {
            Prctl.setMemoryMerge(true);
            assertTrue(Prctl.memoryMerge());
            assertTrue(KsmProcessStat.readSelf().orElseThrow().mergeAny());
            // Process-wide merging marks the VMAs that already exist, the Java heap included.
            List<Mapping> mappings = Smaps.readSelf();
            long marked = mappings.stream().filter(Mapping::mergeable).count();
            assertTrue(marked > mappings.size() / 2, marked + " of " + mappings.size() + " VMAs marked");
        } finally {
            Prctl.setMemoryMerge(false);
        }
        assertFalse(Prctl.memoryMerge());
        assertFalse(KsmProcessStat.readSelf().orElseThrow().mergeAny());
    }

    private static boolean memoryMergeSupported() {
        try {
            Prctl.memoryMerge();
            return true;
        } catch (SyscallException e) {
            return false;
        }
    }

    @Test
    void namedAnonymousMemoryShowsInMaps() {
        try (MappedPages pages = MappedPages.anonymous(2)) {
            // Names are optional in the kernel (CONFIG_ANON_VMA_NAME is unset on the reference machine): there
            // the call must fail with EINVAL (checked in tryNaming) and leave the mapping as it was.
            if (!tryNaming(pages.address(), pages.bytes(), "samepage-test")) {
                assertEquals("", Smaps.find(Smaps.readSelf(), pages.address()).orElseThrow().path());
                return;
            }
            Mapping named = Smaps.find(Smaps.readSelf(), pages.address()).orElseThrow();
            assertEquals("[anon:samepage-test]", named.path());
            assertEquals(pages.address(), named.start());
            assertEquals(pages.bytes(), named.size());

            Prctl.setAnonVmaName(pages.address(), pages.bytes(), null);
            assertEquals("", Smaps.find(Smaps.readSelf(), pages.address()).orElseThrow().path());
        }
    }

    private static boolean tryNaming(long address, long length, String name) {
        try {
            Prctl.setAnonVmaName(address, length, name);
            return true;
        } catch (SyscallException e) {
            assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
            return false;
        }
    }

    /** EINVAL for a name with '$', or for any name when the kernel lacks CONFIG_ANON_VMA_NAME. */
    @Test
    void failedNamingNamesTheCallAndTheLikelyCauses() {
        try (MappedPages pages = MappedPages.anonymous(1)) {
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Prctl.setAnonVmaName(pages.address(), pages.bytes(), "bad$name"));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x" + Long.toHexString(pages.address()) + ", "
                    + pages.bytes() + ", \"bad$name\"): EINVAL (Invalid argument) (kernel without CONFIG_ANON_VMA_NAME,"
                    + " a file-backed range, or an invalid name)", e.getMessage());
        }
    }
}
