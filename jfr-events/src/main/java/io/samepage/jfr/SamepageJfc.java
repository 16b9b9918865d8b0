package io.samepage.jfr;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code samepage.jfc} JFR settings file shipped in this jar. It configures only samepage's events, so
 * it is meant to be combined with a JDK configuration:
 * {@code -XX:StartFlightRecording:settings=default,settings=/path/to/samepage.jfc,filename=rec.jfr}.
 */
public final class SamepageJfc {

    /** The file name, as {@link #extractTo(Path)} writes it. */
    public static final String FILE_NAME = "samepage.jfc";

    /** The class-path resource holding the file. */
    public static final String RESOURCE = "/io/samepage/jfr/samepage.jfc";

    private SamepageJfc() {
    }

    /**
     * Opens the settings file, for {@code jdk.jfr.Configuration.create(Reader)} or for copying.
     *
     * @return a stream of the file's bytes (UTF-8 XML); the caller closes it
     * @throws IOException if the jar was repackaged without the resource
     */
    public static InputStream open() throws IOException {
        InputStream in = SamepageJfc.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new FileNotFoundException("class-path resource " + RESOURCE + " (jar repackaged without it?)");
        }
        return in;
    }

    /**
     * Writes the settings file into a directory, for {@code settings=} on the command line or in
     * {@code jcmd JFR.start}.
     *
     * <p>The file appears atomically, so that JVMs sharing the directory never read half of one.
     *
     * @param dir the directory, created if missing
     * @return the path of the written {@value #FILE_NAME}
     * @throws IOException if the directory or file cannot be written
     */
    public static Path extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE_NAME);
        Path temp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            try (InputStream in = open()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
