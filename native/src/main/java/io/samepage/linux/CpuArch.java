package io.samepage.linux;

import java.util.Locale;
import java.util.Optional;

/**
 * The CPU architectures samepage's native layer supports.
 *
 * <p>Both use the asm-generic errno, {@code mmap}, {@code fcntl} and ioctl encodings, so every constant in
 * {@code io.samepage.linux.syscall} is the same on both; only raw syscall numbers differ, and the
 * classes that issue raw syscalls pick theirs with {@link #current()}.
 */
public enum CpuArch {
    /** x86-64, {@code os.arch} {@code amd64} or {@code x86_64}. */
    X86_64,
    /** 64-bit ARM, {@code os.arch} {@code aarch64}. */
    AARCH64;

    /**
     * Maps a value of the {@code os.arch} system property to a supported architecture.
     *
     * @param osArch the value of {@code os.arch}, may be null
     * @return the architecture, or empty when samepage does not support it
     */
    public static Optional<CpuArch> fromOsArch(String osArch) {
        if (osArch == null) {
            return Optional.empty();
        }
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return Optional.of(X86_64);
            case "aarch64":
                return Optional.of(AARCH64);
            default:
                return Optional.empty();
        }
    }

    /**
     * The architecture of this JVM.
     *
     * @return the architecture
     * @throws UnsupportedOperationException if {@code os.arch} is not a supported architecture
     */
    public static CpuArch current() {
        String osArch = System.getProperty("os.arch");
        return fromOsArch(osArch).orElseThrow(
                () -> new UnsupportedOperationException("unsupported CPU architecture: os.arch=" + osArch));
    }
}
