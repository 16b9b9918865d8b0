package io.samepage.agent.registry;

import io.samepage.jfr.RegionSource.*;

/** Where a region's memory came from; decides whether the kernel can merge it at all. */
public enum RegionSource {
    /** {@code ByteBuffer.allocateDirect}: private anonymous memory the JDK mallocs and frees. */
    ALLOCATE_DIRECT(io.samepage.jfr.RegionSource.ALLOCATE_DIRECT, true),
    /** JNI {@code NewDirectByteBuffer} (Netty and friends): foreign memory whose free samepage cannot see. */
    JNI_DIRECT_BUFFER(io.samepage.jfr.RegionSource.JNI_DIRECT_BUFFER, true),
    /** {@code FileChannel.map(PRIVATE)}: written pages become private anonymous copies, which KSM can merge. */
    FILE_MAP_PRIVATE(io.samepage.jfr.RegionSource.FILE_MAP_PRIVATE, true),
    /** {@code FileChannel.map(READ_ONLY|READ_WRITE)}: shared file pages, which KSM never merges. */
    FILE_MAP_SHARED(io.samepage.jfr.RegionSource.FILE_MAP_SHARED, false),
    /** Committed parts of the Java heap ({@code heap=on}). */
    HEAP(io.samepage.jfr.RegionSource.HEAP, true);

    private final String eventName;
    private final boolean privateMemory;

    RegionSource(String eventName, boolean privateMemory) {
        this.eventName = eventName;
        this.privateMemory = privateMemory;
    }

    /** @return the value of the JFR events' {@code source} field */
    public String eventName() {
        return eventName;
    }

    /** @return whether the memory is private, the only kind KSM merges */
    public boolean privateMemory() {
        return privateMemory;
    }
}
