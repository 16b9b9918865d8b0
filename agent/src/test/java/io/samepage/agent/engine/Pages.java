package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Page contents for tests. */
final class Pages {

    static final int PAGE_BYTES = PageSource.PAGE_BYTES;

    /** Hashes every page to the same value: the trees must decide by bytes alone. */
    static final PageHasher CONSTANT_HASHER = (buffer, offset) -> 42L;

    private Pages() {
    }

    /** @return pseudo-random bytes, the same for the same seed */
    static byte[] random(long seed) {
        byte[] page = new byte[PAGE_BYTES];
        new SplittableRandom(seed).nextBytes(page);
        return page;
    }

    /** @return KSM's worst case: all zero but the last 8 bytes, which hold {@code value} big-endian */
    static byte[] tail(long value) {
        byte[] page = new byte[PAGE_BYTES];
        ByteBuffer.wrap(page).putLong(PAGE_BYTES - 8, value);
        return page;
    }

    static byte[] zero() {
        return new byte[PAGE_BYTES];
    }
}
