package io.samepage.linux.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.samepage.linux.CpuArch;
import io.samepage.linux.SyscallException;

/**
 * {@code <sys/stat.h>}: the size and the allocated space of an open file, e.g. how much memory a memfd of
 * canon pages really holds.
 *
 * <p>Issued as the raw {@code fstat} syscall, not glibc's {@code fstat}, which older glibc (before 2.33) does
 * not export. The kernel's {@code struct stat} differs between x86-64 and aarch64 ({@code <asm/stat.h>} versus
 * {@code <asm-generic/stat.h>}) but both put {@code st_size} at byte 48 and {@code st_blocks} at byte 64.
 */
public final class Stat {

    /** {@code __NR_fstat} on x86-64. */
    static final long SYS_FSTAT_X86_64 = 5;
    /** {@code __NR_fstat} on aarch64 ({@code __NR3264_fstat}). */
    static final long SYS_FSTAT_AARCH64 = 80;
    /** Byte offset of {@code off_t st_size} in the kernel's {@code struct stat}, on both architectures. */
    static final int ST_SIZE_OFFSET = 48;
    /** Byte offset of {@code blkcnt_t st_blocks}, on both architectures. */
    static final int ST_BLOCKS_OFFSET = 64;
    /** {@code st_blocks} counts 512-byte units whatever the file system's block size. */
    public static final int ST_BLOCKS_UNIT_BYTES = 512;
    /** Larger than either architecture's {@code struct stat} (144 and 128 bytes). */
    static final int STAT_BUFFER_BYTES = 256;

    private Stat() {
    }

    /**
     * The size of an open file, {@code st_size}.
     *
     * @param fd the descriptor
     * @return size in bytes
     * @throws SyscallException EBADF
     */
    public static long sizeBytes(int fd) {
        return fstat(fd).getLong(ST_SIZE_OFFSET);
    }

    /**
     * The space an open file occupies, {@code st_blocks * 512}. For a memfd these are the shmem pages it
     * holds, whether written or only fallocated; holes do not count.
     *
     * @param fd the descriptor
     * @return allocated bytes
     * @throws SyscallException EBADF
     */
    public static long allocatedBytes(int fd) {
        return fstat(fd).getLong(ST_BLOCKS_OFFSET) * ST_BLOCKS_UNIT_BYTES;
    }

    private static Memory fstat(int fd) {
        long number = CpuArch.current() == CpuArch.X86_64 ? SYS_FSTAT_X86_64 : SYS_FSTAT_AARCH64;
        Memory stat = new Memory(STAT_BUFFER_BYTES);
        try {
            Unistd.syscall(number, fd, Pointer.nativeValue(stat), 0, 0);
            return stat;
        } catch (LastErrorException e) {
            throw new SyscallException("fstat(" + fd + ")", e.getErrorCode());
        }
    }
}
