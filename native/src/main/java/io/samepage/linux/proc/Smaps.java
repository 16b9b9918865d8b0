package io.samepage.linux.proc;

import io.samepage.linux.PseudoFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code /proc/<pid>/smaps}: every VMA of a process with its flags and memory counters.
 *
 * <p>A large JVM has thousands of VMAs, about 25 lines each, so the parser works on character positions: no
 * regular expressions, no splitting, numbers parsed in place. The kernel walks the VMA tree while it prints,
 * so a process that maps or unmaps concurrently can yield a listing that is consistent per VMA but not as a
 * whole. Reading {@code smaps} takes the target's {@code mmap_lock} for reading, which stalls its page
 * faults and mmaps briefly; do not poll it in a tight loop.
 */
public final class Smaps {

    private static final long KIB = 1024;

    private Smaps() {
    }

    /**
     * Reads the mappings of this process.
     *
     * @return the mappings in ascending address order
     * @throws UncheckedIOException if {@code /proc/self/smaps} cannot be read
     */
    public static List<Mapping> readSelf() {
        return read(Path.of("/proc/self/smaps"));
    }

    /**
     * Reads the mappings of a process; needs ptrace-read access to it.
     *
     * @param pid the process id
     * @return the mappings in ascending address order
     * @throws UncheckedIOException if the process does not exist or may not be inspected
     */
    public static List<Mapping> read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "smaps"));
    }

    private static List<Mapping> read(Path smaps) {
        try (BufferedReader reader = PseudoFiles.open(smaps)) {
            return parse(reader);
        } catch (IOException e) {
            // From close() only; parse reports read failures unchecked already.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses smaps text. Unknown counter lines are skipped, so the parser accepts any kernel's format, and
     * plain {@code maps} text too (every counter then 0).
     *
     * @param reader the text; not closed
     * @return the mappings in input order
     * @throws UncheckedIOException     if reading fails
     * @throws IllegalArgumentException if a header line is malformed
     */
    public static List<Mapping> parse(BufferedReader reader) {
        List<Mapping> mappings = new ArrayList<>();
        Builder current = null;
        String line;
        while ((line = readLine(reader)) != null) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            if (line.charAt(space - 1) == ':') {
                if (current != null) {
                    current.counter(line, space - 1);
                }
            } else {
                if (current != null) {
                    mappings.add(current.build());
                }
                current = new Builder(line);
            }
        }
        if (current != null) {
            mappings.add(current.build());
        }
        return mappings;
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Finds the mapping that contains an address.
     *
     * @param mappings mappings in ascending address order, as returned by {@link #readSelf()}
     * @param address  a byte address
     * @return the mapping, or empty if the address is not mapped
     */
    public static Optional<Mapping> find(List<Mapping> mappings, long address) {
        int i = firstEndingAfter(mappings, address);
        if (i < mappings.size() && mappings.get(i).contains(address)) {
            return Optional.of(mappings.get(i));
        }
        return Optional.empty();
    }

    /**
     * The mappings that overlap a range, e.g. the VMAs a region was split into.
     *
     * @param mappings mappings in ascending address order
     * @param start    first address of the range
     * @param end      address just past the range
     * @return the overlapping mappings in address order, possibly empty
     */
    public static List<Mapping> overlapping(List<Mapping> mappings, long start, long end) {
        List<Mapping> result = new ArrayList<>();
        for (int i = firstEndingAfter(mappings, start); i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            if (Long.compareUnsigned(m.start(), end) >= 0) {
                break;
            }
            result.add(m);
        }
        return result;
    }

    /** Binary search: index of the first mapping whose end is above {@code address}. */
    private static int firstEndingAfter(List<Mapping> mappings, long address) {
        int low = 0;
        int high = mappings.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(mappings.get(mid).end(), address) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Accumulates one VMA: its header line, then its counter lines. */
    private static final class Builder {
        private final long start;
        private final long end;
        private final String perms;
        private final long offset;
        private final String device;
        private final long inode;
        private final String path;
        private Set<String> vmFlags = Set.of();
        private long rss;
        private long pss;
        private long sharedClean;
        private long sharedDirty;
        private long privateClean;
        private long privateDirty;
        private long anonymous;
        private long ksm;
        private long anonHugePages;
        private long swap;

        /** Parses {@code "7f3a00000000-7f3a00021000 rw-p 00000000 00:00 0    [anon:x]"}. */
        Builder(String header) {
            try {
                int dash = header.indexOf('-');
                int afterRange = header.indexOf(' ', dash);
                start = Long.parseUnsignedLong(header, 0, dash, 16);
                end = Long.parseUnsignedLong(header, dash + 1, afterRange, 16);
                int afterPerms = header.indexOf(' ', afterRange + 1);
                perms = header.substring(afterRange + 1, afterPerms);
                int afterOffset = header.indexOf(' ', afterPerms + 1);
                offset = Long.parseUnsignedLong(header, afterPerms + 1, afterOffset, 16);
                int afterDevice = header.indexOf(' ', afterOffset + 1);
                device = header.substring(afterOffset + 1, afterDevice);
                int afterInode = header.indexOf(' ', afterDevice + 1);
                if (afterInode < 0) {
                    afterInode = header.length();
                }
                inode = Long.parseLong(header, afterDevice + 1, afterInode, 10);
                int pathStart = afterInode;
                while (pathStart < header.length() && header.charAt(pathStart) == ' ') {
                    pathStart++;
                }
                path = header.substring(pathStart);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("malformed smaps header: " + header, e);
            }
        }

        void counter(String line, int colon) {
            if (line.startsWith("VmFlags")) {
                vmFlags = parseFlags(line, colon + 1);
                return;
            }
            long bytes = PseudoFiles.parseNumberAfter(line, colon + 1) * KIB;
            switch (line.substring(0, colon)) {
                case "Rss": rss = bytes; break;
                case "Pss": pss = bytes; break;
                case "Shared_Clean": sharedClean = bytes; break;
                case "Shared_Dirty": sharedDirty = bytes; break;
                case "Private_Clean": privateClean = bytes; break;
                case "Private_Dirty": privateDirty = bytes; break;
                case "Anonymous": anonymous = bytes; break;
                case "KSM": ksm = bytes; break;
                case "AnonHugePages": anonHugePages = bytes; break;
                case "Swap": swap = bytes; break;
                default: break;
            }
        }

        private static Set<String> parseFlags(String line, int from) {
            Set<String> flags = new HashSet<>();
            int i = from;
            int length = line.length();
            while (i < length) {
                while (i < length && line.charAt(i) == ' ') {
                    i++;
                }
                int tokenEnd = i;
                while (tokenEnd < length && line.charAt(tokenEnd) != ' ') {
                    tokenEnd++;
                }
                if (tokenEnd > i) {
                    flags.add(line.substring(i, tokenEnd));
                }
                i = tokenEnd;
            }
            return Set.copyOf(flags);
        }

        Mapping build() {
            return new Mapping(start, end, perms, offset, device, inode, path, vmFlags, rss, pss, sharedClean,
                    sharedDirty, privateClean, privateDirty, anonymous, ksm, anonHugePages, swap);
        }
    }
}
