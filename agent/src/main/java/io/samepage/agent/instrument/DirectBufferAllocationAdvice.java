package io.samepage.agent.instrument;

import io.samepage.boot.SamepageHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of {@code DirectByteBuffer(int)} ({@code allocateDirect}). Reads the fields the constructor
 * just set instead of its arguments, so one advice serves both the JDK 17 and 25 layouts.
 */
final class DirectBufferAllocationAdvice {

    private DirectBufferAllocationAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This java.nio.Buffer buffer, @Advice.FieldValue("address") long address) {
        // capacity is private to java.nio.Buffer, so it is read through the public accessor.
        SamepageHooks.directBufferAllocated(buffer, address, buffer.capacity(), false);
    }
}
