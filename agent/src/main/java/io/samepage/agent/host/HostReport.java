package io.samepage.agent.host;

import io.samepage.linux.Linux;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.ProcMaps;
import io.samepage.linux.proc.VmSysctl;
import io.samepage.linux.uffd.UffdSupport;
import io.samepage.linux.uffd.Userfaultfd;

/**
 * A snapshot of what this host offers samepage, and the single start-up line that tells an operator.
 *
 * <p>Every probe is guarded: one that fails becomes a reason in the line, never an exception.
 */
public final class HostReport {

    private final String linuxUnavailable;
    private final String ksmUnavailable;
    private final int ksmdRun;
    private final boolean canControlKsmd;
    private final UffdSupport uffd;
    private final int maxMapCount;
    private final int mappings;

    private HostReport(String linuxUnavailable, String ksmUnavailable, int ksmdRun, boolean canControlKsmd,
                       UffdSupport uffd, int maxMapCount, int mappings) {
        this.linuxUnavailable = linuxUnavailable;
        this.ksmUnavailable = ksmUnavailable;
        this.ksmdRun = ksmdRun;
        this.canControlKsmd = canControlKsmd;
        this.uffd = uffd;
        this.maxMapCount = maxMapCount;
        this.mappings = mappings;
    }

    /** @return the host as it is now */
    public static HostReport probe() {
        if (!Linux.isAvailable()) {
            return new HostReport(Linux.unavailabilityCause().getMessage(), null, -1, false, null, -1, -1);
        }
        String ksmUnavailable = Ksm.isAvailable() ? null : Ksm.unavailabilityCause().getMessage();
        int run = ksmUnavailable == null ? KsmSysfs.system().counters().run() : -1;
        boolean canControl = ksmUnavailable == null && Ksm.canControlKsmd();
        return new HostReport(null, ksmUnavailable, run, canControl, Userfaultfd.probe(), VmSysctl.maxMapCount(),
                ProcMaps.countSelf());
    }

    /** @return whether the Linux native layer works here at all */
    public boolean linux() {
        return linuxUnavailable == null;
    }

    /** @return whether the kernel has KSM and {@code MADV_MERGEABLE} works */
    public boolean ksm() {
        return linux() && ksmUnavailable == null;
    }

    /** @return {@code /sys/kernel/mm/ksm/run}, or -1 without KSM */
    public int ksmdRun() {
        return ksmdRun;
    }

    /** @return whether this process may write KSM knobs (root, writable /sys) */
    public boolean canControlKsmd() {
        return canControlKsmd;
    }

    /** @return the userfaultfd probe result, or {@code null} off Linux */
    public UffdSupport userfaultfd() {
        return uffd;
    }

    /** @return {@code vm.max_map_count}, or -1 off Linux */
    public int maxMapCount() {
        return maxMapCount;
    }

    /**
     * @param version   {@code samepage x.y.z}
     * @param dynamic   whether the agent was attached to a running JVM
     * @param overrides options that differ from their defaults, {@code key=value,...}
     * @return the start-up line (without the {@code [samepage]} prefix)
     */
    public String startupLine(String version, boolean dynamic, String overrides) {
        StringBuilder line = new StringBuilder(version);
        line.append(dynamic ? " attached" : " started");
        if (!overrides.isEmpty()) {
            line.append(" with ").append(overrides);
        }
        line.append(" (JDK ").append(Runtime.version()).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append("): ");
        if (!linux()) {
            return line.append("Linux features unavailable: ").append(linuxUnavailable)
                    .append("; samepage is idle, the application runs on").toString();
        }
        if (ksm()) {
            line.append("KSM present; ksmd ").append(describeRun(ksmdRun));
            line.append(canControlKsmd ? ", this process may start it (root)"
                    : ", this process may not start it (needs root to write /sys/kernel/mm/ksm/run)");
        } else {
            line.append("KSM unavailable: ").append(ksmUnavailable);
        }
        line.append("; userfaultfd ");
        if (uffd.available()) {
            line.append("available, blocks kernel-mode writes");
        } else {
            line.append("unavailable: ").append(uffd.reason());
        }
        return line.append("; vm.max_map_count=").append(maxMapCount).append(", ").append(mappings)
                .append(" mappings in use").toString();
    }

    private static String describeRun(int run) {
        switch (run) {
            case 0: return "stopped (run=0: nothing merges)";
            case 1: return "running (run=1)";
            case 2: return "stopped and unmerging (run=2)";
            default: return "in unknown state (run=" + run + ")";
        }
    }
}
