package io.samepage.agent.engine;

import java.nio.ByteBuffer;

/**
 * A 64-bit hash of a page's bytes. The engine uses it twice: as the first key of both trees (so a lookup costs
 * word compares, and a full-page compare only on an equal hash) and as the checksum that tells volatile pages
 * apart. It never decides that two pages are equal; a weak or constant hasher makes the engine slower, never wrong.
 *
 * <p>Instances may keep state and need not be thread-safe: each engine owns one and calls it from its scanner.
 */
@FunctionalInterface
public interface PageHasher {

    /**
     * @param buffer holds the page
     * @param offset absolute position of the page's first byte; the page must end at or before the buffer's limit;
     *               the position is ignored, and neither is changed
     * @return the hash of the {@link PageSource#PAGE_BYTES} bytes at {@code offset}
     */
    long hash(ByteBuffer buffer, int offset);

    /** @return a new instance of the default hasher, {@link Crc32cPageHasher} (chosen by measurement) */
    static PageHasher standard() {
        return new Crc32cPageHasher();
    }
}
