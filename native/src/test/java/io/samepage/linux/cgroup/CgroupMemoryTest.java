package io.samepage.linux.cgroup;

import io.samepage.linux.PseudoFiles;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupMemoryTest {

    private static final String V1_UNLIMITED = "9223372036854771712\n";

    @TempDir
    Path root;

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private Path procCgroup(String content) throws IOException {
        return write("proc/self/cgroup", content);
    }

    @Test
    void v1UsesTheMemoryControllerLineOnAHybridHost() throws IOException {
        Path proc = procCgroup("9:name=systemd:/\n4:memory:/process_api/abc\n2:cpuacct:/\n0::/\n");
        Path fs = root.resolve("sys/fs/cgroup");
        write("sys/fs/cgroup/memory/process_api/abc/memory.usage_in_bytes", "142168064\n");
        write("sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", "536870912\n");
        write("sys/fs/cgroup/memory/process_api/abc/memory.stat", "cache 4096\nrss 1048576\nshmem 0\n");
        write("sys/fs/cgroup/memory/memory.usage_in_bytes", "999\n");

        CgroupMemory memory = CgroupMemory.detect(proc, fs).orElseThrow();

        assertEquals(CgroupMemory.Version.V1, memory.version());
        assertEquals(fs.resolve("memory/process_api/abc"), memory.directory());
        assertEquals(142168064, memory.usageBytes());
        assertEquals(536870912, memory.limitBytes().getAsLong());
        assertEquals(Map.of("cache", 4096L, "rss", 1048576L, "shmem", 0L), memory.stat());
    }

    @Test
    void v1UnlimitedFallsBackToTheHierarchicalLimit() throws IOException {
        Path proc = procCgroup("4:memory:/a\n");
        Path fs = root.resolve("cg");
        write("cg/memory/a/memory.usage_in_bytes", "1\n");
        write("cg/memory/a/memory.limit_in_bytes", V1_UNLIMITED);
        write("cg/memory/a/memory.stat", "rss 1\nhierarchical_memory_limit " + V1_UNLIMITED);
        assertTrue(CgroupMemory.detect(proc, fs).orElseThrow().limitBytes().isEmpty());

        write("cg/memory/a/memory.stat", "rss 1\nhierarchical_memory_limit 1073741824\n");
        assertEquals(1073741824L, CgroupMemory.detect(proc, fs).orElseThrow().limitBytes().getAsLong());
    }

    @Test
    void v1InAContainerFallsBackToTheMountRoot() throws IOException {
        // The host path printed in /proc/self/cgroup does not exist inside the container's mount.
        Path proc = procCgroup("11:memory:/docker/0123456789ab\n");
        Path fs = root.resolve("cg");
        write("cg/memory/memory.usage_in_bytes", "4096\n");
        CgroupMemory memory = CgroupMemory.detect(proc, fs).orElseThrow();
        assertEquals(fs.resolve("memory"), memory.directory());
        assertEquals(4096, memory.usageBytes());
        assertTrue(memory.stat().isEmpty());
    }

    @Test
    void v1CoMountedControllers() throws IOException {
        Path proc = procCgroup("3:cpu,memory:/job\n");
        Path fs = root.resolve("cg");
        write("cg/cpu,memory/job/memory.usage_in_bytes", "8192\n");
        assertEquals(fs.resolve("cpu,memory/job"), CgroupMemory.detect(proc, fs).orElseThrow().directory());
    }

    @Test
    void v2ReadsCurrentMaxAndStat() throws IOException {
        Path proc = procCgroup("0::/user.slice/session-1.scope\n");
        Path fs = root.resolve("cg");
        write("cg/user.slice/session-1.scope/memory.current", "52428800\n");
        write("cg/user.slice/session-1.scope/memory.max", "max\n");
        write("cg/user.slice/session-1.scope/memory.stat", "anon 41943040\nfile 8388608\nshmem 4096\n");

        CgroupMemory memory = CgroupMemory.detect(proc, fs).orElseThrow();

        assertEquals(CgroupMemory.Version.V2, memory.version());
        assertEquals(fs.resolve("user.slice/session-1.scope"), memory.directory());
        assertEquals(52428800, memory.usageBytes());
        assertTrue(memory.limitBytes().isEmpty());
        assertEquals(41943040L, memory.stat().get("anon"));

        write("cg/user.slice/session-1.scope/memory.max", "268435456\n");
        assertEquals(268435456L, memory.limitBytes().getAsLong());
    }

    @Test
    void v2InANamespaceUsesTheMountRoot() throws IOException {
        Path proc = procCgroup("0::/../../kubepods/pod1/ctr\n");
        Path fs = root.resolve("cg");
        write("cg/memory.current", "123\n");
        CgroupMemory memory = CgroupMemory.detect(proc, fs).orElseThrow();
        assertEquals(fs, memory.directory());
        assertEquals(123, memory.usageBytes());
    }

    @Test
    void noMemoryControllerIsEmpty() throws IOException {
        Path fs = root.resolve("cg");
        Files.createDirectories(fs);
        assertTrue(CgroupMemory.detect(procCgroup("0::/\n"), fs).isEmpty(), "v2 root cgroup has no memory.current");
        assertTrue(CgroupMemory.detect(procCgroup("2:cpuacct:/\n"), fs).isEmpty());
        assertTrue(CgroupMemory.detect(root.resolve("absent"), fs).isEmpty());
    }

    /** The reference machine is cgroup v1 with a memory controller. */
    @Test
    void detectsThisProcessesCgroup() {
        Path self = Path.of("/proc/self/cgroup");
        KernelFeatures.assume(Files.exists(self), "/proc/self/cgroup");
        String lines = PseudoFiles.read(self);
        boolean v1Memory = lines.lines().anyMatch(line -> line.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*"));
        KernelFeatures.assume(CgroupMemory.detectSelf().isPresent(), "a memory cgroup mounted under /sys/fs/cgroup");

        CgroupMemory memory = CgroupMemory.detectSelf().orElseThrow();

        assertEquals(v1Memory ? CgroupMemory.Version.V1 : CgroupMemory.Version.V2, memory.version());
        assertTrue(Files.isDirectory(memory.directory()));
        assertTrue(memory.usageBytes() > 1024 * 1024, "this JVM alone is charged more than 1 MiB");
        Map<String, Long> stat = memory.stat();
        assertTrue(stat.containsKey(memory.version() == CgroupMemory.Version.V1 ? "rss" : "anon"), stat.toString());
        memory.limitBytes().ifPresent(limit -> assertTrue(limit >= memory.usageBytes() / 2));
    }
}
