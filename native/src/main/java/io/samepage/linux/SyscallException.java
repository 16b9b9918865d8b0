package io.samepage.linux;

import java.util.Optional;

/**
 * A system call, or a write to a kernel file, failed with an errno.
 *
 * <p>The message names the call with its arguments as a C programmer would write them (hex addresses,
 * symbolic flags), then the errno and its text, then an optional hint that says what the errno means in
 * this context:
 *
 * <pre>
 * madvise(0x7f3a00000001, 4096, MADV_MERGEABLE): EINVAL (Invalid argument)
 * madvise(0x7f3a00000000, 4096, MADV_MERGEABLE): EINVAL (Invalid argument) (kernel built without CONFIG_KSM)
 * </pre>
 */
public final class SyscallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failed call with its arguments. */
    private final String call;
    /** The errno it failed with. */
    private final int errno;
    /** What the errno means in context, or null. */
    private final String hint;

    /**
     * Creates an exception without a hint.
     *
     * @param call  the call with its arguments, e.g. {@code "madvise(0x7f3a00000000, 65536, MADV_MERGEABLE)"}
     * @param errno the errno the call failed with
     */
    public SyscallException(String call, int errno) {
        this(call, errno, null);
    }

    /**
     * Creates an exception whose message ends with a hint in parentheses.
     *
     * @param call  the call with its arguments
     * @param errno the errno the call failed with
     * @param hint  what the errno means here, e.g. {@code "kernel built without CONFIG_KSM"}; null for none
     */
    public SyscallException(String call, int errno, String hint) {
        super(message(call, errno, hint));
        this.call = call;
        this.errno = errno;
        this.hint = hint;
    }

    private static String message(String call, int errno, String hint) {
        String base = call + ": " + Errno.name(errno) + " (" + Errno.describe(errno) + ")";
        return hint == null ? base : base + " (" + hint + ")";
    }

    /**
     * The failed call with its arguments.
     *
     * @return e.g. {@code "madvise(0x7f3a00000000, 65536, MADV_MERGEABLE)"}
     */
    public String call() {
        return call;
    }

    /**
     * The errno the call failed with.
     *
     * @return the errno value, see {@link Errno}
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic name of {@link #errno()}.
     *
     * @return e.g. {@code "EINVAL"}
     */
    public String errnoName() {
        return Errno.name(errno);
    }

    /**
     * What the errno means in this context, when the caller knew.
     *
     * @return the hint, or empty
     */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
