package io.samepage.linux.ksm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * KSM knob values captured by {@link KsmSysfs#saveForRestore()}; {@link #close()} writes them back.
 *
 * <p>The kernel constrains the order, so restoring is not a loop over the knobs:
 * <ol>
 *   <li>{@code max_page_sharing} and {@code merge_across_nodes} change only while no KSM page exists. If
 *       either differs and ksmd is running or pages are merged, {@code run=2} is written first (it unmerges
 *       synchronously), {@code pages_shared} is awaited to reach 0 for at most
 *       {@link #UNMERGE_WAIT_MILLIS}, and then they are written. This unmerges everything KSM had merged.</li>
 *   <li>The advisor's tunables, then {@code advisor_mode}: switching the mode resets {@code pages_to_scan}
 *       to a default.</li>
 *   <li>{@code pages_to_scan}, unless the saved mode is {@code scan-time}, under which the advisor owns it
 *       and the kernel rejects writes.</li>
 *   <li>The remaining knobs, and {@code run} last of all, even when an earlier step failed, so that ksmd is
 *       never left running when it was stopped.</li>
 * </ol>
 * Only values that differ are written. Failures are collected and thrown together after every step was
 * tried: the first, with the others suppressed.
 */
public final class KsmSettingsRestore implements AutoCloseable {

    /** Bound on waiting for {@code pages_shared} to reach 0 after {@code run=2}; the unmerge is synchronous. */
    public static final long UNMERGE_WAIT_MILLIS = 10_000;

    private static final List<KsmKnob> TREE_SHAPE = List.of(KsmKnob.MAX_PAGE_SHARING, KsmKnob.MERGE_ACROSS_NODES);
    private static final List<KsmKnob> ADVISOR_TUNABLES = List.of(KsmKnob.ADVISOR_MAX_CPU,
            KsmKnob.ADVISOR_MIN_PAGES_TO_SCAN, KsmKnob.ADVISOR_MAX_PAGES_TO_SCAN, KsmKnob.ADVISOR_TARGET_SCAN_TIME);
    private static final List<KsmKnob> PLAIN = List.of(KsmKnob.SLEEP_MILLISECS, KsmKnob.USE_ZERO_PAGES,
            KsmKnob.SMART_SCAN, KsmKnob.STABLE_NODE_CHAINS_PRUNE_MILLISECS);

    private final KsmSysfs sysfs;
    private final Map<KsmKnob, String> saved;
    private final long unmergeWaitMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    KsmSettingsRestore(KsmSysfs sysfs, Map<KsmKnob, String> saved) {
        this(sysfs, saved, UNMERGE_WAIT_MILLIS);
    }

    /** Tests on fabricated files, whose pages_shared never drops, shorten the wait. */
    KsmSettingsRestore(KsmSysfs sysfs, Map<KsmKnob, String> saved, long unmergeWaitMillis) {
        this.sysfs = sysfs;
        this.unmergeWaitMillis = unmergeWaitMillis;
        Map<KsmKnob, String> copy = new EnumMap<>(KsmKnob.class);
        copy.putAll(saved);
        this.saved = Collections.unmodifiableMap(copy);
    }

    /**
     * The captured values.
     *
     * @return knob to value, for every knob the kernel had
     */
    public Map<KsmKnob, String> saved() {
        return saved;
    }

    /**
     * Restores every captured knob, in the order described above. Idempotent: later calls do nothing.
     *
     * @throws RuntimeException the first failure (usually an {@link io.samepage.linux.SyscallException}), with
     *                          the others suppressed; every step was still attempted
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<RuntimeException> failures = new ArrayList<>();
        try {
            attempt(failures, this::restoreTreeShape);
            for (KsmKnob knob : ADVISOR_TUNABLES) {
                attempt(failures, () -> restore(knob));
            }
            attempt(failures, () -> restore(KsmKnob.ADVISOR_MODE));
            if (!"scan-time".equals(saved.get(KsmKnob.ADVISOR_MODE))) {
                attempt(failures, () -> restore(KsmKnob.PAGES_TO_SCAN));
            }
            for (KsmKnob knob : PLAIN) {
                attempt(failures, () -> restore(knob));
            }
        } finally {
            attempt(failures, () -> restore(KsmKnob.RUN));
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            for (RuntimeException other : failures.subList(1, failures.size())) {
                first.addSuppressed(other);
            }
            throw first;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private boolean differs(KsmKnob knob) {
        String want = saved.get(knob);
        if (want == null) {
            return false;
        }
        Optional<String> current = sysfs.setting(knob);
        return current.isPresent() && !current.get().equals(want);
    }

    private void restore(KsmKnob knob) {
        if (differs(knob)) {
            sysfs.write(knob, saved.get(knob));
        }
    }

    private void restoreTreeShape() {
        List<KsmKnob> changed = new ArrayList<>();
        for (KsmKnob knob : TREE_SHAPE) {
            if (differs(knob)) {
                changed.add(knob);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        // A running ksmd could merge a page between our check and our write, so stop it as well as unmerge.
        KsmCounters counters = sysfs.counters();
        if (counters.run() == 1 || counters.pagesShared() > 0) {
            awaitNoKsmPages();
        }
        for (KsmKnob knob : changed) {
            sysfs.write(knob, saved.get(knob));
        }
    }

    private void awaitNoKsmPages() {
        try {
            if (!sysfs.unmergeAll(unmergeWaitMillis)) {
                throw new IllegalStateException("pages_shared still " + sysfs.counters().pagesShared() + " "
                        + unmergeWaitMillis + " ms after run=2 in " + sysfs.directory());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for KSM to unmerge", e);
        }
    }

    @Override
    public String toString() {
        return "KsmSettingsRestore" + saved;
    }
}
