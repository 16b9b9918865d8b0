package io.samepage.agent.instrument;

/**
 * What the agent does with a hooked event; {@link InjectedHooks} binds an implementation's methods to the
 * injected {@code java.nio.SamepageHooks}.
 */
public interface HookSink {

    /**
     * A direct buffer of at least the threshold was created.
     *
     * @param buffer   the new {@code DirectByteBuffer}
     * @param address  its first byte
     * @param capacity its capacity in bytes
     * @param jni      {@code true} for memory wrapped by JNI {@code NewDirectByteBuffer} (not owned by the JDK)
     */
    void directBufferAllocated(Object buffer, long address, long capacity, boolean jni);

    /**
     * The JDK is about to free a direct buffer's memory ({@code Deallocator.run}); returns before it is freed.
     *
     * @param base the address the JDK will free (the raw allocation base)
     * @param size the size of the allocation
     */
    void directBufferFreeing(long base, long size);

    /**
     * {@code FileChannel.map} created a mapping.
     *
     * @param unmapper the JDK's {@code FileChannelImpl$Unmapper}, which knows address and size
     * @param mode     the map mode
     */
    void fileMapped(Object unmapper, Object mode);

    /**
     * A file mapping is about to be unmapped.
     *
     * @param address the mapping's page-aligned base
     */
    void fileUnmapping(long address);
}
