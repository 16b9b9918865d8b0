package io.samepage.jfr.report;

import io.samepage.jfr.EventNames;
import io.samepage.jfr.SamepageJfc;
import io.samepage.jfr.report.Observations.Collection;
import io.samepage.jfr.report.Observations.CpuLoad;
import io.samepage.jfr.report.Observations.DirectBuffers;
import io.samepage.jfr.report.Observations.Estimate;
import io.samepage.jfr.report.Observations.Free;
import io.samepage.jfr.report.Observations.KsmSample;
import io.samepage.jfr.report.Observations.MergeChange;
import io.samepage.jfr.report.Observations.Registration;
import io.samepage.jfr.report.Observations.ResidentSet;
import io.samepage.jfr.report.Observations.Scan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one recording file into a {@link RecordingContent}, or says in one line why it cannot.
 *
 * <p>Chunk sizes are checked and the whole file is read before anything is reported: {@code RecordingFile}
 * meets a cut-off file only where the bytes are missing, and then says {@code EOFException: Trying to read at
 * 313033, but file is only 156564 bytes} or {@code String size 32 exceeds available data} (both observed on
 * 17.0.15 and 25.0.3); a report built from the first half of a recording would be wrong without saying so.
 */
final class RecordingReader {

    /** Every JFR file starts with these four bytes. */
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    /** Magic, major and minor version, then the chunk's size in bytes (big-endian), which includes the header. */
    private static final int CHUNK_SIZE_OFFSET = 8;
    private static final int CHUNK_HEADER_BYTES = 16;

    private RecordingReader() {
    }

