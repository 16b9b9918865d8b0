package io.samepage.agent.observe;

import io.samepage.agent.kernel.KernelPath;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one answer to "why will this process's memory not merge now?": the kernel path's reasons (KSM missing,
 * ksmd stopped, mapping budget, heap) and the sampler's huge-page findings. The MXBean's {@code ProcessReasons}
 * and the {@code KsmStatistics} event both read it.
 */
public final class NotMergingReasons implements Supplier<List<String>> {

    private final KernelPath kernel;
    private final AgentCounters counters;

    /**
     * @param kernel   the kernel path
     * @param counters the sampler's totals
     */
    public NotMergingReasons(KernelPath kernel, AgentCounters counters) {
        this.kernel = kernel;
        this.counters = counters;
    }

    /** @return one clause per reason; empty when nothing stands in the way */
    @Override
    public List<String> get() {
        List<String> reasons = new ArrayList<>(kernel.processReasons());
        reasons.addAll(counters.hugePageReasons());
        return reasons;
    }
}
