package io.samepage.linux;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the small text files of {@code /proc}, {@code /sys} and the cgroup file systems.
 *
 * <p>These files report a size of 0 or 4096 whatever their content, so they are read to end of file. Reads
 * go through {@link FileInputStream}, never NIO channels: a channel read into a heap array borrows a
 * temporary direct buffer that the JDK then caches per thread, and a monitoring thread that polls
 * {@code /proc} would pin one in every thread that ever polled. {@code FileInputStream} copies through a
 * stack buffer instead. This is also why {@code Files.readAllLines} and {@code Files.readString} are not used;
 * the latter is even wrong here: for a file that reports size 0 it reads one byte first, and a sysctl
 * answers any read at a non-zero offset with end of file, so it returns {@code "6"} for {@code "65530"}.
 * Reads here ask for {@link #READ_CHUNK_BYTES} at once, which holds any sysctl or sysfs value whole.
 */
public final class PseudoFiles {

    /** Matches the JDK's stack buffer in {@code FileInputStream.readBytes}; larger reads would malloc per call. */
    public static final int READ_CHUNK_BYTES = 8192;

    private PseudoFiles() {
    }

    /**
     * Opens a file for reading line by line.
     *
     * @param file the file
     * @return a reader decoding UTF-8 (paths in {@code /proc/<pid>/maps} are raw bytes, usually UTF-8)
     * @throws UncheckedIOException with a {@link NoSuchFileException} if the file does not exist
     */
    public static BufferedReader open(Path file) {
        return new BufferedReader(new InputStreamReader(openStream(file), StandardCharsets.UTF_8), READ_CHUNK_BYTES);
    }

    /**
     * Opens a file as a byte stream.
     *
     * @param file the file
     * @return the stream
     * @throws UncheckedIOException with a {@link NoSuchFileException} if the file does not exist
     */
    public static InputStream openStream(Path file) {
        try {
            return new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            // FileInputStream folds every open failure into FileNotFoundException; callers need to tell absence
            // (an optional kernel feature) from refusal (a privilege problem).
            if (Files.notExists(file)) {
                NoSuchFileException absent = new NoSuchFileException(file.toString());
                absent.initCause(e);
                throw new UncheckedIOException(absent);
            }
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a whole file.
     *
     * @param file the file
     * @return its content, decoded as UTF-8
     * @throws UncheckedIOException with a {@link NoSuchFileException} if the file does not exist
     */
    public static String read(Path file) {
        try (InputStream in = openStream(file)) {
            ByteArrayOutputStream content = new ByteArrayOutputStream(256);
            byte[] chunk = new byte[READ_CHUNK_BYTES];
            int n;
            while ((n = in.read(chunk)) > 0) {
                content.write(chunk, 0, n);
            }
            return content.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a whole file if it exists.
     *
     * @param file the file
     * @return its content, or empty if it does not exist
     * @throws UncheckedIOException if it exists but cannot be read
     */
    public static Optional<String> readIfExists(Path file) {
        try {
            return Optional.of(read(file));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Reads a file that holds one decimal number, such as a sysctl or a KSM counter.
     *
     * @param file the file
     * @return the number, or empty if the file does not exist
     * @throws NumberFormatException if the content is not one decimal number
     * @throws UncheckedIOException  if it exists but cannot be read
     */
    public static OptionalLong readLong(Path file) {
        Optional<String> content = readIfExists(file);
        return content.isPresent() ? OptionalLong.of(Long.parseLong(content.get().strip())) : OptionalLong.empty();
    }

    /**
     * Parses the number of a {@code "Key:   1234 kB"} line, as found in {@code /proc/meminfo},
     * {@code /proc/<pid>/status} and {@code /proc/<pid>/smaps}.
     *
     * @param line  the line
     * @param begin index where the number or the blanks before it start, typically just after the colon
     * @return the number, or -1 if there is none
     */
    public static long parseNumberAfter(String line, int begin) {
        int i = begin;
        int length = line.length();
        while (i < length && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        long value = 0;
        int start = i;
        while (i < length) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        return i == start ? -1 : value;
    }
}