    /**
     * @param file a recording
     * @return what it holds
     * @throws BadRecordingException if it is missing, unreadable, not a recording, cut off or corrupt, or holds
     *                               no samepage event
     */
    static RecordingContent read(Path file) throws BadRecordingException {
        checkMagic(file);
        checkChunkSizes(file);
        Collector collector = new Collector();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                collector.accept(recording.readEvent());
            }
        } catch (IOException | RuntimeException | InternalError e) {
            // The parser meets garbage as IOException, or as whatever a bad offset or type ID throws next.
            throw new BadRecordingException(file, "is corrupt (" + oneLine(e) + ")");
        }
        if (collector.samepageEvents == 0) {
            throw new BadRecordingException(file, "has no samepage events (" + collector.events + " other events):"
                    + " record a JVM running samepage with -XX:StartFlightRecording:settings=default,settings="
                    + SamepageJfc.FILE_NAME + " (java -jar samepage-agent.jar jfc writes the file)");
        }
        return collector.content(file);
    }

    private static void checkMagic(Path file) throws BadRecordingException {
        if (Files.isDirectory(file)) {
            throw new BadRecordingException(file, "is a directory, not a JFR recording");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAGIC.length);
        } catch (NoSuchFileException e) {
            throw new BadRecordingException(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new BadRecordingException(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new BadRecordingException(file, "cannot be read (" + oneLine(e) + ")");
        }
        if (head.length == 0) {
            throw new BadRecordingException(file, "is empty, not a JFR recording");
        }
        if (!java.util.Arrays.equals(head, MAGIC)) {
            throw new BadRecordingException(file, "is not a JFR recording (bad magic: a JFR file starts with FLR)");
        }
    }

    /**
     * A recording is a sequence of chunks, each starting with {@code FLR\0}, a version and its own size. A file
     * whose chunks add up to more than it holds was cut off: copied while being written, or a disk filled up.
     */
    private static void checkChunkSizes(Path file) throws BadRecordingException {
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long fileSize = in.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(CHUNK_HEADER_BYTES);
            while (offset < fileSize) {
                header.clear();
                in.position(offset);
                while (header.hasRemaining() && in.read(header) > 0) {
                    // read the whole header, or up to the end of the file
                }
                long chunkSize = header.position() == CHUNK_HEADER_BYTES ? header.getLong(CHUNK_SIZE_OFFSET) : -1;
                if (chunkSize < 0 || offset + chunkSize > fileSize) {
                    throw new BadRecordingException(file, "is truncated (the chunk at byte " + offset + " needs "
                            + (chunkSize < 0 ? "a header" : chunkSize + " bytes") + ", the file ends at byte "
                            + fileSize + ")");
                }
                if (chunkSize == 0) {
                    throw new BadRecordingException(file, "is corrupt (the chunk at byte " + offset + " has size 0:"
                            + " a chunk still being written?)");
                }
                offset += chunkSize;
            }
        } catch (IOException e) {
            throw new BadRecordingException(file, "cannot be read (" + oneLine(e) + ")");
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /** Keeps what the report needs from each event, by event name. */
    private static final class Collector {
        private long pid = -1;
        private Instant jvmStart = Instant.EPOCH;
        private Instant first;
        private Instant last;
        private int samepageEvents;
        private long events;
        private final List<Registration> registrations = new ArrayList<>();
        private final List<Free> frees = new ArrayList<>();
        private final List<MergeChange> mergeChanges = new ArrayList<>();
        private final List<KsmSample> ksm = new ArrayList<>();
        private final List<Scan> scans = new ArrayList<>();
        private final List<Estimate> estimates = new ArrayList<>();
        private final List<DirectBuffers> directBuffers = new ArrayList<>();
        private final List<ResidentSet> residentSet = new ArrayList<>();
        private final List<Collection> collections = new ArrayList<>();
        private final List<CpuLoad> cpu = new ArrayList<>();

        void accept(RecordedEvent e) {
            events++;
            Instant t = e.getStartTime();
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
            String name = e.getEventType().getName();
            if (name.startsWith(EventNames.PREFIX)) {
                samepageEvents++;
                acceptSamepage(name, t, e);
            } else {
                acceptJdk(name, t, e);
            }
        }

        private void acceptSamepage(String name, Instant t, RecordedEvent e) {
            switch (name) {
                case EventNames.REGION_REGISTERED:
                    registrations.add(new Registration(t, e.getLong("regionId"), e.getLong("size"),
                            text(e, "source"), e.getBoolean("mergeable"), text(e, "reason"), site(e)));
                    break;
                case EventNames.REGION_FREED:
                    frees.add(new Free(t, e.getLong("regionId"), e.getLong("size"), text(e, "source"), site(e),
                            e.getLong("mergedBytesAtFree")));
                    break;
                case EventNames.PAGE_MERGE:
                case EventNames.COW_BREAK:
                    boolean cow = name.equals(EventNames.COW_BREAK);
                    mergeChanges.add(new MergeChange(t, e.getLong("regionId"), text(e, "source"), site(e),
                            text(e, "engine"), cow, e.getLong("pages"), e.getLong(cow ? "bytes" : "bytesSaved"),
                            e.getLong("regionMergedBytes")));
                    break;
                case EventNames.KSM_STATISTICS:
                    ksm.add(new KsmSample(t, text(e, "kernelBootId"), e.getInt("run"), e.getLong("pagesShared"),
                            e.getLong("pagesSharing"), e.getLong("pagesUnshared"), e.getLong("pagesVolatile"),
                            e.getLong("fullScans"), e.getLong("pagesSkipped"), e.getLong("generalProfit"),
                            e.getLong("bytesSaved"), e.getLong("processMergingPages"), e.getLong("processProfit"),
                            text(e, "notMergingReasons")));
                    break;
                case EventNames.DEDUP_SCAN:
                    scans.add(new Scan(t, e.getLong("pagesScanned"), e.getLong("pagesVolatile"),
                            e.getLong("pagesShared"), e.getLong("pagesSharing"), e.getLong("fullScans"),
                            text(e, "mode")));
                    break;
                case EventNames.SAVINGS_ESTIMATE:
                    estimates.add(new Estimate(t, text(e, "scope"), e.getLong("regionId"), text(e, "allocationSite"),
                            e.getLong("scannedBytes"), e.getLong("duplicateBytes"), e.getLong("zeroBytes"),
                            e.getLong("uniqueBytes"), e.getLong("volatileBytes"), e.getLong("savableBytes")));
                    break;
                default:
                    break;
            }
        }

        private void acceptJdk(String name, Instant t, RecordedEvent e) {
            switch (name) {
                case "jdk.JVMInformation":
                    pid = e.getLong("pid");
                    jvmStart = e.getInstant("jvmStartTime");
                    break;
                case "jdk.DirectBufferStatistics":
                    directBuffers.add(new DirectBuffers(t, e.getLong("count"), e.getLong("memoryUsed")));
                    break;
                case "jdk.ResidentSetSize":
                    residentSet.add(new ResidentSet(t, e.getLong("size")));
                    break;
                case "jdk.GarbageCollection":
                    collections.add(new Collection(e.getLong("gcId"), t, duration(e, "sumOfPauses"),
                            duration(e, "longestPause")));
                    break;
                case "jdk.CPULoad":
                    cpu.add(new CpuLoad(t, e.getFloat("jvmUser") + e.getFloat("jvmSystem"),
                            e.getFloat("machineTotal")));
                    break;
                default:
                    break;
            }
        }

        RecordingContent content(Path file) {
            return new RecordingContent(file, pid, jvmStart, first, last, samepageEvents, registrations, frees,
                    mergeChanges, ksm, scans, estimates, directBuffers, residentSet, collections, cpu);
        }

        /** A string field, empty when null or missing (a recording from an older agent). */
        private static String text(RecordedEvent e, String field) {
            if (!e.hasField(field)) {
                return "";
            }
            String value = e.getString(field);
            return value == null ? "" : value;
        }

        private static String site(RecordedEvent e) {
            String site = text(e, "allocationSite");
            return site.isEmpty() ? "(unknown site)" : site;
        }

        private static Duration duration(RecordedEvent e, String field) {
            Duration d = e.getDuration(field);
            return d == null ? Duration.ZERO : d;
        }
    }
}
