package io.samepage.jfr.report;

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

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one recording file holds that the report uses, read by {@link RecordingReader}.
 *
 * @param file           the file
 * @param pid            the recorded JVM's process ID from {@code jdk.JVMInformation}, or -1
 * @param jvmStart       when that JVM started, or {@link Instant#EPOCH}; with the pid it tells JVMs apart
 * @param first          the earliest event
 * @param last           the latest event
 * @param samepageEvents how many {@code io.samepage.*} events the file holds
 * @param registrations  region registrations
 * @param frees          region frees
 * @param mergeChanges   merges and copy-on-write breaks per region per interval
 * @param ksm            KSM statistics samples
 * @param scans          in-process engine scans
 * @param estimates      savings estimate rows
 * @param directBuffers  the JDK's direct buffer statistics
 * @param residentSet    the JDK's resident set size samples
 * @param collections    the JDK's garbage collections
 * @param cpu            the JDK's CPU load samples
 */
record RecordingContent(Path file, long pid, Instant jvmStart, Instant first, Instant last, int samepageEvents,
        List<Registration> registrations, List<Free> frees, List<MergeChange> mergeChanges, List<KsmSample> ksm,
        List<Scan> scans, List<Estimate> estimates, List<DirectBuffers> directBuffers, List<ResidentSet> residentSet,
        List<Collection> collections, List<CpuLoad> cpu) {
}
