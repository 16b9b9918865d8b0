package io.samepage.linux;

import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PseudoFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsFilesThatReportNoSize() {
        // /proc files report size 0; reading must go to end of file anyway.
        Path version = Path.of("/proc/version");
        if (Files.exists(version)) {
            assertTrue(PseudoFiles.read(version).startsWith("Linux version"));
        }
    }

    /**
     * A sysctl returns end of file for any read at a non-zero offset. {@code Files.readString} reads a file
     * that reports size 0 one byte first, so it returns "6" for "65530"; one large read gets it all.
     */
    @Test
    void readsSysctlsWhole() throws Exception {
        Path sysctl = Path.of("/proc/sys/vm/max_map_count");
        KernelFeatures.assume(Files.exists(sysctl), "/proc/sys/vm/max_map_count");
        String expected = cat(sysctl);
        assertEquals(expected, PseudoFiles.read(sysctl));
        assertEquals(expected.strip(), Long.toString(PseudoFiles.readLong(sysctl).getAsLong()));
    }

    /**
     * Reads a file with cat(1), independently of the code under test.
     *
     * @param file the file
     * @return its content
     * @throws Exception if cat fails
     */
    public static String cat(Path file) throws Exception {
        Process cat = new ProcessBuilder("cat", file.toString()).redirectErrorStream(true).start();
        String out = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cat.waitFor(), out);
        return out;
    }

    @Test
    void absenceIsEmptyAndDistinguishable() throws Exception {
        Path missing = dir.resolve("missing");
        assertTrue(PseudoFiles.readIfExists(missing).isEmpty());
        assertTrue(PseudoFiles.readLong(missing).isEmpty());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PseudoFiles.read(missing));
        assertInstanceOf(NoSuchFileException.class, e.getCause());

        Files.writeString(dir.resolve("n"), "65530\n");
        assertEquals(65530, PseudoFiles.readLong(dir.resolve("n")).getAsLong());
    }

    @Test
    void parsesKibLines() {
        assertEquals(51234, PseudoFiles.parseNumberAfter("VmRSS:\t   51234 kB", 6));
        assertEquals(0, PseudoFiles.parseNumberAfter("KSM:                   0 kB", 4));
        assertEquals(-1, PseudoFiles.parseNumberAfter("VmFlags: rd wr", 8));
    }
}
