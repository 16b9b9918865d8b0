package io.samepage.linux.ksm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.PseudoFiles;
import io.samepage.linux.SyscallException;
import io.samepage.linux.syscall.Fcntl;
import io.samepage.linux.syscall.Unistd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The KSM sysfs directory: knobs ({@link KsmKnob}) and counters ({@link KsmCounters}).
 *
 * <p>Every file is optional: a kernel without CONFIG_KSM has no directory, an older kernel lacks newer
 * files. Reads need no privilege. Writes go through {@code open}/{@code write} so that a refusal carries the
 * kernel's errno, which is what distinguishes "needs root" (EACCES) from "KSM pages exist" (EBUSY) from
 * "value out of range" (EINVAL); they therefore need {@link Linux#isAvailable()}. Tests construct this
 * class on a directory of ordinary files.
 */
public final class KsmSysfs {

    /** How often {@link #unmergeAll} looks at {@code pages_shared}. */
    private static final long UNMERGE_POLL_MILLIS = 10;

    /** Where the kernel puts the KSM files. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/sys/kernel/mm/ksm");

    private static final KsmSysfs SYSTEM = new KsmSysfs(SYSTEM_DIRECTORY);

    private final Path directory;

    /**
     * A KSM directory at a given place.
     *
     * @param directory normally {@link #SYSTEM_DIRECTORY}; tests pass a directory of fabricated files
     */
    public KsmSysfs(Path directory) {
        this.directory = directory;
    }

    /**
     * The kernel's KSM directory.
     *
     * @return {@code /sys/kernel/mm/ksm}
     */
    public static KsmSysfs system() {
        return SYSTEM;
    }

    /**
     * The directory this instance reads.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Whether KSM's sysfs interface exists.
     *
     * @return true if the directory has a {@code run} file (false on a kernel without CONFIG_KSM)
     */
    public boolean present() {
        return Files.isRegularFile(directory.resolve(KsmKnob.RUN.fileName()));
    }

    /**
     * The files this kernel has, knobs and counters alike.
     *
     * @return file names in alphabetical order, empty if the directory is absent
     * @throws UncheckedIOException if the directory exists but cannot be listed
     */
    public SortedSet<String> files() {
        SortedSet<String> names = new TreeSet<>();
        if (!Files.isDirectory(directory)) {
            return Collections.unmodifiableSortedSet(names);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /**
     * Reads a file.
     *
     * @param file a name from {@link #files()}
     * @return its content without the trailing newline, e.g. {@code "[none] scan-time"}
     * @throws UncheckedIOException with a {@link NoSuchFileException} if this kernel lacks the file
     */
    public String read(String file) {
        return PseudoFiles.read(directory.resolve(file)).strip();
    }

    /**
     * Reads a numeric file.
     *
     * @param file e.g. {@code "pages_sharing"}
     * @return the number, or empty if this kernel lacks the file
     * @throws NumberFormatException if the file is not numeric (e.g. {@code advisor_mode})
     */
    public OptionalLong readLong(String file) {
        return PseudoFiles.readLong(directory.resolve(file));
    }

    /**
     * Reads every counter.
     *
     * @return the counters, -1 for each this kernel lacks
     */
    public KsmCounters counters() {
        return new KsmCounters((int) counter("run"), counter("pages_shared"), counter("pages_sharing"),
                counter("pages_unshared"), counter("pages_volatile"), counter("full_scans"),
                counter("pages_scanned"), counter("pages_skipped"), counter("stable_node_chains"),
                counter("stable_node_dups"), counter("ksm_zero_pages"), counter("general_profit"));
    }

    private long counter(String file) {
        return readLong(file).orElse(-1);
    }

    /**
     * The current value of one knob.
     *
     * @param knob the knob
     * @return its value, for {@link KsmKnob#ADVISOR_MODE} the selected choice (e.g. {@code "none"}); empty if
     *         this kernel lacks the knob
     */
    public Optional<String> setting(KsmKnob knob) {
        return PseudoFiles.readIfExists(directory.resolve(knob.fileName())).map(KsmSysfs::selectedChoice);
    }

    /**
     * The current value of every knob this kernel has.
     *
     * @return knob to value; {@link KsmKnob#ADVISOR_MODE} maps to the bracketed choice, e.g. {@code "none"}
     */
    public Map<KsmKnob, String> settings() {
        Map<KsmKnob, String> settings = new EnumMap<>(KsmKnob.class);
        for (KsmKnob knob : KsmKnob.values()) {
            setting(knob).ifPresent(value -> settings.put(knob, value));
        }
        return Collections.unmodifiableMap(settings);
    }

    /** {@code "[none] scan-time"} → {@code "none"}; a plain value is only stripped. */
    static String selectedChoice(String content) {
        String value = content.strip();
        int open = value.indexOf('[');
        int close = value.indexOf(']', open + 1);
        return open >= 0 && close > open ? value.substring(open + 1, close) : value;
    }

    /**
     * Whether this process may write knobs: the {@code sleep_millisecs} file is writable and rewriting its
     * current value succeeds. That write has no effect on ksmd (it only wakes it to re-read its sleep time),
     * and unlike {@code pages_to_scan} it is accepted whatever the advisor mode.
     *
     * @return true when root on a read-write {@code /sys}; false also when the native layer is unavailable
     */
    public boolean writable() {
        Path probe = directory.resolve(KsmKnob.SLEEP_MILLISECS.fileName());
        if (!Linux.isAvailable() || !Files.isWritable(probe)) {
            return false;
        }
        try {
            Optional<String> current = setting(KsmKnob.SLEEP_MILLISECS);
            if (current.isEmpty()) {
                return false;
            }
            write(KsmKnob.SLEEP_MILLISECS, current.get());
            return true;
        } catch (SyscallException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Writes a knob. Needs root, and {@link Linux#isAvailable()}.
     *
     * @param knob  the knob
     * @param value the value, e.g. {@code "1"} or {@code "scan-time"}
     * @throws SyscallException naming file, value and reason, e.g. {@code write
     *                          /sys/kernel/mm/ksm/max_page_sharing = 4: EBUSY (Device or resource busy) (KSM
     *                          pages exist; set run=2 first)}
     */
    public void write(KsmKnob knob, String value) {
        Path file = directory.resolve(knob.fileName());
        String call = "write " + file + " = " + value;
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        int fd;
        try {
            fd = Fcntl.open(file.toString(), Fcntl.O_WRONLY | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC);
        } catch (SyscallException e) {
            throw new SyscallException(call, e.errno(), hint(knob, e.errno()));
        }
        try (Memory buffer = new Memory(Math.max(1, bytes.length))) {
            buffer.write(0, bytes, 0, bytes.length);
            // A sysfs store handler sees the whole buffer in one call, so a short count would be a partial value.
            long written = Unistd.write(fd, Pointer.nativeValue(buffer), bytes.length);
            if (written != bytes.length) {
                throw new SyscallException(call + " (short write: " + written + " of " + bytes.length + " bytes)",
                        Errno.EIO);
            }
        } catch (SyscallException e) {
            if (e.call().startsWith(call)) {
                throw e;
            }
            throw new SyscallException(call, e.errno(), hint(knob, e.errno()));
        } finally {
            Unistd.close(fd);
        }
    }

    private String hint(KsmKnob knob, int errno) {
        switch (errno) {
            case Errno.EACCES:
            case Errno.EPERM:
                return "writing KSM knobs needs root";
            case Errno.EROFS:
                return "/sys is mounted read-only";
            case Errno.ENOENT:
                return "this kernel has no " + knob.fileName();
            case Errno.EBUSY:
                return knob == KsmKnob.MAX_PAGE_SHARING || knob == KsmKnob.MERGE_ACROSS_NODES
                        ? "KSM pages exist; set run=2 first" : null;
            case Errno.EINVAL:
                return knob == KsmKnob.PAGES_TO_SCAN
                        ? "out of range, or advisor_mode is scan-time" : "value out of range for " + knob.fileName();
            default:
                return null;
        }
    }

    /**
     * Captures every knob's current value, to be restored by {@link KsmSettingsRestore#close()}. Use it in
     * try-with-resources around any change to the knobs.
     *
     * @return the captured settings
     */
    public KsmSettingsRestore saveForRestore() {
        return new KsmSettingsRestore(this, settings());
    }

    @Override
    public String toString() {
        return "KsmSysfs[" + directory + "]";
    }

    /**
     * Unmerges everything KSM merged ({@code run=2}) and waits until no KSM page is left. ksmd stays stopped.
     *
     * @param timeoutMillis the longest wait
     * @return {@code true} when {@code pages_shared} reached 0 in time
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean unmergeAll(long timeoutMillis) throws InterruptedException {
        write(KsmKnob.RUN, "2");
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (counters().pagesShared() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(UNMERGE_POLL_MILLIS);
        }
        return true;
    }
}
