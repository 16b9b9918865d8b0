package io.samepage.boot;

/**
 * Compile-time stand-in for {@code jdk.internal.misc.Unsafe}, which {@code --release 17} does not let us name.
 * When the template is injected into java.base, every reference to this class is renamed to the real one (same
 * method names and descriptors), so the injected hooks delegate to the JDK's allocator directly. Never loaded.
 */
public final class InternalUnsafe {

    private InternalUnsafe() {
    }

    /** @param bytes size @return address; see {@code jdk.internal.misc.Unsafe.allocateMemory} */
    public long allocateMemory(long bytes) {
        throw new AssertionError("stand-in, renamed to jdk.internal.misc.Unsafe on injection");
    }

    /** @param address from allocateMemory; see {@code jdk.internal.misc.Unsafe.freeMemory} */
    public void freeMemory(long address) {
        throw new AssertionError("stand-in, renamed to jdk.internal.misc.Unsafe on injection");
    }
}
