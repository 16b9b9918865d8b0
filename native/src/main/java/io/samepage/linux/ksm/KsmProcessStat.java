package io.samepage.linux.ksm;

import io.samepage.linux.PseudoFiles;

import java.nio.file.Path;
import java.util.Optional;

/**
 * KSM's view of one process, from {@code /proc/<pid>/ksm_stat} (Linux 6.1+; the merge flags 6.7+).
 * A numeric field this kernel does not print is -1, a flag it does not print is false.
 *
 * @param rmapItems     pages of this process KSM tracks ({@code ksm_rmap_items})
 * @param zeroPages     pages mapped to the zero page by use_zero_pages ({@code ksm_zero_pages})
 * @param mergingPages  pages of this process currently merged ({@code ksm_merging_pages})
 * @param processProfit bytes saved for this process minus KSM's metadata for it ({@code ksm_process_profit})
 * @param mergeAny      {@code PR_SET_MEMORY_MERGE} is on ({@code ksm_merge_any})
 * @param mergeable     the process is registered with KSM, by either call ({@code ksm_mergeable})
 */
public record KsmProcessStat(long rmapItems, long zeroPages, long mergingPages, long processProfit, boolean mergeAny,
        boolean mergeable) {

    /**
     * Reads this process's statistics.
     *
     * @return the statistics, or empty on a kernel without {@code ksm_stat}
     */
    public static Optional<KsmProcessStat> readSelf() {
        return read(Path.of("/proc/self/ksm_stat"));
    }

    /**
     * Reads a process's statistics; needs ptrace-read access to it.
     *
     * @param pid the process id
     * @return the statistics, or empty if the file is absent (old kernel, or no such process)
     */
    public static Optional<KsmProcessStat> read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "ksm_stat"));
    }

    private static Optional<KsmProcessStat> read(Path file) {
        return PseudoFiles.readIfExists(file).map(KsmProcessStat::parse);
    }

    /**
     * Parses {@code ksm_stat} text: lines {@code "ksm_rmap_items 12"} and {@code "ksm_merge_any: yes"}.
     *
     * @param text the file content
     * @return the statistics
     */
    public static KsmProcessStat parse(String text) {
        long rmapItems = -1;
        long zeroPages = -1;
        long mergingPages = -1;
        long processProfit = -1;
        boolean mergeAny = false;
        boolean mergeable = false;
        for (String line : text.split("\n")) {
            int separator = line.indexOf(' ');
            if (separator <= 0) {
                continue;
            }
            String key = line.substring(0, line.charAt(separator - 1) == ':' ? separator - 1 : separator);
            String value = line.substring(separator + 1).strip();
            switch (key) {
                case "ksm_rmap_items": rmapItems = Long.parseLong(value); break;
                case "ksm_zero_pages": zeroPages = Long.parseLong(value); break;
                case "ksm_merging_pages": mergingPages = Long.parseLong(value); break;
                case "ksm_process_profit": processProfit = Long.parseLong(value); break;
                case "ksm_merge_any": mergeAny = "yes".equals(value); break;
                case "ksm_mergeable": mergeable = "yes".equals(value); break;
                default: break;
            }
        }
        return new KsmProcessStat(rmapItems, zeroPages, mergingPages, processProfit, mergeAny, mergeable);
    }
}
