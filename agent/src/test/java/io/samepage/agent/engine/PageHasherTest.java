package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default hasher: deterministic, and spread well enough that equal hashes mean (almost always) equal pages. */
class PageHasherTest {

    private final PageHasher hasher = PageHasher.standard();

    @Test
    void hashesThePageAtTheOffsetAndLeavesTheBufferAlone() {
        byte[] page = Pages.random(1);
        ByteBuffer direct = ByteBuffer.allocateDirect(3 * Pages.PAGE_BYTES);
        direct.put(Pages.PAGE_BYTES, page).position(17).limit(2 * Pages.PAGE_BYTES + 99);
        long expected = hasher.hash(ByteBuffer.wrap(page), 0);
        assertEquals(expected, hasher.hash(direct, Pages.PAGE_BYTES));
        assertEquals(17, direct.position());
        assertEquals(2 * Pages.PAGE_BYTES + 99, direct.limit());
        assertEquals(expected, PageHasher.standard().hash(ByteBuffer.wrap(page), 0), "no state between calls");
        assertNotEquals(expected, hasher.hash(direct, 0));
    }

    @Test
    void structuredFamiliesDoNotCollide() {
        Set<Long> tails = new HashSet<>();
        Set<Long> heads = new HashSet<>();
        ByteBuffer page = ByteBuffer.allocate(Pages.PAGE_BYTES);
        for (long i = 0; i < 65_536; i++) {
            tails.add(hasher.hash(ByteBuffer.wrap(Pages.tail(i)), 0));
            page.putLong(Pages.PAGE_BYTES - 8, 0).putLong(0, i);
            heads.add(hasher.hash(page, 0));
        }
        assertEquals(65_536, tails.size(), "KSM's worst case: pages differing in the last 8 bytes");
        assertEquals(65_536, heads.size(), "pages differing in the first 8 bytes");

        Set<Long> flips = new HashSet<>();
        byte[] base = Pages.random(2);
        flips.add(hasher.hash(ByteBuffer.wrap(base), 0));
        for (int bit = 0; bit < Pages.PAGE_BYTES * 8; bit++) {
            byte[] flipped = base.clone();
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            flips.add(hasher.hash(ByteBuffer.wrap(flipped), 0));
        }
        assertEquals(Pages.PAGE_BYTES * 8 + 1, flips.size(), "every single-bit change changes the hash");
    }

    @Test
    void everyOutputBitIsBalancedEvenForStructuredPages() {
        int n = 1 << 14;
        int[] ones = new int[64];
        for (long i = 0; i < n; i++) {
            long h = hasher.hash(ByteBuffer.wrap(Pages.tail(i)), 0);
            for (int b = 0; b < 64; b++) {
                ones[b] += (int) (h >>> b & 1);
            }
        }
        for (int b = 0; b < 64; b++) {
            double share = (double) ones[b] / n;
            assertTrue(Math.abs(share - 0.5) < 0.03, "bit " + b + " set in " + share + " of hashes");
        }
    }

    @Test
    void theZeroPageHasAFixedHash() {
        assertEquals(hasher.hash(ByteBuffer.allocate(Pages.PAGE_BYTES), 0),
                hasher.hash(ByteBuffer.allocateDirect(Pages.PAGE_BYTES), 0));
        assertTrue(PageOrder.isZero(ByteBuffer.allocate(Pages.PAGE_BYTES), 0));
        assertTrue(!PageOrder.isZero(ByteBuffer.wrap(Pages.tail(1)), 0));
    }

    @Test
    void pageOrderIsUnsignedEverywhere() {
        byte[] low = Pages.zero();
        byte[] high = Pages.zero();
        high[100] = (byte) 0x80;
        low[100] = 0x7f;
        assertTrue(PageOrder.compareContent(ByteBuffer.wrap(low), 0, ByteBuffer.wrap(high), 0) < 0,
                "0x7f sorts before 0x80, as memcmp; ByteBuffer.compareTo would say the opposite");
        assertTrue(PageOrder.compareHashes(1, -1) < 0, "hashes compare unsigned");
        assertEquals(0, PageOrder.compareContent(ByteBuffer.wrap(high), 0, ByteBuffer.wrap(high.clone()), 0));
    }
}
