package io.samepage.jfr.report;

import io.samepage.jfr.SamepageEvents;
import io.samepage.jfr.SamepageJfc;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recordings made in this JVM with samepage.jfc, of events a test commits through the façades, so that the report
 * can be checked against numbers the test chose. Several recordings may run at once: their dumps overlap, as two
 * dumps of one JVM's recording do.
 */
final class SyntheticRecording {

    private SyntheticRecording() {
    }

    /**
     * @param files  where to dump; one recording per file, all running while {@code events} commits
     * @param events commits the events
     */
    static void record(List<Path> files, Runnable events) throws Exception {
        SamepageEvents.registerAll();
        List<Recording> recordings = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Configuration samepage;
            try (Reader reader = new InputStreamReader(SamepageJfc.open(), StandardCharsets.UTF_8)) {
                samepage = Configuration.create(reader);
            }
            Recording r = new Recording(samepage);
            r.enable("jdk.JVMInformation");
            r.start();
            recordings.add(r);
        }
        try {
            events.run();
        } finally {
            for (int i = 0; i < files.size(); i++) {
                recordings.get(i).stop();
                recordings.get(i).dump(files.get(i));
                recordings.get(i).close();
            }
        }
    }

    /** @param file where to dump @param events commits the events */
    static Path record(Path file, Runnable events) throws Exception {
        record(List.of(file), events);
        return file;
    }
}
