package io.samepage.agent.it;

import com.sun.jna.Pointer;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.syscall.Mman;

import java.nio.ByteBuffer;

/**
 * Child program: wraps 4 MiB of its own mmap'd memory in a direct buffer through JNI {@code NewDirectByteBuffer}
 * (JNA's {@code Pointer.getByteBuffer}, the route Netty takes), prints whether samepage marked it, drops the
 * buffer and collects it so samepage unregisters it, then unmaps the memory itself.
 */
public final class JniBufferProbe {

    private static final long BYTES = 4 << 20;

    private JniBufferProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        long address = Mman.mapAnonymous(BYTES);
        wrap(address);
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Mman.munmap(address, BYTES);
        System.out.println("done");
    }

    private static void wrap(long address) {
        ByteBuffer buffer = new Pointer(address).getByteBuffer(0, BYTES);
        buffer.put(0, (byte) 1);
        System.out.println("jni.direct=" + buffer.isDirect());
        System.out.println("jni.mergeable=" + Smaps.find(Smaps.readSelf(), address).map(Mapping::mergeable)
                .orElse(false));
    }
}
