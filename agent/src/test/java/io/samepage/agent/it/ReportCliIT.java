package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar samepage-agent.jar report} on bad input, as an operator meets it: one line on stderr naming the
 * file and the problem, exit status 2, nothing on stdout, never a stack trace. And {@code jfc} writes the settings.
 */
class ReportCliIT {

    private static final Duration RUN = Duration.ofSeconds(60);

    private static void oneLine(String expected, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("-jar", ChildJvm.agentJar().toString(), "report"));
        command.addAll(List.of(args));
        ChildJvm.Result r = ChildJvm.run(RUN, command.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        assertEquals(List.of(expected), r.stderr().lines().toList(), r::toString);
    }

    @Test
    void badRecordingsEndTheReportWithOneLine(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("app.log"), "2026-11-22 INFO started\n");
        oneLine("samepage report: " + text + " is not a JFR recording (bad magic: a JFR file starts with FLR)",
                text.toString());

        // A real recording, of a JVM without samepage.
        Path plain = dir.resolve("plain.jfr");
        ChildJvm.Result recorded = ChildJvm.run(RUN, "-XX:StartFlightRecording:filename=" + plain, "-version");
        assertEquals(0, recorded.exitCode(), recorded::toString);
        ChildJvm.Result none = ChildJvm.run(RUN, "-jar", ChildJvm.agentJar().toString(), "report", plain.toString());
        assertEquals(2, none.exitCode(), none::toString);
        assertEquals(1, none.stderr().lines().count(), none::toString);
        assertTrue(none.stderr().startsWith("samepage report: " + plain + " has no samepage events ("), none::toString);

        byte[] bytes = Files.readAllBytes(plain);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
        oneLine("samepage report: " + half + " is truncated (the chunk at byte 0 needs " + bytes.length
                + " bytes, the file ends at byte " + bytes.length / 2 + ")", half.toString());

        Path missing = dir.resolve("missing.jfr");
        oneLine("samepage report: " + missing + " does not exist", missing.toString(), "--html",
                dir.resolve("r.html").toString());
        assertTrue(Files.notExists(dir.resolve("r.html")));
    }

    @Test
    void withoutARecordingItSaysHowToCallIt() {
        ChildJvm.Result r = ChildJvm.run(RUN, "-jar", ChildJvm.agentJar().toString(), "report");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().startsWith("samepage: Missing required parameter: '<recording.jfr>'. Usage: samepage"
                + " report"), r::toString);
    }

    @Test
    void jfcWritesTheSettingsFile(@TempDir Path dir) throws Exception {
        ChildJvm.Result r = ChildJvm.run(RUN, "-jar", ChildJvm.agentJar().toString(), "jfc", dir.toString());
        assertEquals(0, r.exitCode(), r::toString);
        Path jfc = dir.resolve("samepage.jfc");
        assertEquals(jfc.toString(), r.stdout().strip());
        assertTrue(Files.readString(jfc).contains("<event name=\"io.samepage.KsmStatistics\">"));
    }
}
