package io.samepage.agent.observe;

import io.samepage.linux.proc.Mapping;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegionSamplerTest {

    private static Mapping mapping(long start, long end, long ksmBytes) {
        return new Mapping(start, end, "rw-p", 0, "00:00", 0, "", Set.of("mg"), end - start, end - start, 0, 0, 0,
                end - start, end - start, ksmBytes, 0, 0);
    }

    @Test
    void sumsWholeMappingsAndProRatesPartialOnes() {
        List<Mapping> maps = List.of(mapping(0x1000, 0x9000, 0x4000), mapping(0x9000, 0x11000, 0x8000),
                mapping(0x20000, 0x30000, 0x10000));
        // Whole first and second mapping.
        assertEquals(0xC000, RegionSampler.ksmBytes(maps, 0x1000, 0x11000));
        // Half of the second mapping: half its KSM bytes.
        assertEquals(0x4000, RegionSampler.ksmBytes(maps, 0x9000, 0xD000));
        // A gap holds nothing.
        assertEquals(0, RegionSampler.ksmBytes(maps, 0x11000, 0x20000));
        // Past every mapping.
        assertEquals(0, RegionSampler.ksmBytes(maps, 0x40000, 0x50000));
    }

    @Test
    void hugePagesAreCountedByKind() {
        Mapping thp = new Mapping(0x200000, 0x600000, "rw-p", 0, "00:00", 0, "", Set.of("mg", "hg"), 0x400000,
                0x400000, 0, 0, 0, 0x400000, 0x400000, 0, 0x200000, 0);
        Mapping hugetlb = new Mapping(0x800000, 0xA00000, "rw-p", 0, "00:00", 0, "", Set.of("ht"), 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0);
        List<Mapping> maps = List.of(thp, hugetlb);
        assertEquals(0x200000, RegionSampler.hugePageBytes(maps, 0x200000, 0xA00000, false));
        assertEquals(0x200000, RegionSampler.hugePageBytes(maps, 0x200000, 0xA00000, true));
        assertEquals(0x100000, RegionSampler.hugePageBytes(maps, 0x200000, 0x400000, false));
    }
}
