package io.samepage.agent.engine;

import java.nio.ByteBuffer;

/**
 * The one order of pages, used by both trees everywhere: by 64-bit hash (unsigned) first, then by content in
 * unsigned lexicographic byte order, as {@code memcmp}.
 *
 * <p>One order matters because a tree searched in one order and filled in another silently loses nodes; and
 * {@link ByteBuffer#compareTo} would be such a second order (it compares bytes signed).
 */
final class PageOrder {

    private static final ByteBuffer ZERO_PAGE = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES).asReadOnlyBuffer();

    private PageOrder() {
    }

    /**
     * @return negative, zero or positive as hash {@code a} sorts before, with or after hash {@code b}
     */
    static int compareHashes(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /**
     * Content order of two pages with equal hashes.
     *
     * @return negative, zero or positive as the page at {@code a[aOffset]} sorts before, with or after the page at
     *         {@code b[bOffset]}; positions and limits are ignored
     */
    static int compareContent(ByteBuffer a, int aOffset, ByteBuffer b, int bOffset) {
        int at = a.slice(aOffset, PageSource.PAGE_BYTES).mismatch(b.slice(bOffset, PageSource.PAGE_BYTES));
        return at < 0 ? 0 : Byte.toUnsignedInt(a.get(aOffset + at)) - Byte.toUnsignedInt(b.get(bOffset + at));
    }

    /** @return whether the page at {@code offset} is all zero bytes */
    static boolean isZero(ByteBuffer page, int offset) {
        return compareContent(page, offset, ZERO_PAGE, 0) == 0;
    }

    /** @return a read-only all-zero page at position 0 */
    static ByteBuffer zeroPage() {
        return ZERO_PAGE;
    }
}
