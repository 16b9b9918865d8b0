package io.samepage.agent.observe;

import io.samepage.jfr.KsmStatisticsEvent;
import io.samepage.linux.Page;
import io.samepage.linux.ksm.KsmCounters;
import io.samepage.linux.ksm.KsmProcessStat;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.KernelBootId;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The periodic {@code io.samepage.KsmStatistics} event: system counters from sysfs, this process's ksm_stat, the
 * kernel's boot ID (so a report over many JVMs counts the system-wide figures once per kernel) and why this
 * process's memory will not merge.
 */
public final class KsmStatisticsPublisher implements Runnable {

    private final KsmSysfs sysfs = KsmSysfs.system();
    private final String bootId = KernelBootId.read().orElse("");
    private final Supplier<List<String>> notMergingReasons;

    /** @param notMergingReasons why this process's memory will not merge now, one clause each */
    public KsmStatisticsPublisher(Supplier<List<String>> notMergingReasons) {
        this.notMergingReasons = notMergingReasons;
    }

    /**
     * Registers with JFR, which runs it once per period while a recording has the event enabled, and records one
     * sample now: JFR's first periodic run comes a whole period later, and a report needs the state before merging
     * began to show what changed.
     *
     * @return whether JFR took it
     */
    public boolean register() {
        boolean registered = KsmStatisticsEvent.registerPeriodic(this);
        if (registered && KsmStatisticsEvent.enabled()) {
            run();
        }
        return registered;
    }

    /** Unregisters from JFR. */
    public void unregister() {
        KsmStatisticsEvent.unregisterPeriodic(this);
    }

    @Override
    public void run() {
        KsmCounters c = sysfs.counters();
        Optional<KsmProcessStat> p = KsmProcessStat.readSelf();
        long na = KsmStatisticsEvent.NOT_AVAILABLE;
        KsmStatisticsEvent.commit(c.run(), c.pagesShared(), c.pagesSharing(), c.pagesUnshared(), c.pagesVolatile(),
                c.fullScans(), c.pagesScanned(), c.pagesSkipped(), c.stableNodeChains(), c.stableNodeDups(),
                c.ksmZeroPages(), c.generalProfit(),
                p.map(KsmProcessStat::rmapItems).orElse(na), p.map(KsmProcessStat::zeroPages).orElse(na),
                p.map(KsmProcessStat::mergingPages).orElse(na), p.map(KsmProcessStat::processProfit).orElse(na),
                p.map(KsmProcessStat::mergeAny).orElse(false), p.map(KsmProcessStat::mergeable).orElse(false),
                c.pagesSharing() < 0 ? na : c.pagesSharing() * Page.BYTES, bootId,
                String.join("\n", notMergingReasons.get()));
    }
}
