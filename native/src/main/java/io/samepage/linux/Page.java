package io.samepage.linux;

import io.samepage.linux.syscall.Unistd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The base page size of this machine and address alignment to it.
 *
 * <p>KSM, {@code madvise}, {@code mmap(MAP_FIXED)}, pagemap and userfaultfd all work in base pages: 4 KiB on
 * x86-64, and 4, 16 or 64 KiB on aarch64 depending on the kernel build. Never hard-code 4096.
 */
public final class Page {

    /** {@code _SC_PAGESIZE} from {@code <bits/confname.h>}. */
    static final int SC_PAGESIZE = 30;
    /** {@code AT_PAGESZ} from {@code <elf.h>}: the auxiliary-vector entry the kernel fills with the page size. */
    static final long AT_PAGESZ = 6;
    /** Only where the kernel cannot be asked at all: not Linux, so nothing here will touch memory anyway. */
    static final int FALLBACK_BYTES = 4096;

    /**
     * Bytes per base page: {@code sysconf(_SC_PAGESIZE)}, read once. If JNA cannot load on Linux the kernel
     * is still asked, through {@code /proc/self/auxv}; 4096 is used only when not running on Linux.
     */
    public static final int BYTES = pageSize();

    /** {@code log2(BYTES)}: shift a byte address right by this to get a page number. */
    public static final int SHIFT = Integer.numberOfTrailingZeros(BYTES);

    private Page() {
    }

    private static int pageSize() {
        if (Linux.isAvailable()) {
            return Math.toIntExact(Unistd.sysconf(SC_PAGESIZE));
        }
        if (String.valueOf(System.getProperty("os.name")).toLowerCase(Locale.ROOT).startsWith("linux")) {
            return pageSizeFromAuxv(Path.of("/proc/self/auxv"));
        }
        return FALLBACK_BYTES;
    }

    /**
     * Reads {@code AT_PAGESZ} from an auxiliary vector: pairs of native-endian 64-bit words (type, value),
     * ended by {@code AT_NULL}.
     */
    static int pageSizeFromAuxv(Path auxv) {
        byte[] bytes;
        try (InputStream in = PseudoFiles.openStream(auxv)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        while (words.remaining() >= 2 * Long.BYTES) {
            long type = words.getLong();
            long value = words.getLong();
            if (type == AT_PAGESZ) {
                return Math.toIntExact(value);
            }
            if (type == 0) {
                break;
            }
        }
        throw new IllegalStateException(auxv + " has no AT_PAGESZ entry");
    }

    /**
     * Rounds an address down to the start of its page.
     *
     * @param address a byte address
     * @return the largest page-aligned address {@code <= address}
     */
    public static long alignDown(long address) {
        return address & -(long) BYTES;
    }

    /**
     * Rounds an address up to a page boundary.
     *
     * @param address a byte address, at most {@code 2^64 - BYTES} as an unsigned value
     * @return the smallest page-aligned address {@code >= address}
     */
    public static long alignUp(long address) {
        return (address + BYTES - 1) & -(long) BYTES;
    }

    /**
     * Whether an address or length is a multiple of the page size.
     *
     * @param address a byte address or length
     * @return true if page-aligned
     */
    public static boolean isAligned(long address) {
        return (address & (BYTES - 1)) == 0;
    }
}
