package io.samepage.agent.it;

import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child program: maps {@code args[0]} (a file of at least 8 MiB) PRIVATE and READ_WRITE, writes seeded content
 * into the private mapping (copy-on-write turns it into anonymous pages KSM can merge), prints whether each
 * mapping is marked mergeable, then holds until stdin closes.
 */
public final class FileMapProbe {

    private FileMapProbe() {
    }

    /** @param args file, seed */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long state = Long.parseLong(args[1]) * 0x9E3779B97F4A7C15L + 1;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer priv = ch.map(FileChannel.MapMode.PRIVATE, 0, 4 << 20);
            MappedByteBuffer shared = ch.map(FileChannel.MapMode.READ_WRITE, 4 << 20, 4 << 20);
            for (int i = 0; i < priv.capacity(); i += 8) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                priv.putLong(i, state);
            }
            shared.put(0, (byte) 1);
            System.out.println("private.mergeable=" + mergeable(priv));
            System.out.println("shared.mergeable=" + mergeable(shared));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the mappings until the test closes stdin
            }
            java.lang.ref.Reference.reachabilityFence(priv);
            java.lang.ref.Reference.reachabilityFence(shared);
        }
        Files.size(file);
    }

    private static boolean mergeable(MappedByteBuffer buffer) {
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        return Smaps.find(Smaps.readSelf(), address).map(Mapping::mergeable).orElse(false);
    }
}
