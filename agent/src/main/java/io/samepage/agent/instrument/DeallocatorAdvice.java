package io.samepage.agent.instrument;

import io.samepage.boot.SamepageHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the entry of {@code DirectByteBuffer$Deallocator.run()}: the agent unregisters the region before the
 * JDK frees its memory, so nothing of samepage ever touches a freed range. The fields are the same on JDK 17 (a
 * class) and JDK 25 (a record).
 */
final class DeallocatorAdvice {

    private DeallocatorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("address") long address, @Advice.FieldValue("size") long size,
                      @Advice.FieldValue("capacity") int capacity) {
        SamepageHooks.directBufferFreeing(address, size, capacity);
    }
}
