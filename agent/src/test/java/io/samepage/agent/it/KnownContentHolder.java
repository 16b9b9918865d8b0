package io.samepage.agent.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Child program: one 16 MiB direct buffer (4096 pages) with known content: pages 0-1023 zero, pages 1024-3071
 * 1024 distinct contents twice each, pages 3072-4095 unique. Merging would save 1024 duplicate pages (4 MiB) and
 * 1024 zero pages (4 MiB); 2048 pages (8 MiB) are unique. Holds until stdin closes.
 */
public final class KnownContentHolder {

    private static ByteBuffer held;

    private KnownContentHolder() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        ByteBuffer b = ByteBuffer.allocateDirect(16 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int page = 1024; page < 4096; page++) {
            long content = page < 3072 ? 1 + (page - 1024) / 2 : 100_000L + page;
            for (int i = 0; i < 4096; i += 8) {
                b.putLong(page * 4096 + i, content * 0x9E3779B97F4A7C15L + i);
            }
        }
        // Page 0..1023 stay zero but are touched, so they are present (untouched pages are never scanned).
        for (int page = 0; page < 1024; page++) {
            b.put(page * 4096, (byte) 0);
        }
        held = b;
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the test closes stdin
        }
        System.out.println("held " + held.capacity());
    }
}
