package io.samepage.agent.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Child program: allocates {@code args[0]} MiB of direct buffers (4 MiB each) filled from seed {@code args[1]}
 * (every page distinct, so merges can only happen across processes), prints {@code ready}, holds them until
 * stdin closes.
 */
public final class DuplicateHolder {

    private static final List<ByteBuffer> HELD = new ArrayList<>();

    private DuplicateHolder() {
    }

    /** @param args MiB, seed */
    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        long state = Long.parseLong(args[1]) * 0x9E3779B97F4A7C15L + 1;
        for (int done = 0; done < mib; done += 4) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < b.capacity(); i += 8) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b.putLong(i, state);
            }
            HELD.add(b);
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the test closes stdin
        }
        System.out.println("held " + HELD.size());
    }
}
