package io.samepage.agent.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Child program: two 8 MiB direct buffers with the same content, allocated on two lines (two allocation sites), so
 * KSM merges them page by page within this process. On {@code write N} from stdin it gives the first N pages of
 * the second buffer content of their own, breaking N merges, and says {@code written N}; it exits when stdin closes.
 */
public final class CowWriter {

    static final int BUFFER_BYTES = 8 << 20;
    static final int PAGE_BYTES = 4096;

    private static ByteBuffer kept;
    private static ByteBuffer written;

    private CowWriter() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        kept = fill(ByteBuffer.allocateDirect(BUFFER_BYTES), 7);
        written = fill(ByteBuffer.allocateDirect(BUFFER_BYTES), 7);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("write ")) {
                int pages = Integer.parseInt(line.substring(6).trim());
                long state = 99;
                for (int i = 0; i < pages * PAGE_BYTES; i += 8) {
                    state = next(state);
                    written.putLong(i, state);
                }
                System.out.println("written " + pages);
                System.out.flush();
            }
        }
        System.out.println("held " + (kept.capacity() + written.capacity()));
    }

    /** Every page distinct within a buffer, so pages merge only with their twin in the other buffer. */
    private static ByteBuffer fill(ByteBuffer b, long seed) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        long state = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < b.capacity(); i += 8) {
            state = next(state);
            b.putLong(i, state);
        }
        return b;
    }

    private static long next(long state) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return state;
    }
}
