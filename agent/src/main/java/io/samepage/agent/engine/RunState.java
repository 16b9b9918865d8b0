package io.samepage.agent.engine;

/** What {@link DedupEngine#step()} does, as the kernel's {@code /sys/kernel/mm/ksm/run}. */
public enum RunState {

    /** Scans nothing; merged pages stay merged ({@code run=0}). */
    STOP,

    /** Scans and merges ({@code run=1}). */
    RUN,

    /**
     * Gives every merged page a private copy and empties the stable tree, keeping regions registered
     * ({@code run=2}). Entering it unmerges at once; pages the merger could not unmerge are retried by each step.
     */
    UNMERGE
}
