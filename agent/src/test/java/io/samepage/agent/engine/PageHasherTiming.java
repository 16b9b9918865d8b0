package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Times the default {@link Crc32cPageHasher} against the candidate it beat, a plain-Java 64-bit multiply-xor over
 * longs. Not a test (timings are no assertion); run it by hand:
 * <pre>
 * java -cp agent/target/classes:agent/target/test-classes io.samepage.agent.engine.PageHasherTiming [pages]
 * </pre>
 * 64 pages (256 KiB) stay in cache; 16384 pages (64 MiB) come from RAM. Measured on the build host (AMD EPYC,
 * 2 shared vCPUs), ns a page over several runs, JDK 17 / 25: CRC32C halves + finaliser 96-130 / 104-130 hot,
 * 173-211 / 165-184 from RAM; multiply-xor 300-434 / 250-311 hot, 315-494 / 260-365 from RAM.
 */
public final class PageHasherTiming {

    private static final long K = 0x9E3779B97F4A7C15L;

    private PageHasherTiming() {
    }

    /**
     * Four independent lanes hide the multiply's latency; the rotation carries high-bit differences down, without
     * it two flips of bit 63 in one lane cancel out. Pages are read through the same direct buffer the engine uses.
     */
    static long multiplyXor(ByteBuffer page, int offset) {
        long a = 1;
        long b = 2;
        long c = 3;
        long d = 4;
        for (int i = offset; i < offset + PageSource.PAGE_BYTES; i += 32) {
            a = Long.rotateLeft((a ^ page.getLong(i)) * K, 29);
            b = Long.rotateLeft((b ^ page.getLong(i + 8)) * K, 29);
            c = Long.rotateLeft((c ^ page.getLong(i + 16)) * K, 29);
            d = Long.rotateLeft((d ^ page.getLong(i + 24)) * K, 29);
        }
        long h = a + b * K + Long.rotateLeft(c, 32) + Long.rotateLeft(d, 48) * K;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ h >>> 33;
    }

    /** @param args optional: pages in the working set (default 64) */
    public static void main(String[] args) {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        ByteBuffer buffer = ByteBuffer.allocateDirect(pages * PageSource.PAGE_BYTES);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < buffer.capacity(); i += 8) {
            buffer.putLong(i, random.nextLong());
        }
        PageHasher crc = PageHasher.standard();
        PageHasher mx = PageHasherTiming::multiplyXor;
        for (int round = 0; round < 5; round++) {
            report(round, "crc32c-halves", time(crc, buffer, pages));
            report(round, "multiply-xor", time(mx, buffer, pages));
        }
    }

    private static void report(int round, String name, double nanos) {
        if (round >= 3) {
            System.out.printf("%-14s %6.1f ns/page%n", name, nanos);
        }
    }

    private static double time(PageHasher hasher, ByteBuffer buffer, int pages) {
        int iterations = Math.max(1, 400_000 / pages);
        long sink = 0;
        long start = System.nanoTime();
        for (int it = 0; it < iterations; it++) {
            for (int p = 0; p < pages; p++) {
                sink += hasher.hash(buffer, p * PageSource.PAGE_BYTES);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return (double) elapsed / iterations / pages;
    }
}
