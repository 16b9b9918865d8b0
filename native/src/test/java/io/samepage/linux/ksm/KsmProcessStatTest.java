package io.samepage.linux.ksm;

import io.samepage.linux.Linux;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KsmProcessStatTest {

    @Test
    void parsesLinux618Format() {
        String text = "ksm_rmap_items 64\nksm_zero_pages 0\nksm_merging_pages 63\nksm_process_profit 250000\n"
                + "ksm_merge_any: yes\nksm_mergeable: yes\n";
        assertEquals(new KsmProcessStat(64, 0, 63, 250000, true, true), KsmProcessStat.parse(text));
    }

    @Test
    void olderKernelsLackTheFlagsAndZeroPages() {
        String text = "ksm_rmap_items 5\nksm_merging_pages 1\nksm_process_profit -320\n";
        assertEquals(new KsmProcessStat(5, -1, 1, -320, false, false), KsmProcessStat.parse(text));
    }

    @Test
    void readsThisProcess() {
        KernelFeatures.assume(Linux.isAvailable() && Files.exists(Path.of("/proc/self/ksm_stat")),
                "/proc/self/ksm_stat (Linux 6.1+, CONFIG_KSM)");
        KsmProcessStat self = KsmProcessStat.readSelf().orElseThrow();
        assertTrue(self.rmapItems() >= 0 && self.mergingPages() >= 0);
        assertEquals(self.mergeAny(), KsmProcessStat.read(ProcessHandle.current().pid()).orElseThrow().mergeAny());
        assertTrue(KsmProcessStat.read(Integer.MAX_VALUE).isEmpty(), "no such process");
    }
}
