/**
 * Kernel samepage merging: the sysfs knobs and counters under {@code /sys/kernel/mm/ksm}, per-process
 * statistics, and the {@link io.samepage.linux.ksm.Ksm} availability gate.
 *
 * <p>Marking memory ({@code MADV_MERGEABLE}, {@code PR_SET_MEMORY_MERGE}) needs no privilege, but ksmd is
 * off at boot and only root can start it or tune it. Whoever changes knobs restores them:
 * {@link io.samepage.linux.ksm.KsmSysfs#saveForRestore()}.
 */
package io.samepage.linux.ksm;
