package io.samepage.linux.proc;

import com.sun.jna.Pointer;
import io.samepage.linux.Linux;
import io.samepage.linux.Page;
import io.samepage.linux.PseudoFiles;
import io.samepage.linux.PseudoFilesTest;
import io.samepage.linux.syscall.Mman;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProcStatus, ProcMaps, VmSysctl and MemInfo against the running kernel. */
class ProcReadersTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void statusReportsRssGrowthOfTouchedAnonymousMemory() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        ProcStatus before = ProcStatus.readSelf();
        assertTrue(before.vmRssBytes() > 0);
        assertTrue(before.threads() > 1, "a JVM runs several threads");
        assertEquals(before.kib("VmRSS") * 1024, before.bytes("VmRSS"));
        assertEquals(-1, before.kib("NoSuchField"));
        assertEquals(-1, before.bytes("NoSuchField"));
        assertTrue(before.rssShmemBytes() >= 0);

        try (MappedPages pages = MappedPages.anonymous((int) (16 * MIB / Page.BYTES))) {
            Mman.madvise(pages.address(), pages.bytes(), Mman.MADV_POPULATE_WRITE);
            long grown = ProcStatus.readSelf().rssAnonBytes() - before.rssAnonBytes();
            assertTrue(grown >= 12 * MIB, "RssAnon grew by " + grown);
        }
        ProcStatus byPid = ProcStatus.read(ProcessHandle.current().pid());
        assertEquals(before.fields().get("Tgid"), byPid.fields().get("Tgid"));
    }

    @Test
    void mapsCountGrowsWithASeparateMapping() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        // Other JVM threads may unmap something between the two counts; one clean attempt out of three suffices.
        boolean grew = false;
        for (int attempt = 0; attempt < 3 && !grew; attempt++) {
            int before = ProcMaps.countSelf();
            // Read-only next to read-write neighbours: the kernel cannot merge it into an existing VMA.
            long address = Mman.mmap(0, Page.BYTES, Mman.PROT_READ, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
            try (MappedPages readOnly = MappedPages.adopt(address, 1)) {
                grew = ProcMaps.countSelf() >= before + 1;
                Mapping mapping = Smaps.find(Smaps.readSelf(), readOnly.address()).orElseThrow();
                assertEquals("r--p", mapping.perms());
                assertEquals(0, new Pointer(readOnly.address()).getLong(0));
            }
        }
        assertTrue(grew, "maps line count did not grow after a separate mmap");
        int listed = Smaps.readSelf().size();
        assertTrue(Math.abs(ProcMaps.countSelf() - listed) <= 5);
        assertTrue(Math.abs(ProcMaps.count(ProcessHandle.current().pid()) - listed) <= 5);
    }

    @Test
    void maxMapCountIsTheSysctl() throws Exception {
        Path file = Path.of("/proc/sys/vm/max_map_count");
        KernelFeatures.assume(Files.exists(file), "/proc/sys/vm/max_map_count");
        int expected = Integer.parseInt(PseudoFilesTest.cat(file).strip());
        assertEquals(expected, VmSysctl.maxMapCount());
        assertTrue(VmSysctl.maxMapCount() > 0);
    }

    @Test
    void unprivilegedUserfaultfdIsReadWhenPresent() {
        Path file = Path.of("/proc/sys/vm/unprivileged_userfaultfd");
        KernelFeatures.assume(Files.exists(file), "vm.unprivileged_userfaultfd (CONFIG_USERFAULTFD)");
        int value = VmSysctl.unprivilegedUserfaultfd().orElseThrow();
        assertEquals(Long.parseLong(PseudoFiles.read(file).strip()), value);
        assertTrue(value == 0 || value == 1);
    }

    @Test
    void memInfoHasTheCountersSavingsAreMeasuredWith() {
        KernelFeatures.assume(Files.exists(Path.of("/proc/meminfo")), "/proc/meminfo");
        long total = MemInfo.kib("MemTotal");
        assertTrue(total > 0);
        assertTrue(MemInfo.kib("AnonPages") > 0 && MemInfo.kib("AnonPages") < total);
        assertTrue(MemInfo.kib("Shmem") >= 0);
        assertEquals(-1, MemInfo.kib("NoSuchCounter"));
        assertTrue(MemInfo.readKib().containsKey("MemFree"));
    }

    @Test
    void bootIdIsAUuidThatStaysTheSame() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        String id = KernelBootId.read().orElseThrow();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        assertEquals(id, KernelBootId.read().orElseThrow());
    }
}
