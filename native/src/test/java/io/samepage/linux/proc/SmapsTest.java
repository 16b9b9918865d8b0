package io.samepage.linux.proc;

import com.sun.jna.Pointer;
import io.samepage.linux.Linux;
import io.samepage.linux.PseudoFiles;
import io.samepage.linux.Page;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmapsTest {

    /** Shaped like Linux 6.18's output; the second mapping comes from an older kernel without a KSM line. */
    private static final String SAMPLE = String.join("\n",
            "55d4c8a00000-55d4c8a21000 rw-p 00000000 00:00 0                          [heap]",
            "Size:                132 kB",
            "KernelPageSize:        4 kB",
            "Rss:                  12 kB",
            "Pss:                   6 kB",
            "Pss_Dirty:             6 kB",
            "Shared_Clean:          0 kB",
            "Shared_Dirty:          8 kB",
            "Private_Clean:         0 kB",
            "Private_Dirty:         4 kB",
            "Referenced:           12 kB",
            "Anonymous:            12 kB",
            "KSM:                   8 kB",
            "LazyFree:              0 kB",
            "AnonHugePages:         0 kB",
            "Swap:                  4 kB",
            "SwapPss:               4 kB",
            "THPeligible:           0",
            "VmFlags: rd wr mr mw me ac mg ",
            "7f3a00000000-7f3a00200000 rw-s 00001000 00:01 2049                       /memfd:canon pages (deleted)",
            "Size:               2048 kB",
            "Rss:                2048 kB",
            "Pss:                1024 kB",
            "Shared_Clean:       2048 kB",
            "AnonHugePages:      2048 kB",
            "VmFlags: rd wr sh mr mw me ms sd",
            "7f3a00200000-7f3a00201000 r--p 00000000 00:00 0 ",
            "Rss:                   0 kB",
            "VmFlags: rd mr mw me",
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
            "Rss:                   0 kB",
            "VmFlags: ex",
            "");

    private static List<Mapping> sample() {
        return Smaps.parse(new BufferedReader(new StringReader(SAMPLE)));
    }

    @Test
    void parsesHeaderCountersAndFlags() {
        List<Mapping> mappings = sample();
        assertEquals(4, mappings.size());

        Mapping heap = mappings.get(0);
        assertEquals(0x55d4c8a00000L, heap.start());
        assertEquals(0x55d4c8a21000L, heap.end());
        assertEquals(0x21000, heap.size());
        assertEquals("rw-p", heap.perms());
        assertEquals("00:00", heap.device());
        assertEquals("[heap]", heap.path());
        assertEquals(12 * 1024, heap.rssBytes());
        assertEquals(6 * 1024, heap.pssBytes());
        assertEquals(8 * 1024, heap.sharedDirtyBytes());
        assertEquals(4 * 1024, heap.privateDirtyBytes());
        assertEquals(12 * 1024, heap.anonymousBytes());
        assertEquals(8 * 1024, heap.ksmBytes());
        assertEquals(4 * 1024, heap.swapBytes());
        assertEquals(Set.of("rd", "wr", "mr", "mw", "me", "ac", "mg"), heap.vmFlags());
        assertTrue(heap.mergeable());
        assertFalse(heap.shared());

        Mapping memfd = mappings.get(1);
        assertEquals("/memfd:canon pages (deleted)", memfd.path());
        assertEquals(0x1000, memfd.offset());
        assertEquals(2049, memfd.inode());
        assertEquals("00:01", memfd.device());
        assertTrue(memfd.shared());
        assertFalse(memfd.mergeable());
        assertEquals(0, memfd.ksmBytes());
        assertEquals(2048 * 1024, memfd.sharedCleanBytes());
        assertEquals(2048 * 1024, memfd.anonHugePagesBytes());

        assertEquals("", mappings.get(2).path());
        assertEquals(0xffffffffff600000L, mappings.get(3).start());
        assertTrue(mappings.get(3).contains(0xffffffffff600800L));
    }

    @Test
    void findsAndListsOverlappingMappings() {
        List<Mapping> mappings = sample();
        assertEquals("[heap]", Smaps.find(mappings, 0x55d4c8a20fffL).orElseThrow().path());
        assertTrue(Smaps.find(mappings, 0x55d4c8a21000L).isEmpty());
        assertTrue(Smaps.find(mappings, 0x1000).isEmpty());
        assertEquals("", Smaps.find(mappings, 0x7f3a00200000L).orElseThrow().path());

        List<Mapping> both = Smaps.overlapping(mappings, 0x7f3a001ff000L, 0x7f3a00200001L);
        assertEquals(2, both.size());
        assertEquals(0x7f3a00000000L, both.get(0).start());
        assertEquals(0x7f3a00200000L, both.get(1).start());
        assertTrue(Smaps.overlapping(mappings, 0x55d4c8a21000L, 0x7f3a00000000L).isEmpty());
        assertEquals(4, Smaps.overlapping(mappings, 0, -1L).size());
    }

    @Test
    void malformedHeaderIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Smaps.parse(new BufferedReader(new StringReader("zz-yy rw-p nonsense\n"))));
        assertTrue(e.getMessage().contains("zz-yy"));
    }

    @Test
    void readsThisProcessIncludingTheKsmLine() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        try (MappedPages pages = MappedPages.anonymous(8)) {
            new Pointer(pages.address()).setLong(0, 7);
            List<Mapping> mappings = Smaps.readSelf();
            assertTrue(mappings.size() > 50, "a JVM has hundreds of mappings: " + mappings.size());
            for (int i = 1; i < mappings.size(); i++) {
                assertTrue(Long.compareUnsigned(mappings.get(i - 1).end(), mappings.get(i).start()) <= 0);
            }
            Mapping mine = Smaps.find(mappings, pages.address()).orElseThrow();
            assertTrue(mine.rssBytes() >= Page.BYTES);
            assertTrue(mine.anonymousBytes() >= Page.BYTES);
            assertTrue(mine.vmFlags().containsAll(Set.of("rd", "wr")));
            assertTrue(mappings.stream().anyMatch(m -> m.path().equals("[stack]") || m.path().startsWith("[anon")));
            int byPid = Smaps.read(ProcessHandle.current().pid()).size();
            assertTrue(Math.abs(byPid - mappings.size()) <= 5, byPid + " vs " + mappings.size());
            // Linux 6.x prints a KSM line per mapping; the parser must be reading a real one, not defaulting to 0.
            assertTrue(PseudoFiles.read(Path.of("/proc/self/smaps")).contains("\nKSM:"));
        }
    }
}
