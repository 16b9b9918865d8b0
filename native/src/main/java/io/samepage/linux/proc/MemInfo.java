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
 * System-wide memory counters from {@code /proc/meminfo}, in kB.
 *
 * <p>To see what merging saved system-wide, watch {@code AnonPages + Shmem}: {@code MemFree} cannot resolve
 * changes of tens of MB because per-CPU page lists absorb them.
 */
public final class MemInfo {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private MemInfo() {
    }

    /**
     * One counter.
     *
     * @param key e.g. {@code "AnonPages"}, {@code "Shmem"}, {@code "MemTotal"}
     * @return its value in kB (page counts such as {@code HugePages_Total} as printed), or -1 if absent
     * @throws UncheckedIOException if {@code /proc/meminfo} cannot be read
     */
    public static long kib(String key) {
        Long value = readKib().get(key);
        return value == null ? -1 : value;
    }

    /**
     * Every counter from one read, so that sums such as {@code AnonPages + Shmem} are consistent.
     *
     * @return counter name to value, in file order
     * @throws UncheckedIOException if {@code /proc/meminfo} cannot be read
     */
    public static Map<String, Long> readKib() {
        Map<String, Long> values = new LinkedHashMap<>();
        try (BufferedReader reader = PseudoFiles.open(MEMINFO)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    values.put(line.substring(0, colon), PseudoFiles.parseNumberAfter(line, colon + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(values);
    }
}
