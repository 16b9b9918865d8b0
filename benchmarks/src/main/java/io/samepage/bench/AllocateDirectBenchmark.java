package io.samepage.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * {@code ByteBuffer.allocateDirect} plus an immediate free, below (64 KiB) and above (4 MiB) samepage's default
 * 1 MiB threshold. {@link Overhead} runs it in JVMs with and without the agent and prints the ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AllocateDirectBenchmark {

    @Param({"65536", "4194304"})
    public int bytes;

    private sun.misc.Unsafe unsafe;

    @Setup
    public void setup() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        unsafe = (sun.misc.Unsafe) f.get(null);
    }

    /** Allocates, touches one byte, frees through the buffer's cleaner (the path the agent hooks). */
    @Benchmark
    public byte allocateAndFree() {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes);
        b.put(0, (byte) 1);
        byte v = b.get(0);
        unsafe.invokeCleaner(b);
        return v;
    }
}
