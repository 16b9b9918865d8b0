package io.samepage.linux.proc;

import io.samepage.linux.PseudoFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of {@code /proc/<pid>/status}.
 *
 * <p>Memory lines are in kB. Remember that merged pages do not lower RSS: a memfd-merged page moves from
 * {@code RssAnon} to {@code RssShmem} once per mapper. Use Pss, cgroup usage or
 * {@code AnonPages + Shmem} to measure savings.
 */
public final class ProcStatus {

    private static final long KIB = 1024;

    private final Map<String, String> fields;

    private ProcStatus(Map<String, String> fields) {
        this.fields = fields;
    }

    /**
     * Reads this process's status.
     *
     * @return the snapshot
     * @throws UncheckedIOException if it cannot be read
     */
    public static ProcStatus readSelf() {
        return read(Path.of("/proc/self/status"));
    }

    /**
     * Reads a process's status.
     *
     * @param pid the process id
     * @return the snapshot
     * @throws UncheckedIOException if the process does not exist
     */
    public static ProcStatus read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static ProcStatus read(Path file) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (BufferedReader reader = PseudoFiles.open(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcStatus(Collections.unmodifiableMap(fields));
    }

    /**
     * Every field, in file order.
     *
     * @return field name to its text after the colon, trimmed, e.g. {@code "VmRSS" -> "51234 kB"}
     */
    public Map<String, String> fields() {
        return fields;
    }

    /**
     * A memory field in kB, or the number of any numeric field.
     *
     * @param key e.g. {@code "VmRSS"}, {@code "RssAnon"}, {@code "VmSwap"}
     * @return the leading number of the field, or -1 if this kernel does not print it
     */
    public long kib(String key) {
        String value = fields.get(key);
        return value == null ? -1 : PseudoFiles.parseNumberAfter(value, 0);
    }

    /**
     * A memory field in bytes.
     *
     * @param key e.g. {@code "VmRSS"}
     * @return the field times 1024, or -1 if absent
     */
    public long bytes(String key) {
        long kib = kib(key);
        return kib < 0 ? -1 : kib * KIB;
    }

    /**
     * Resident set size.
     *
     * @return {@code VmRSS} in bytes
     */
    public long vmRssBytes() {
        return bytes("VmRSS");
    }

    /**
     * Resident anonymous memory.
     *
     * @return {@code RssAnon} in bytes
     */
    public long rssAnonBytes() {
        return bytes("RssAnon");
    }

    /**
     * Resident shared memory, where memfd-merged pages are counted (once per mapper).
     *
     * @return {@code RssShmem} in bytes
     */
    public long rssShmemBytes() {
        return bytes("RssShmem");
    }

    /**
     * Number of threads.
     *
     * @return {@code Threads}
     */
    public int threads() {
        return (int) kib("Threads");
    }
}
