package io.samepage.agent.instrument;

import io.samepage.boot.SamepageHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the exit of the private 5-argument {@code FileChannelImpl.mapInternal}, the path shared by
 * {@code MappedByteBuffer} and (JDK 22+) {@code MemorySegment} mappings on 17 and 25.
 */
final class FileMapAdvice {

    private FileMapAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object mode, @Advice.Argument(2) long size,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object unmapper) {
        SamepageHooks.fileMapped(unmapper, mode, size);
    }
}
