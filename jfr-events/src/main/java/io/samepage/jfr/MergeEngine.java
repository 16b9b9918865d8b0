package io.samepage.jfr;

/** Values of the {@code engine} field: which deduplicator merged pages or saw their merge broken. */
public final class MergeEngine {

    /** The kernel's ksmd, working on memory samepage marked {@code MADV_MERGEABLE}. */
    public static final String KERNEL = "kernel";

    /** samepage's own deduplicator, running inside the JVM. */
    public static final String IN_PROCESS = "in-process";

    private MergeEngine() {
    }
}
