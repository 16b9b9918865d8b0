package io.samepage.agent.jmx;

import io.samepage.agent.kernel.KernelPath;
import io.samepage.agent.log.Log;
import io.samepage.agent.observe.AgentCounters;
import io.samepage.agent.observe.NotMergingReasons;
import io.samepage.agent.registry.RegionRegistry;
import io.samepage.linux.ksm.KsmSysfs;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/** Reads the live state on every attribute access; holds nothing of its own. */
public final class AgentMXBeanImpl implements AgentMXBean {

    private final RegionRegistry registry;
    private final AgentCounters counters;
    private final KernelPath kernel;

    /**
     * @param registry the regions
     * @param counters the totals
     * @param kernel   the kernel path
     */
    public AgentMXBeanImpl(RegionRegistry registry, AgentCounters counters, KernelPath kernel) {
        this.registry = registry;
        this.counters = counters;
        this.kernel = kernel;
    }

    /** Registers with the platform MBean server; a failure is one line, never an exception. */
    public void register() {
        register(this, OBJECT_NAME);
    }

    /**
     * Registers any of samepage's MXBeans; a failure is one line, never an exception.
     *
     * @param bean the MXBean
     * @param name its ObjectName
     */
    public static void register(Object bean, String name) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, new ObjectName(name));
        } catch (Exception | LinkageError e) {
            Log.problem("MXBean " + name + " not registered: " + e);
        }
    }

    @Override
    public int getLiveRegions() {
        return registry.size();
    }

    @Override
    public long getRegionsRegistered() {
        return counters.regionsRegistered();
    }

    @Override
    public long getRegionsFreed() {
        return counters.regionsFreed();
    }

    @Override
    public long getRegisteredBytes() {
        return registry.registeredBytes();
    }

    @Override
    public long getMarkedBytes() {
        return counters.markedBytes();
    }

    @Override
    public long getMergedBytes() {
        return counters.mergedBytes();
    }

    @Override
    public long getMergedBytesTotal() {
        return counters.mergedBytesTotal();
    }

    @Override
    public long getCowBreakPages() {
        return counters.cowBreakPages();
    }

    @Override
    public long getCowBreakBytes() {
        return counters.cowBreakBytes();
    }

    @Override
    public Map<String, Long> getNotMergeableBytesByReason() {
        return counters.refusedBytesByReason();
    }

    @Override
    public List<String> getProcessReasons() {
        return new NotMergingReasons(kernel, counters).get();
    }

    @Override
    public long getTransparentHugePageBytes() {
        return counters.transparentHugePageBytes();
    }

    @Override
    public boolean isKsmdRunning() {
        return KsmSysfs.system().counters().run() == 1;
    }

    @Override
    public int getMappingsInUse() {
        return kernel.marker().mappingsInUse();
    }
}
