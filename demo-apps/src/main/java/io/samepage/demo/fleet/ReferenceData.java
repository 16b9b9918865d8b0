package io.samepage.demo.fleet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic pseudo-random content: the same seed gives byte-identical buffers in every JVM, and no two pages
 * of one data set are alike (so a JVM holding one copy has nothing to merge within itself).
 */
final class ReferenceData {

    /** Each data set is allocated in buffers of this size: above samepage's default 1 MiB threshold. */
    static final int CHUNK_BYTES = 4 << 20;

    private ReferenceData() {
    }

    /**
     * @param mib  total size in MiB
     * @param seed content seed
     * @return direct buffers holding the content, strongly reachable through the list
     */
    static List<ByteBuffer> allocate(int mib, long seed) {
        List<ByteBuffer> buffers = new ArrayList<>();
        long state = seed * 0x9E3779B97F4A7C15L + 1;
        long remaining = (long) mib << 20;
        while (remaining > 0) {
            int size = (int) Math.min(CHUNK_BYTES, remaining);
            ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 8 <= size; i += 8) {
                // xorshift64: fast, and 4 KiB of it never repeats within a data set.
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b.putLong(i, state);
            }
            buffers.add(b);
            remaining -= size;
        }
        return buffers;
    }
}
