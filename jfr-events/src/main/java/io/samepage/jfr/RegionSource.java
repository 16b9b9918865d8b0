package io.samepage.jfr;

/**
 * Values of the {@code source} field: where a region's memory came from. The source decides whether the
 * kernel can merge it at all: {@code MADV_MERGEABLE} is ignored on shared mappings, and KSM merges only
 * anonymous pages.
 */
public final class RegionSource {

    /** {@code ByteBuffer.allocateDirect}: private anonymous memory from malloc. */
    public static final String ALLOCATE_DIRECT = "allocateDirect";

    /** A direct buffer created by native code through JNI {@code NewDirectByteBuffer}. */
    public static final String JNI_DIRECT_BUFFER = "jniDirectBuffer";

    /** {@code FileChannel.map} in {@code PRIVATE} mode: copy-on-write file pages, mergeable once written. */
    public static final String FILE_MAP_PRIVATE = "fileMapPrivate";

    /** {@code FileChannel.map} in {@code READ_ONLY} or {@code READ_WRITE} mode: shared file pages. */
    public static final String FILE_MAP_SHARED = "fileMapShared";

    /** Java heap memory, such as large primitive arrays. */
    public static final String HEAP = "heap";

    private RegionSource() {
    }
}
