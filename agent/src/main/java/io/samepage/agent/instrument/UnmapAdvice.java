package io.samepage.agent.instrument;

import io.samepage.boot.SamepageHooks;
import net.bytebuddy.asm.Advice;

/** Inlined at the entry of {@code FileChannelImpl$Unmapper.unmap()}, before the mapping goes away. */
final class UnmapAdvice {

    private UnmapAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("address") long address, @Advice.FieldValue("size") long size) {
        SamepageHooks.fileUnmapping(address, size);
    }
}
