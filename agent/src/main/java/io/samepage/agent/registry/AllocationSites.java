package io.samepage.agent.registry;

import java.util.Optional;

/**
 * Names the code that allocated a region: the first stack frame outside the JDK and samepage.
 *
 * <p>Called on the allocating thread for regions above the size threshold only; a bounded {@link StackWalker}
 * walk costs a few microseconds, against hundreds for the allocation's own zeroing of a MiB.
 */
public final class AllocationSites {

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final int MAX_FRAMES = 64;

    private AllocationSites() {
    }

    /** @return e.g. {@code com.example.Cache.load(Cache.java:42)}, or {@code "(jdk internal)"} */
    public static String capture() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames.limit(MAX_FRAMES)
                .filter(f -> !internal(f.getClassName())).findFirst());
        return frame.map(AllocationSites::format).orElse("(jdk internal)");
    }

    /** The JDK, and the agent packages that sit between a hooked allocation and this walk. */
    private static final String[] INTERNAL_PREFIXES = {"java.", "jdk.", "sun.", "com.sun.",
        "io.samepage.agent.track.", "io.samepage.agent.registry.", "io.samepage.agent.kernel.",
        "io.samepage.agent.observe.", "io.samepage.agent.instrument."};

    static boolean internal(String className) {
        for (String prefix : INTERNAL_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String format(StackWalker.StackFrame f) {
        String file = f.getFileName();
        return f.getClassName() + "." + f.getMethodName() + "("
                + (file == null ? "Unknown Source" : file + ":" + f.getLineNumber()) + ")";
    }
}
