package io.samepage.agent.instrument;

import io.samepage.boot.SamepageHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of the JNI {@code NewDirectByteBuffer} constructor: {@code (long,int)} on JDK 17,
 * {@code (long,long)} from JDK 21. Matched by shape, not exact signature, so it keeps matching on both.
 */
final class JniDirectBufferAdvice {

    private JniDirectBufferAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This java.nio.Buffer buffer, @Advice.FieldValue("address") long address) {
        // capacity is private to java.nio.Buffer, so it is read through the public accessor.
        SamepageHooks.directBufferAllocated(buffer, address, buffer.capacity(), true);
    }
}
