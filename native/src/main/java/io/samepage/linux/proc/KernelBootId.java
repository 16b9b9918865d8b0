package io.samepage.linux.proc;

import io.samepage.linux.PseudoFiles;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running kernel's boot ID, {@code /proc/sys/kernel/random/boot_id}: a random UUID drawn at every boot.
 *
 * <p>It names "this kernel, this boot", which is exactly the scope of the system-wide KSM counters: every process
 * and every container on one host reads the same boot ID (the file is not namespaced), and two hosts, or one host
 * after a reboot, never share one. Recordings from many JVMs can therefore be grouped by it.
 */
public final class KernelBootId {

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private KernelBootId() {
    }

    /** @return the boot ID, e.g. {@code 143c2757-0f27-4367-854b-e594e74cae67}; empty if unreadable */
    public static Optional<String> read() {
        try {
            return PseudoFiles.readIfExists(BOOT_ID).map(String::strip).filter(id -> !id.isEmpty());
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
