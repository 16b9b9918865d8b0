package io.samepage.linux.proc;

import io.samepage.linux.PseudoFiles;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The {@code vm.*} sysctls that bound samepage, from {@code /proc/sys/vm}. */
public final class VmSysctl {

    private static final Path MAX_MAP_COUNT = Path.of("/proc/sys/vm/max_map_count");
    private static final Path UNPRIVILEGED_USERFAULTFD = Path.of("/proc/sys/vm/unprivileged_userfaultfd");

    private VmSysctl() {
    }

    /**
     * {@code vm.max_map_count}: the most VMAs a process may have (default 65530). At the limit every call that
     * needs a new VMA fails with ENOMEM, which a JVM does not survive.
     *
     * @return the limit
     * @throws UncheckedIOException if the file is missing or unreadable
     */
    public static int maxMapCount() {
        OptionalLong value = PseudoFiles.readLong(MAX_MAP_COUNT);
        if (value.isEmpty()) {
            throw new UncheckedIOException(new NoSuchFileException(MAX_MAP_COUNT.toString()));
        }
        return Math.toIntExact(value.getAsLong());
    }

    /**
     * {@code vm.unprivileged_userfaultfd}: 1 lets any process create a userfaultfd that also handles
     * kernel-mode faults; 0 restricts unprivileged processes to {@code UFFD_USER_MODE_ONLY}.
     *
     * @return the value, or empty on a kernel without CONFIG_USERFAULTFD (or before 5.2)
     */
    public static OptionalInt unprivilegedUserfaultfd() {
        OptionalLong value = PseudoFiles.readLong(UNPRIVILEGED_USERFAULTFD);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}
