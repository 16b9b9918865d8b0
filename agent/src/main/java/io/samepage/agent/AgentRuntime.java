package io.samepage.agent;

import io.samepage.agent.config.AgentOptions;
import io.samepage.agent.config.Options;
import io.samepage.agent.dedup.DedupRunner;
import io.samepage.agent.instrument.HookInstaller;
import io.samepage.agent.instrument.InjectedHooks;
import io.samepage.agent.instrument.OwnedMemory;
import io.samepage.agent.jmx.AgentMXBeanImpl;
import io.samepage.agent.jmx.DeduplicatorMXBean;
import io.samepage.agent.kernel.HeapMarker;
import io.samepage.agent.kernel.KernelPath;
import io.samepage.agent.log.Log;
import io.samepage.agent.observe.AgentCounters;
import io.samepage.agent.observe.KsmStatisticsPublisher;
import io.samepage.agent.observe.NotMergingReasons;
import io.samepage.agent.observe.RegionEvents;
import io.samepage.agent.observe.RegionSampler;
import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionRegistry;
import io.samepage.agent.registry.RegionSource;
import io.samepage.agent.track.AgentThreads;
import io.samepage.agent.track.OffHeapTracker;
import io.samepage.jfr.SamepageEvents;

import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires the running agent: registry, kernel path, hooks, sampler. Built once by {@link AgentStartup} after the
 * bootstrap jar is appended.
 *
 * <p>Start-up cost is the hook installation (Byte Buddy retransforming four JDK classes); everything else that
 * is heavy (JFR metadata, the MBean server, the heap lookup) waits for the sampler thread's first tick.
 */
final class AgentRuntime {

    /** The first sample comes sooner than the interval, so heap marking and the MXBean do not wait long. */
    private static final long FIRST_TICK_MILLIS = 1_000;

    private final AgentOptions options;
    private final RegionRegistry registry = new RegionRegistry();
    private final AgentCounters counters = new AgentCounters();
    private final KernelPath kernel;
    private final RegionSampler sampler;
    private boolean lazyInitDone;
    private volatile OwnedMemory owned;

    private final DedupRunner dedup;

    private AgentRuntime(AgentOptions options, KernelPath kernel) {
        this.options = options;
        this.kernel = kernel;
        this.sampler = new RegionSampler(registry, counters);
        registry.addListener(new RegionEvents(counters));
        this.dedup = "estimate".equals(options.get(Options.DEDUP)) ? new DedupRunner(options.get(Options.DEDUP_CPU))
                : null;
        if (dedup != null) {
            registry.addListener(dedup);
            dedup.start();
        }
    }

    static AgentRuntime start(AgentOptions options, Instrumentation inst) throws Exception {
        openFileChannelInternals(inst);
        InjectedHooks hooks = InjectedHooks.inject(inst);
        AgentRuntime runtime = new AgentRuntime(options, KernelPath.create(options));
        HookInstaller.Installed installed = HookInstaller.install(inst);
        if (!installed.directBuffers()) {
            Log.problem("direct buffers not tracked, samepage observes nothing: " + installed.failures());
        } else {
            if (!installed.fileMappings()) {
                Log.problem("file mappings not tracked: " + installed.failures());
            }
            OffHeapTracker tracker = OffHeapTracker.create(runtime.registry, runtime.kernel.marker(),
                    installed.fileMappings());
            hooks.arm(tracker, options.get(Options.THRESHOLD));
            runtime.owned = new OwnedMemory();
            hooks.own(runtime.owned);
        }
        runtime.startSampler();
        return runtime;
    }

    /** {@code Unmapper}'s address and size live in {@code sun.nio.ch}, which java.base does not open. */
    private static void openFileChannelInternals(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("sun.nio.ch", Set.of(AgentRuntime.class.getModule())), Set.of(), Map.of());
    }

    private void startSampler() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = AgentThreads.daemon(r, "samepage-sampler");
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, FIRST_TICK_MILLIS, options.get(Options.INTERVAL),
                TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            if (!lazyInitDone) {
                lazyInitDone = true;
                lazyInit();
            }
            // One read of /proc/self/smaps per tick (milliseconds in a large JVM), shared by heap and sampler.
            List<Mapping> maps = null;
            HeapMarker heap = kernel.heap();
            if (heap != null && heap.unavailableReason() == null) {
                maps = Smaps.readSelf();
                heap.remark(maps);
            }
            List<Mapping> read = maps;
            sampler.sample(() -> read != null ? read : Smaps.readSelf());
            OwnedMemory memory = owned;
            if (memory != null) {
                memory.trimIfIdle();
            }
        } catch (Throwable t) {
            // One bad sample must not end sampling for the JVM's lifetime.
            Log.problem("sampling failed: " + t);
        }
    }

    private void lazyInit() {
        SamepageEvents.registerAll();
        new KsmStatisticsPublisher(new NotMergingReasons(kernel, counters)).register();
        if (options.get(Options.JMX)) {
            new AgentMXBeanImpl(registry, counters, kernel).register();
            if (dedup != null) {
                AgentMXBeanImpl.register(dedup, DeduplicatorMXBean.OBJECT_NAME);
            }
        }
        HeapMarker heap = kernel.heap();
        if (heap != null) {
            if (heap.locate()) {
                Region region = registry.create(heap.heapStart(), heap.heapEnd() - heap.heapStart(), RegionSource.HEAP,
                        "(java heap)");
                region.marked(heap.heapStart(), heap.heapEnd());
                registry.publish(region);
                long marked = heap.remark();
                Log.info("heap=on: marked " + (marked >> 20) + " MiB of committed heap mergeable in [0x"
                        + Long.toHexString(heap.heapStart()) + ", 0x" + Long.toHexString(heap.heapEnd()) + ")");
            } else {
                Log.problem("heap=on: heap not marked: " + heap.unavailableReason());
            }
        }
        for (String reason : kernel.processReasons()) {
            Log.info("will not merge: " + reason);
        }
    }
}
