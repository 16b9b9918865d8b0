package io.samepage.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyscallExceptionTest {

    @Test
    void messageIsCallErrnoNameAndText() {
        SyscallException e = new SyscallException("madvise(0x7f3a00000000, 65536, MADV_MERGEABLE)", 22);
        assertEquals("madvise(0x7f3a00000000, 65536, MADV_MERGEABLE): EINVAL (Invalid argument)", e.getMessage());
        assertEquals("madvise(0x7f3a00000000, 65536, MADV_MERGEABLE)", e.call());
        assertEquals(22, e.errno());
        assertEquals("EINVAL", e.errnoName());
        assertTrue(e.hint().isEmpty());
    }

    @Test
    void hintIsAppendedInParentheses() {
        SyscallException e = new SyscallException("madvise(0x7f3a00000000, 65536, MADV_MERGEABLE)", 22,
                "kernel built without CONFIG_KSM");
        assertEquals("madvise(0x7f3a00000000, 65536, MADV_MERGEABLE): EINVAL (Invalid argument)"
                + " (kernel built without CONFIG_KSM)", e.getMessage());
        assertEquals("kernel built without CONFIG_KSM", e.hint().orElseThrow());
    }
}
