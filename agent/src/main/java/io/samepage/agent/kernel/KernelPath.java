package io.samepage.agent.kernel;

import io.samepage.agent.config.AgentOptions;
import io.samepage.agent.config.Options;
import io.samepage.agent.log.Log;
import io.samepage.linux.SyscallException;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmSettingsRestore;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.VmSysctl;
import io.samepage.linux.syscall.Prctl;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel path as configured by the options: marker, mapping budget, heap marker, process scope and the
 * optional ksmd start with its restore. Also answers "why will this process's memory not merge?".
 */
public final class KernelPath {

    private final String ksmUnavailable;
    private final boolean processScope;
    private final String processScopeFallback;
    private final KernelMarker marker;
    private final MappingBudget budget;
    private final HeapMarker heap;
    private final boolean canControlKsmd;
    private volatile KsmSettingsRestore ksmdRestore;

    private KernelPath(String ksmUnavailable, boolean processScope, String processScopeFallback,
                       MappingBudget budget, ExcludedSites excluded, HeapMarker heap, boolean canControlKsmd) {
        this.ksmUnavailable = ksmUnavailable;
        this.processScope = processScope;
        this.processScopeFallback = processScopeFallback;
        this.budget = budget;
        this.marker = new KernelMarker(ksmUnavailable, processScope, budget, excluded);
        this.heap = heap;
        this.canControlKsmd = canControlKsmd;
    }

    /**
     * Sets up the kernel path. Cheap: no JMX, no threads; the heap marker starts later on the sampler thread.
     *
     * @param options the agent options
     * @return the kernel path
     */
    public static KernelPath create(AgentOptions options) {
        String ksmUnavailable = Ksm.isAvailable() ? null : Ksm.unavailabilityCause().getMessage();
        MappingBudget budget = MappingBudget.forThisProcess(VmSysctl.maxMapCount(), options.get(Options.MAPS_LIMIT));
        boolean processScope = false;
        String fallback = null;
        if (ksmUnavailable == null && "process".equals(options.get(Options.SCOPE))) {
            try {
                Prctl.setMemoryMerge(true);
                processScope = true;
            } catch (SyscallException e) {
                fallback = "scope=process unavailable (" + e.getMessage()
                        + "; PR_SET_MEMORY_MERGE needs Linux 6.4+): marking regions instead";
                Log.problem(fallback);
            }
        }
        HeapMarker heap = options.get(Options.HEAP) && ksmUnavailable == null && !processScope
                ? new HeapMarker(budget) : null;
        KernelPath path = new KernelPath(ksmUnavailable, processScope, fallback, budget,
                new ExcludedSites(options.get(Options.EXCLUDE)), heap,
                ksmUnavailable == null && Ksm.canControlKsmd());
        if ("run".equals(options.get(Options.KSMD))) {
            path.startKsmd();
        }
        return path;
    }

    private void startKsmd() {
        if (ksmUnavailable != null) {
            Log.problem("ksmd=run ignored: KSM unavailable (" + ksmUnavailable + ")");
            return;
        }
        if (!canControlKsmd) {
            Log.problem("ksmd=run ignored: writing /sys/kernel/mm/ksm/run needs root; ask the host's admin to run"
                    + " 'echo 1 > /sys/kernel/mm/ksm/run'");
            return;
        }
        KsmSysfs sysfs = KsmSysfs.system();
        KsmSettingsRestore restore = sysfs.saveForRestore();
        try {
            sysfs.write(KsmKnob.RUN, "1");
        } catch (RuntimeException e) {
            restore.close();
            Log.problem("ksmd=run failed: " + e.getMessage());
            return;
        }
        ksmdRestore = restore;
        Runtime.getRuntime().addShutdownHook(new Thread(this::restoreKsmd, "samepage-ksm-restore"));
        Log.info("ksmd started (ksmd=run); the host's KSM settings are restored when this JVM exits");
    }

    /** Restores host KSM settings changed by {@code ksmd=run}; idempotent. */
    public void restoreKsmd() {
        KsmSettingsRestore restore = ksmdRestore;
        ksmdRestore = null;
        if (restore != null) {
            restore.close();
        }
    }

    /** @return the region marker */
    public KernelMarker marker() {
        return marker;
    }

    /** @return the heap marker when {@code heap=on} (and KSM and region scope), else {@code null} */
    public HeapMarker heap() {
        return heap;
    }

    /** @return whether {@code PR_SET_MEMORY_MERGE} covers the whole process */
    public boolean processScope() {
        return processScope;
    }

    /** @return why memory of this process will not merge now, one clause each; empty when nothing stands in the way */
    public List<String> processReasons() {
        List<String> reasons = new ArrayList<>();
        if (ksmUnavailable != null) {
            reasons.add("KSM unavailable: " + ksmUnavailable);
            return reasons;
        }
        int run = KsmSysfs.system().counters().run();
        if (run != 1) {
            reasons.add("ksmd not running (run=" + run + "): nothing merges until root writes 1 to"
                    + " /sys/kernel/mm/ksm/run; " + (canControlKsmd
                    ? "this process may start it (option ksmd=run)"
                    : "this process may not start it (needs root)"));
        }
        if (processScopeFallback != null) {
            reasons.add(processScopeFallback);
        }
        if (heap != null && heap.unavailableReason() != null) {
            reasons.add("heap not marked: " + heap.unavailableReason());
        }
        if (budget.mappingsInUse() >= 0 && !budget.admitCheckOnly()) {
            reasons.add(budget.exhaustedReason());
        }
        return reasons;
    }
}
