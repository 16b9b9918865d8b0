package io.samepage.agent.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GC.heap_info} as printed by JDK 17.0.15 and 25.0.3 with -Xmx256m (captured on this machine kind). */
class HeapMarkerTest {

    private static final long[] RANGE = {0xf0000000L, 0x100000000L};

    @Test
    void g1On17And25() {
        assertArrayEquals(RANGE, HeapMarker.parseHeapRange(
                " garbage-first heap   total 262144K, used 3979K [0x00000000f0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n"
                + " Metaspace       used 2863K, committed 3008K, reserved 1114112K\n").orElseThrow());
        assertArrayEquals(RANGE, HeapMarker.parseHeapRange(
                "garbage-first heap   total reserved 262144K, committed 262144K, used 8908K"
                + " [0x00000000f0000000, 0x0000000100000000)\n"
                + " region size 1024K, 8 young (8192K), 0 survivors (0K)\n").orElseThrow());
    }

    @Test
    void serialSpansBothGenerations() {
        assertArrayEquals(RANGE, HeapMarker.parseHeapRange(
                "DefNew     total 78656K, used 11240K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)\n"
                + " eden space 69952K,  16% used [0x00000000f0000000, 0x00000000f0afa248, 0x00000000f4450000)\n"
                + "Tenured    total 174784K, used 1166K [0x00000000f5550000, 0x0000000100000000,"
                + " 0x0000000100000000)\n"
                + " the  space 174784K,   0% used [0x00000000f5550000, 0x00000000f5673ab8, 0x0000000100000000)\n")
                .orElseThrow());
    }

    @Test
    void parallelOldGenerationSitsBelowTheYoung() {
        assertArrayEquals(RANGE, HeapMarker.parseHeapRange(
                " PSYoungGen      total 76288K, used 5243K [0x00000000fab00000, 0x0000000100000000,"
                + " 0x0000000100000000)\n"
                + "  eden space 65536K, 8% used [0x00000000fab00000,0x00000000fb01ecf8,0x00000000feb00000)\n"
                + " ParOldGen       total 175104K, used 0K [0x00000000f0000000, 0x00000000fab00000,"
                + " 0x00000000fab00000)\n").orElseThrow());
    }

    @Test
    void zgcPrintsNoRange() {
        assertTrue(HeapMarker.parseHeapRange(
                " ZHeap           used 8M, capacity 256M, max capacity 256M\n"
                + " Metaspace       used 2907K, committed 3072K, reserved 1114112K\n").isEmpty());
    }
}
