package io.samepage.jfr.report;

import java.nio.file.Path;

/**
 * A file the report cannot use, with one line that names the file and what is wrong with it; the report prints
 * that line alone, never a stack trace.
 */
public final class BadRecordingException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param file    the file
     * @param problem what is wrong, worded to follow the file name: "is not a JFR recording (bad magic)"
     */
    BadRecordingException(Path file, String problem) {
        super(file + " " + problem);
    }
}
