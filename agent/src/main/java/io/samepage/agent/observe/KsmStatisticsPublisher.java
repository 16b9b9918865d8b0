package io.samepage.agent.observe;

import io.samepage.jfr.KsmStatisticsEvent;
import io.samepage.linux.Page;
import io.samepage.linux.ksm.KsmCounters;
import io.samepage.linux.ksm.KsmProcessStat;
import io.samepage.linux.ksm.KsmSysfs;

import java.util.Optional;

/** The periodic {@code io.samepage.KsmStatistics} event: system counters from sysfs, this process's ksm_stat. */
public final class KsmStatisticsPublisher implements Runnable {

    private final KsmSysfs sysfs = KsmSysfs.system();

    /** Registers with JFR; runs only while a recording has the event enabled. @return whether JFR took it */
    public boolean register() {
        return KsmStatisticsEvent.registerPeriodic(this);
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
                c.pagesSharing() < 0 ? na : c.pagesSharing() * Page.BYTES);
    }
}
