package io.samepage.linux.ksm;

import com.sun.jna.Pointer;
import io.samepage.linux.Errno;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.syscall.Mman;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KSM against the running kernel. Tests that write knobs need root; each restores in try-with-resources, and
 * {@link #ksmdNotLeftRunning()} checks afterwards that none left ksmd running when it had been stopped.
 */
class KsmKernelTest {

    private static final long MERGE_TIMEOUT_MILLIS = 10_000;

    private String runBefore;

    private static void assumeKsm() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM: " + Ksm.unavailabilityCause());
    }

    private static void assumeControl() {
        assumeKsm();
        KernelFeatures.assume(Ksm.canControlKsmd(), "root, to write /sys/kernel/mm/ksm");
    }

    @AfterEach
    void ksmdNotLeftRunning() {
        if (runBefore != null && !runBefore.equals("1")) {
            assertNotEquals("1", KsmSysfs.system().read("run"), "ksmd left running");
        }
    }

    @Test
    void gateIsOpenOnThisKernel() {
        assumeKsm();
        assertNull(Ksm.unavailabilityCause());
        Ksm.ensureAvailability();
        assertEquals(KsmSysfs.system().counters().run() == 1, Ksm.ksmdRunning());
        assertEquals(Unistd.geteuid() == 0, Ksm.canControlKsmd());
    }

    @Test
    void countersAndSettingsParse() {
        assumeKsm();
        KsmSysfs sysfs = KsmSysfs.system();
        KsmCounters counters = sysfs.counters();
        assertTrue(Set.of(0, 1, 2).contains(counters.run()));
        assertTrue(counters.pagesShared() >= 0 && counters.pagesSharing() >= 0 && counters.fullScans() >= 0);

        Set<String> knobFiles = new TreeSet<>();
        for (KsmKnob knob : KsmKnob.values()) {
            knobFiles.add(knob.fileName());
        }
        knobFiles.retainAll(sysfs.files());
        Map<KsmKnob, String> settings = sysfs.settings();
        assertEquals(knobFiles.size(), settings.size());
        assertTrue(settings.containsKey(KsmKnob.RUN));
        if (settings.containsKey(KsmKnob.ADVISOR_MODE)) {
            assertTrue(Set.of("none", "scan-time").contains(settings.get(KsmKnob.ADVISOR_MODE)));
        }
    }

    @Test
    void knobWriteIsVisibleAndRestored() {
        assumeControl();
        KsmSysfs sysfs = KsmSysfs.system();
        runBefore = sysfs.read("run");
        String before = sysfs.setting(KsmKnob.SLEEP_MILLISECS).orElseThrow();
        String changed = before.equals("37") ? "38" : "37";
        try (KsmSettingsRestore restore = sysfs.saveForRestore()) {
            sysfs.write(KsmKnob.SLEEP_MILLISECS, changed);
            assertEquals(changed, sysfs.read("sleep_millisecs"));
            assertEquals(before, restore.saved().get(KsmKnob.SLEEP_MILLISECS));
        }
        assertEquals(before, sysfs.read("sleep_millisecs"));
    }

    @Test
    @SuppressWarnings("try") // the restore or view only has to be closed
    void pagesToScanIsRejectedUnderTheAdvisorAndRestoredAfterIt() {
        assumeControl();
        KsmSysfs sysfs = KsmSysfs.system();
        KernelFeatures.assume(sysfs.setting(KsmKnob.ADVISOR_MODE).isPresent(), "advisor_mode (Linux 6.8+)");
        runBefore = sysfs.read("run");
        Map<KsmKnob, String> before = sysfs.settings();
        try (KsmSettingsRestore restore = sysfs.saveForRestore()) {
            sysfs.write(KsmKnob.ADVISOR_MODE, "none");
            sysfs.write(KsmKnob.PAGES_TO_SCAN, "4321");
            sysfs.write(KsmKnob.ADVISOR_MODE, "scan-time");
            SyscallException e = assertThrows(SyscallException.class, () -> sysfs.write(KsmKnob.PAGES_TO_SCAN, "77"));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("write /sys/kernel/mm/ksm/pages_to_scan = 77: EINVAL (Invalid argument)"
                    + " (out of range, or advisor_mode is scan-time)", e.getMessage());
        }
        assertEquals(before, sysfs.settings());
    }

    /**
     * Real merging: 64 identical pages merge into one KSM page; then max_page_sharing refuses to change (EBUSY)
     * and the restore has to unmerge with run=2 before it can put max_page_sharing back, writing run last.
     */
    @Test
    @SuppressWarnings("try") // the restore or view only has to be closed
    void restoreUnmergesBeforeRestoringTreeShapeAndWritesRunLast() throws InterruptedException {
        assumeControl();
        KsmSysfs sysfs = KsmSysfs.system();
        runBefore = sysfs.read("run");
        Map<KsmKnob, String> before = sysfs.settings();
        try (MappedPages pages = MappedPages.anonymous(64); KsmSettingsRestore restore = sysfs.saveForRestore()) {
            Pointer memory = new Pointer(pages.address());
            memory.setMemory(0, pages.bytes(), (byte) 0x5a);
            Mman.madvise(pages.address(), pages.bytes(), Mman.MADV_MERGEABLE);

            if (sysfs.setting(KsmKnob.ADVISOR_MODE).isPresent()) {
                sysfs.write(KsmKnob.ADVISOR_MODE, "none");
            }
            if (sysfs.counters().pagesShared() > 0) {
                sysfs.write(KsmKnob.RUN, "2");
            }
            String sharing = before.get(KsmKnob.MAX_PAGE_SHARING).equals("128") ? "64" : "128";
            sysfs.write(KsmKnob.MAX_PAGE_SHARING, sharing);
            sysfs.write(KsmKnob.PAGES_TO_SCAN, "5000");
            sysfs.write(KsmKnob.SLEEP_MILLISECS, "5");
            sysfs.write(KsmKnob.RUN, "1");

            awaitTrue(() -> mergedBytes(pages) >= 32L * Page.BYTES, "64 identical pages to merge");
            assertTrue(sysfs.counters().pagesShared() > 0);
            assertTrue(KsmProcessStat.readSelf().orElseThrow().mergingPages() >= 32);
            assertEquals(0x5a5a5a5a5a5a5a5aL, memory.getLong(pages.bytes() - 8), "merged content unchanged");

            SyscallException busy = assertThrows(SyscallException.class,
                    () -> sysfs.write(KsmKnob.MAX_PAGE_SHARING, "4"));
            assertEquals(Errno.EBUSY, busy.errno());
            assertEquals("write /sys/kernel/mm/ksm/max_page_sharing = 4: EBUSY (Device or resource busy)"
                    + " (KSM pages exist; set run=2 first)", busy.getMessage());
        }
        assertEquals(before, sysfs.settings());
        if (!before.get(KsmKnob.RUN).equals("1")) {
            assertEquals(0, sysfs.counters().pagesShared(), "run=2 unmerged everything");
        }
    }

    private static long mergedBytes(MappedPages pages) {
        return Smaps.overlapping(Smaps.readSelf(), pages.address(), pages.address() + pages.bytes()).stream()
                .mapToLong(Mapping::ksmBytes).sum();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + MERGE_TIMEOUT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + MERGE_TIMEOUT_MILLIS + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
