package io.samepage.linux;

import com.sun.jna.Native;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.VmSysctl;
import io.samepage.linux.syscall.Uffd;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.uffd.Userfaultfd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privilege matrix of linux-platform-notes.md §2, measured: a child JVM drops to user nobody with
 * setpriv(1) and runs {@link UnprivilegedProbe}. Marking memory works; KSM knobs, PFNs and a userfaultfd that
 * blocks kernel-mode writes do not.
 */
class UnprivilegedProcessTest {

    private static final int NOBODY = 65534;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void unprivilegedProcessMarksMemoryButControlsNothing() throws Exception {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        KernelFeatures.assume(Unistd.geteuid() == 0, "root, to start a child as nobody");
        KernelFeatures.assume(Files.isExecutable(SETPRIV), "setpriv(1)");

        Map<String, String> report = runAsNobody();

        assertEquals(Integer.toString(NOBODY), report.get("euid"), report.toString());
        assertEquals("0000000000000000", report.get("capEff"));
        assertEquals("true", report.get("pagemap.present"));
        assertEquals("0", report.get("pagemap.pfn"), "PFNs need CAP_SYS_ADMIN");
        assertEquals("false", report.get("ksm.canControlKsmd"));
        if (Ksm.isAvailable()) {
            assertEquals("true", report.get("ksm.available"));
            assertEquals("true", report.get("madvise.mergeable"), "MADV_MERGEABLE needs no privilege");
            String current = KsmSysfs.system().setting(KsmKnob.SLEEP_MILLISECS).orElseThrow();
            assertEquals("write /sys/kernel/mm/ksm/sleep_millisecs = " + current
                    + ": EACCES (Permission denied) (writing KSM knobs needs root)", report.get("ksm.write"));
        }
        boolean deviceOpenToAll = Files.getPosixFilePermissions(Path.of(Uffd.DEVICE)).contains(
                PosixFilePermission.OTHERS_READ);
        if (VmSysctl.unprivilegedUserfaultfd().orElse(1) == 0 && !deviceOpenToAll) {
            assertEquals("false", report.get("uffd.available"));
            assertEquals("false", report.get("uffd.blocksKernelWrites"));
            assertEquals(Userfaultfd.USER_MODE_ONLY_REASON, report.get("uffd.reason"));
        }
    }

    /** Copies what the child needs into a world-readable directory: the repository may not be readable by nobody. */
    private Map<String, String> runAsNobody() throws IOException, URISyntaxException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path classes = dir.resolve("classes");
        copyTree(location(Linux.class), classes);
        Path probe = Path.of(UnprivilegedProbe.class.getName().replace('.', '/') + ".class");
        Files.copy(location(UnprivilegedProbe.class).resolve(probe), classes.resolve(probe),
                StandardCopyOption.REPLACE_EXISTING);
        Path jna = Files.copy(location(Native.class), dir.resolve("jna.jar"));
        Path jnaTmp = Files.createDirectory(dir.resolve("jna-tmp"));
        Files.setPosixFilePermissions(jnaTmp, PosixFilePermissions.fromString("rwxrwxrwx"));

        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djna.tmpdir=" + jnaTmp));
        if (Runtime.version().feature() >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", classes + ":" + jna, UnprivilegedProbe.class.getName()));
        Process child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);

        Map<String, String> report = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                report.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return report;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
