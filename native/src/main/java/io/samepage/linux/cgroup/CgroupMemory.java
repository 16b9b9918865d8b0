package io.samepage.linux.cgroup;

import io.samepage.linux.PseudoFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The memory controller of one cgroup, v1 or v2.
 *
 * <p>Found from {@code /proc/self/cgroup}: a v1 line whose controller list contains {@code memory}
 * ({@code 4:memory:/path}) wins, because on a hybrid host the memory controller lives on the v1 hierarchy
 * even though a {@code 0::/path} line exists too; otherwise the v2 line. The path is looked up under the
 * controller's mount ({@code /sys/fs/cgroup/memory} for v1, {@code /sys/fs/cgroup} for v2). Inside a
 * container with its own cgroup namespace or a bind mount of its own cgroup, the path printed in
 * {@code /proc/self/cgroup} does not exist under the mount, and the mount root is the process's cgroup: then
 * the mount root is used.
 *
 * <p>Memory samepage frees shows up here as lower usage, minus about 240 bytes of kernel memory per VMA it
 * adds, which are charged to the cgroup too.
 */
public final class CgroupMemory {

    /** The cgroup version of a controller. */
    public enum Version {
        /** Legacy hierarchy: {@code memory.usage_in_bytes}, {@code memory.limit_in_bytes}. */
        V1,
        /** Unified hierarchy: {@code memory.current}, {@code memory.max}. */
        V2
    }

    /**
     * v1 prints "no limit" as {@code PAGE_COUNTER_MAX} pages rounded to the page size, e.g.
     * {@code 0x7ffffffffffff000}; the JDK's container support uses this same threshold.
     */
    static final long V1_UNLIMITED_MIN_BYTES = 0x7FFFFFFFFF000000L;

    private static final Path PROC_SELF_CGROUP = Path.of("/proc/self/cgroup");
    private static final Path CGROUP_MOUNT_ROOT = Path.of("/sys/fs/cgroup");

    private final Version version;
    private final Path directory;

    private CgroupMemory(Version version, Path directory) {
        this.version = version;
        this.directory = directory;
    }

    /**
     * The memory cgroup of this process.
     *
     * @return the cgroup, or empty when no memory controller is mounted where expected (or not Linux)
     */
    public static Optional<CgroupMemory> detectSelf() {
        return detect(PROC_SELF_CGROUP, CGROUP_MOUNT_ROOT);
    }

    /**
     * Finds the memory cgroup described by a {@code /proc/<pid>/cgroup} file under a cgroup mount root.
     *
     * @param procCgroup the {@code /proc/<pid>/cgroup} file, or a fabricated one
     * @param mountRoot  where cgroup file systems are mounted, normally {@code /sys/fs/cgroup}
     * @return the cgroup, or empty if the file is absent or no memory controller is found
     */
    public static Optional<CgroupMemory> detect(Path procCgroup, Path mountRoot) {
        Optional<String> content = PseudoFiles.readIfExists(procCgroup);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        String v1Path = null;
        String v1Controllers = null;
        String v2Path = null;
        for (String line : content.get().split("\n")) {
            // hierarchy-ID:controller-list:cgroup-path; the path may itself contain ':'.
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (line.startsWith("0:") && controllers.isEmpty()) {
                v2Path = path;
            } else if (v1Path == null && hasController(controllers, "memory")) {
                v1Path = path;
                v1Controllers = controllers;
            }
        }
        if (v1Path != null) {
            for (Path mount : new Path[] {mountRoot.resolve("memory"), mountRoot.resolve(v1Controllers)}) {
                Optional<Path> directory = locate(mount, v1Path, "memory.usage_in_bytes");
                if (directory.isPresent()) {
                    return Optional.of(new CgroupMemory(Version.V1, directory.get()));
                }
            }
        }
        if (v2Path != null) {
            return locate(mountRoot, v2Path, "memory.current").map(d -> new CgroupMemory(Version.V2, d));
        }
        return Optional.empty();
    }

    private static boolean hasController(String controllers, String name) {
        for (String controller : controllers.split(",")) {
            if (controller.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The cgroup's directory under the mount, else the mount root; whichever holds {@code marker}. */
    private static Optional<Path> locate(Path mount, String cgroupPath, String marker) {
        String relative = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        // A process outside its cgroup namespace's root sees "/../..": never resolve above the mount.
        Path nested = mount.resolve(relative).normalize();
        if (nested.startsWith(mount.normalize()) && Files.isRegularFile(nested.resolve(marker))) {
            return Optional.of(nested);
        }
        if (Files.isRegularFile(mount.resolve(marker))) {
            return Optional.of(mount);
        }
        return Optional.empty();
    }

    /**
     * The cgroup version of the memory controller.
     *
     * @return {@link Version#V1} or {@link Version#V2}
     */
    public Version version() {
        return version;
    }

    /**
     * The cgroup's directory.
     *
     * @return e.g. {@code /sys/fs/cgroup/memory/docker/abc} or {@code /sys/fs/cgroup/user.slice}
     */
    public Path directory() {
        return directory;
    }

    /**
     * Memory charged to the cgroup now, including page cache and kernel memory.
     *
     * @return {@code memory.current} (v2) or {@code memory.usage_in_bytes} (v1), in bytes
     * @throws UncheckedIOException if the file vanished (the cgroup was removed)
     */
    public long usageBytes() {
        String file = version == Version.V2 ? "memory.current" : "memory.usage_in_bytes";
        return PseudoFiles.readLong(directory.resolve(file))
                .orElseThrow(() -> new UncheckedIOException(new IOException(directory.resolve(file) + " is gone")));
    }

    /**
     * The hard limit of the cgroup.
     *
     * @return bytes, or empty when unlimited: v2 {@code memory.max} reads {@code max}; v1
     *         {@code memory.limit_in_bytes} reads a huge value, and so does the {@code hierarchical_memory_limit}
     *         of {@code memory.stat}, which covers limits set on an ancestor
     */
    public OptionalLong limitBytes() {
        if (version == Version.V2) {
            Optional<String> max = PseudoFiles.readIfExists(directory.resolve("memory.max")).map(String::strip);
            return max.isEmpty() || max.get().equals("max") ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(max.get()));
        }
        OptionalLong limit = PseudoFiles.readLong(directory.resolve("memory.limit_in_bytes"));
        if (limit.isPresent() && limit.getAsLong() < V1_UNLIMITED_MIN_BYTES) {
            return limit;
        }
        Long hierarchical = stat().get("hierarchical_memory_limit");
        return hierarchical != null && hierarchical < V1_UNLIMITED_MIN_BYTES
                ? OptionalLong.of(hierarchical) : OptionalLong.empty();
    }

    /**
     * The cgroup's {@code memory.stat}: {@code anon}, {@code file}, {@code shmem} (v2) or {@code rss},
     * {@code cache}, {@code shmem}, {@code total_*} (v1), among others.
     *
     * @return key to value in file order; byte counts in bytes, event counts as printed; empty if absent
     */
    public Map<String, Long> stat() {
        Path file = directory.resolve("memory.stat");
        Map<String, Long> stat = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return Collections.unmodifiableMap(stat);
        }
        try (BufferedReader reader = PseudoFiles.open(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    stat.put(line.substring(0, space), Long.parseLong(line, space + 1, line.length(), 10));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(stat);
    }

    @Override
    public String toString() {
        return "CgroupMemory[" + version + " " + directory + "]";
    }
}
