package io.samepage.agent.testing;

import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmCounters;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmSettingsRestore;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.testing.KernelFeatures;

import java.util.function.LongPredicate;

/**
 * Runs the host's ksmd at full speed for one test and restores every KSM setting afterwards, on success and on
 * failure alike (use in try-with-resources). Needs root; skips (or fails under SAMEPAGE_REQUIRE_LINUX=1) without.
 */
public final class KsmdAtFullSpeed implements AutoCloseable {

    private static final long WAIT_STEP_MILLIS = 100;

    private final KsmSysfs sysfs = KsmSysfs.system();
    private final KsmSettingsRestore restore;

    private KsmdAtFullSpeed() {
        restore = sysfs.saveForRestore();
        try {
            sysfs.unmergeAll(30_000);
            sysfs.write(KsmKnob.PAGES_TO_SCAN, "100000");
            sysfs.write(KsmKnob.SLEEP_MILLISECS, "10");
            sysfs.write(KsmKnob.RUN, "0");
        } catch (RuntimeException | InterruptedException e) {
            restore.close();
            throw new IllegalStateException("could not prepare ksmd: " + e, e);
        }
    }

    /** @return ksmd prepared (stopped, no KSM pages, fast settings); call {@link #run()} to start it */
    public static KsmdAtFullSpeed prepare() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM: " + (Ksm.isAvailable() ? "" : Ksm.unavailabilityCause()));
        KernelFeatures.assume(Ksm.canControlKsmd(), "root to control ksmd (/sys/kernel/mm/ksm writable)");
        return new KsmdAtFullSpeed();
    }

    /** Starts ksmd. */
    public void run() {
        sysfs.write(KsmKnob.RUN, "1");
    }

    /** @return the host's counters now */
    public KsmCounters counters() {
        return sysfs.counters();
    }

    /**
     * Waits until ksmd has completed {@code passes} more full scans.
     *
     * @param passes        full scans to wait for
     * @param timeoutMillis the longest wait
     */
    public void awaitFullScans(int passes, long timeoutMillis) throws InterruptedException {
        long target = sysfs.counters().fullScans() + passes;
        awaitCounters(s -> s >= target, KsmCounters::fullScans, timeoutMillis);
    }

    /**
     * Waits until {@code pages_sharing} satisfies a condition or the time is up.
     *
     * @param condition     on pages_sharing
     * @param timeoutMillis the longest wait
     * @return pages_sharing at the end
     */
    public long awaitSharing(LongPredicate condition, long timeoutMillis) throws InterruptedException {
        return awaitCounters(condition, KsmCounters::pagesSharing, timeoutMillis);
    }

    private long awaitCounters(LongPredicate condition, java.util.function.ToLongFunction<KsmCounters> field,
                               long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long value = field.applyAsLong(sysfs.counters());
        while (!condition.test(value) && System.currentTimeMillis() < deadline) {
            Thread.sleep(WAIT_STEP_MILLIS);
            value = field.applyAsLong(sysfs.counters());
        }
        return value;
    }

    @Override
    public void close() {
        restore.close();
    }
}
