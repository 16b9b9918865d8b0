package io.samepage.linux.ksm;

import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.SyscallException;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KsmSysfs and KsmSettingsRestore on a fabricated directory shaped like an older kernel's. */
class KsmSysfsTest {

    @TempDir
    Path dir;

    private KsmSysfs sysfs;

    @BeforeEach
    void fabricate() throws IOException {
        // An older kernel: no smart_scan, no advisor tunables except advisor_mode, no pages_scanned counters.
        file("run", "0\n");
        file("pages_to_scan", "100\n");
        file("sleep_millisecs", "20\n");
        file("max_page_sharing", "256\n");
        file("merge_across_nodes", "1\n");
        file("use_zero_pages", "0\n");
        file("stable_node_chains_prune_millisecs", "2000\n");
        file("advisor_mode", "[none] scan-time\n");
        file("pages_shared", "3\n");
        file("pages_sharing", "250\n");
        file("pages_unshared", "7\n");
        file("pages_volatile", "1\n");
        file("full_scans", "42\n");
        file("stable_node_chains", "0\n");
        file("stable_node_dups", "0\n");
        file("general_profit", "1019904\n");
        sysfs = new KsmSysfs(dir);
    }

    private void file(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private String content(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void listsAndReadsWhatThisKernelHas() {
        assertTrue(sysfs.present());
        assertEquals(16, sysfs.files().size());
        assertEquals("advisor_mode", sysfs.files().first());
        assertEquals("[none] scan-time", sysfs.read("advisor_mode"));
        assertEquals(250, sysfs.readLong("pages_sharing").getAsLong());
        assertTrue(sysfs.readLong("smart_scan").isEmpty());
        assertFalse(new KsmSysfs(dir.resolve("absent")).present());
        assertTrue(new KsmSysfs(dir.resolve("absent")).files().isEmpty());
    }

    @Test
    void countersAreMinusOneWhenAbsent() {
        KsmCounters counters = sysfs.counters();
        assertEquals(new KsmCounters(0, 3, 250, 7, 1, 42, -1, -1, 0, 0, -1, 1019904), counters);
    }

    @Test
    void settingsHoldPresentKnobsWithTheSelectedAdvisorMode() {
        Map<KsmKnob, String> settings = sysfs.settings();
        assertEquals(Set.of(KsmKnob.RUN, KsmKnob.PAGES_TO_SCAN, KsmKnob.SLEEP_MILLISECS, KsmKnob.MAX_PAGE_SHARING,
                KsmKnob.MERGE_ACROSS_NODES, KsmKnob.USE_ZERO_PAGES, KsmKnob.STABLE_NODE_CHAINS_PRUNE_MILLISECS,
                KsmKnob.ADVISOR_MODE), settings.keySet());
        assertEquals("none", settings.get(KsmKnob.ADVISOR_MODE));
        assertEquals("256", settings.get(KsmKnob.MAX_PAGE_SHARING));
        assertEquals("scan-time", KsmSysfs.selectedChoice("none [scan-time]\n"));
    }

    @Test
    void writesAndNamesFailures() throws IOException {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        sysfs.write(KsmKnob.PAGES_TO_SCAN, "5");
        assertEquals("5", content("pages_to_scan"));
        assertTrue(sysfs.writable());

        SyscallException e = assertThrows(SyscallException.class, () -> sysfs.write(KsmKnob.SMART_SCAN, "1"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("write " + dir.resolve("smart_scan") + " = 1: ENOENT (No such file or directory)"
                + " (this kernel has no smart_scan)", e.getMessage());
    }

    @Test
    void restoreWritesBackWhatChangedOnce() throws IOException {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        file("pages_shared", "0\n");
        KsmSettingsRestore restore = sysfs.saveForRestore();
        assertEquals("100", restore.saved().get(KsmKnob.PAGES_TO_SCAN));
        sysfs.write(KsmKnob.PAGES_TO_SCAN, "5000");
        sysfs.write(KsmKnob.MAX_PAGE_SHARING, "64");
        sysfs.write(KsmKnob.ADVISOR_MODE, "scan-time");
        sysfs.write(KsmKnob.RUN, "1");

        restore.close();

        assertEquals(restore.saved(), sysfs.settings());
        assertEquals("none", content("advisor_mode"));
        sysfs.write(KsmKnob.RUN, "1");
        restore.close();
        assertEquals("1", content("run"), "a second close does nothing");
    }

    /** Pages that never unmerge: the wait gives up, the failure is reported, and run is still restored. */
    @Test
    void restoreReportsAStuckUnmergeButStillRestoresRun() throws IOException {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        KsmSettingsRestore restore = new KsmSettingsRestore(sysfs, sysfs.settings(), 30);
        sysfs.write(KsmKnob.MAX_PAGE_SHARING, "64");
        sysfs.write(KsmKnob.RUN, "1");

        IllegalStateException e = assertThrows(IllegalStateException.class, restore::close);

        assertEquals("pages_shared still 3 30 ms after run=2 in " + dir, e.getMessage());
        assertEquals("0", content("run"));
    }
}
