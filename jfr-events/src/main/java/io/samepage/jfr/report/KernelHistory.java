package io.samepage.jfr.report;

import io.samepage.jfr.report.Observations.KsmSample;
import io.samepage.jfr.report.TimeSeries.Point;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The system-wide KSM counters of one kernel, from the samples of every JVM that ran on it. All JVMs on a kernel
 * read the same counters, so they are counted once per kernel (told apart by boot ID), never summed over JVMs.
 *
 * @param label   how the report names it: the boot ID's first group, or the JVM when the boot ID is unknown
 * @param samples every JVM's samples on this kernel, in time order
 */
record KernelHistory(String label, List<KsmSample> samples) {

    /**
     * @param jvms the JVMs
     * @return one history per kernel that any JVM sampled, in the order first seen
     */
    static List<KernelHistory> of(List<JvmHistory> jvms) {
        Map<String, LinkedHashSet<KsmSample>> byKernel = new LinkedHashMap<>();
        for (JvmHistory jvm : jvms) {
            for (KsmSample s : jvm.ksm()) {
                String label = s.bootId().isEmpty() ? "unknown (pid " + jvm.pid() + ")"
                        : s.bootId().substring(0, Math.min(8, s.bootId().length()));
                byKernel.computeIfAbsent(label, k -> new LinkedHashSet<>()).add(s);
            }
        }
        List<KernelHistory> kernels = new ArrayList<>();
        byKernel.forEach((label, samples) -> {
            List<KsmSample> sorted = new ArrayList<>(samples);
            sorted.sort(Comparator.comparing(KsmSample::time));
            kernels.add(new KernelHistory(label, List.copyOf(sorted)));
        });
        return kernels;
    }

    /** @return the earliest sample */
    KsmSample first() {
        return samples.get(0);
    }

    /** @return the latest sample: the kernel's state at the end */
    KsmSample last() {
        return samples.get(samples.size() - 1);
    }

    /** @return whether the kernel has KSM (its counters are not -1) */
    boolean hasKsm() {
        return last().pagesSharing() >= 0;
    }

    /** @return bytes KSM saved system-wide at the end: pages_sharing times the page size */
    long savedAtEnd() {
        return Math.max(0, last().bytesSaved());
    }

    /** @return how much that grew (or shrank) from the first sample to the last */
    long savedChange() {
        return savedAtEnd() - Math.max(0, first().bytesSaved());
    }

    /** @return bytes saved system-wide over time */
    TimeSeries saved() {
        return TimeSeries.of(samples.stream().filter(s -> s.bytesSaved() >= 0)
                .map(s -> new Point(s.time(), s.bytesSaved())).toList());
    }
}
