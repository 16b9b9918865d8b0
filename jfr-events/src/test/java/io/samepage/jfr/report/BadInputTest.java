package io.samepage.jfr.report;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file the report cannot use ends it with one line naming the file and the problem, and exit status 2. */
class BadInputTest {

    @TempDir
    Path dir;

    private String oneLine(List<Path> files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SamepageReport.run(files, dir.resolve("report.html"), new PrintWriter(out), new PrintWriter(err));
        assertEquals(SamepageReport.EXIT_BAD_INPUT, exit, err::toString);
        assertEquals("", out.toString(), "no report");
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err::toString);
        assertTrue(Files.notExists(dir.resolve("report.html")), "no HTML either");
        return lines.get(0);
    }

    @Test
    void aTextFileIsNotARecording() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "hello, not a recording\n");
        assertEquals("samepage report: " + text + " is not a JFR recording (bad magic: a JFR file starts with FLR)",
                oneLine(List.of(text)));
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertEquals("samepage report: " + empty + " is empty, not a JFR recording", oneLine(List.of(empty)));
    }

    @Test
    void aRecordingCutInHalfIsTruncated() throws Exception {
        Path whole = SyntheticRecording.record(dir.resolve("whole.jfr"), ReportFiguresTest::story);
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
        String line = oneLine(List.of(half));
        assertEquals("samepage report: " + half + " is truncated (the chunk at byte 0 needs " + bytes.length
                + " bytes, the file ends at byte " + bytes.length / 2 + ")", line);
        Path header = Files.write(dir.resolve("header.jfr"), Arrays.copyOf(bytes, 10));
        assertEquals("samepage report: " + header + " is truncated (the chunk at byte 0 needs a header, the file"
                + " ends at byte 10)", oneLine(List.of(header)));
    }

    @Test
    void aRecordingWithoutSamepageEventsSaysHowToRecordThem() throws Exception {
        Path jdkOnly = dir.resolve("jdk-only.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.JVMInformation");
            r.start();
            r.stop();
            r.dump(jdkOnly);
        }
        String line = oneLine(List.of(jdkOnly));
        assertTrue(line.startsWith("samepage report: " + jdkOnly + " has no samepage events ("), line);
        assertTrue(line.endsWith(" other events): record a JVM running samepage with"
                + " -XX:StartFlightRecording:settings=default,settings=samepage.jfc (java -jar samepage-agent.jar jfc"
                + " writes the file)"), line);
    }

    @Test
    void missingFilesDirectoriesAndRepeatsAreNamed() throws Exception {
        Path missing = dir.resolve("missing.jfr");
        assertEquals("samepage report: " + missing + " does not exist", oneLine(List.of(missing)));
        assertEquals("samepage report: " + dir + " is a directory, not a JFR recording", oneLine(List.of(dir)));
        Path good = SyntheticRecording.record(dir.resolve("good.jfr"), ReportFiguresTest::story);
        assertEquals("samepage report: " + good + " is given twice", oneLine(List.of(good, good)));
        assertEquals("samepage report: " + missing + " does not exist", oneLine(List.of(good, missing)),
                "the first bad file of several");
    }
}
