package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.linux.Linux;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry seen through the MXBean in a child JVM: thresholds, frees, the mapping-count guard. */
class RegistryIT {

    private static final Duration RUN = Duration.ofSeconds(90);

    private static Map<String, String> facts(ChildJvm.Result r) {
        return Arrays.stream(r.stdout().split("\n")).filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    private static ChildJvm.Result probe(String agentArgs) {
        return ChildJvm.run(RUN, "-javaagent:" + ChildJvm.agentJar() + "=" + agentArgs, "-cp",
                ChildJvm.testClasspath(), RegistryProbe.class.getName());
    }

    @Test
    void largeBuffersAreRegisteredAndMarkedSmallOnesUntouchedAndFreedOnesLeave() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        ChildJvm.Result r = probe("interval=200ms");
        assertEquals(0, r.exitCode(), r::toString);
        Map<String, String> f = facts(r);
        assertEquals("true", f.get("mxbean"), r::toString);
        assertEquals("0", f.get("afterSmall.regionsRegistered"), r::toString);
        assertEquals("false", f.get("small.mergeable"), r::toString);
        assertEquals("1", f.get("afterBig.regionsRegistered"), r::toString);
        assertEquals("1", f.get("afterBig.liveRegions"), r::toString);
        assertEquals(Long.toString(4 << 20), f.get("afterBig.registeredBytes"), r::toString);
        assertTrue(Long.parseLong(f.get("afterBig.markedBytes")) >= 4 << 20, r::toString);
        assertEquals("true", f.get("big.mergeable"), r::toString);
        // samepage owns the memory: page-aligned, a mapping of its own, JDK accounting unchanged, unmapped on free.
        assertEquals("true", f.get("big.pageAligned"), r::toString);
        assertEquals("true", f.get("big.ownMapping"), r::toString);
        assertEquals(Long.toString(4 << 20), f.get("big.poolBytes"), r::toString);
        assertEquals("false", f.get("afterFree.stillMapped"), r::toString);
        assertEquals("0", f.get("afterFree.liveRegions"), r::toString);
        assertEquals("1", f.get("afterFree.regionsFreed"), r::toString);
        assertEquals("0", f.get("afterFree.registeredBytes"), r::toString);
    }

    @Test
    void ownedDirectMemorySurvivesConcurrentAllocationFreeAndTheDirectMemoryLimit() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer");
        ChildJvm.Result r = ChildJvm.run(RUN, "-javaagent:" + ChildJvm.agentJar() + "=log=quiet",
                "-XX:MaxDirectMemorySize=64m", "-cp", ChildJvm.testClasspath(), OwnershipStress.class.getName());
        assertEquals(0, r.exitCode(), r::toString);
        Map<String, String> f = facts(r);
        assertEquals("true", f.get("limit.enforced"), r::toString);
        assertEquals("0", f.get("corrupted"), r::toString);
        assertEquals(f.get("pool.count.before"), f.get("pool.count.after"), r::toString);
        assertEquals(f.get("pool.used.before"), f.get("pool.used.after"), r::toString);
        assertTrue(Long.parseLong(f.get("allocations")) >= 2000, r::toString);
    }

    @Test
    void jniWrappedBuffersAreMarkedAndLeaveTheRegistryWhenCollected() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        ChildJvm.Result r = ChildJvm.run(RUN, "-javaagent:" + ChildJvm.agentJar() + "=log=debug", "-cp",
                ChildJvm.testClasspath(), JniBufferProbe.class.getName());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("jni.direct=true"), r::toString);
        assertTrue(r.stdout().contains("jni.mergeable=true"), r::toString);
        assertTrue(r.stderr().lines().anyMatch(l -> l.contains("registered region") && l.contains("jniDirectBuffer")
                && l.contains("from " + JniBufferProbe.class.getName() + ".wrap(")), r::toString);
        assertTrue(r.stderr().lines().anyMatch(l -> l.contains("freed region") && l.contains("jniDirectBuffer")),
                r::toString);
    }

    @Test
    void mappingBudgetRefusesMarkingWithItsReason() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer");
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        // 0.1% of vm.max_map_count (65 of 65530) is below what any JVM already uses: every mark is refused.
        ChildJvm.Result r = probe("interval=200ms,maps.limit=0.1%");
        assertEquals(0, r.exitCode(), r::toString);
        Map<String, String> f = facts(r);
        assertEquals("1", f.get("afterBig.regionsRegistered"), r::toString);
        assertEquals("false", f.get("big.mergeable"), r::toString);
        assertEquals("0", f.get("afterBig.markedBytes"), r::toString);
        assertTrue(r.stdout().contains("contents={})"), "refused bytes leave with the region: " + r);
        ChildJvm.Result debug = probe("interval=200ms,maps.limit=0.1%,log=debug");
        assertTrue(debug.stderr().contains("not mergeable: mapping budget exhausted: "), debug::toString);
        assertTrue(debug.stderr().contains("of vm.max_map_count="), debug::toString);
    }
}
