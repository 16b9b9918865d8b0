package io.samepage.jfr.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code samepage-agent.jar report <recording.jfr>... [--html report.html]}: reads samepage's events and the
 * JDK's from one or more recordings (a fleet: one or more per JVM) and prints what samepage saved, where, what
 * took it back, and why the rest did not merge; optionally also as one self-contained HTML file with charts.
 *
 * <p>Bad input never produces a stack trace: a file that is missing, not a recording, cut off, corrupt or
 * without samepage events ends the report with one line naming the file and the problem, and exit status
 * {@value #EXIT_BAD_INPUT}.
 */
public final class SamepageReport {

    /** Exit status of a report that was printed (and written). */
    public static final int EXIT_OK = 0;
    /** Exit status when the HTML file cannot be written. */
    public static final int EXIT_FAILED = 1;
    /** Exit status for a recording the report cannot use, as for any bad input to samepage's commands. */
    public static final int EXIT_BAD_INPUT = 2;

    private static final String PREFIX = "samepage report: ";

    private SamepageReport() {
    }

    /**
     * Reads the recordings and prints the report.
     *
     * @param recordings one or more recording files
     * @param html       where to write the HTML report, or {@code null} for none
     * @param out        where the text report goes
     * @param err        where the one line about bad input or a failed write goes
     * @return {@link #EXIT_OK}, {@link #EXIT_BAD_INPUT} or {@link #EXIT_FAILED}
     */
    public static int run(List<Path> recordings, Path html, PrintWriter out, PrintWriter err) {
        FleetReport report;
        try {
            report = read(recordings);
        } catch (BadRecordingException e) {
            err.println(PREFIX + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        out.print(TextReport.render(report));
        out.flush();
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(PREFIX + "cannot write " + html + " (" + e + ")");
                err.flush();
                return EXIT_FAILED;
            }
            out.println();
            out.println("HTML report: " + html);
            out.flush();
        }
        return EXIT_OK;
    }

    /**
     * @param recordings one or more recording files
     * @return the report's figures
     * @throws BadRecordingException on the first file the report cannot use
     */
    static FleetReport read(List<Path> recordings) throws BadRecordingException {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recording");
        }
        Set<Path> seen = new HashSet<>();
        List<RecordingContent> contents = new ArrayList<>();
        for (Path file : recordings) {
            if (!seen.add(file.toAbsolutePath().normalize())) {
                throw new BadRecordingException(file, "is given twice");
            }
            contents.add(RecordingReader.read(file));
        }
        return FleetReport.of(contents);
    }
}
