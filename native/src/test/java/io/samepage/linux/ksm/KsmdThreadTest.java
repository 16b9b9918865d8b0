package io.samepage.linux.ksm;

import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class KsmdThreadTest {

    @Test
    void findsKsmdAndReadsItsCpuTime() {
        KernelFeatures.assume(KsmSysfs.system().present(), "KSM sysfs");
        KsmdThread ksmd = KsmdThread.find().orElseThrow(() -> new AssertionError("no ksmd thread in /proc"));
        long ticks = ksmd.cpuTicks().orElseThrow();
        assertTrue(ticks >= 0, "ticks " + ticks);
        assertTrue(KsmdThread.seconds(250) == 2.5);
    }
}
