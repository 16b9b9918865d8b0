package io.samepage.linux;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.util.Locale;

/**
 * The availability gate of the whole native layer, in the style of Netty's {@code Epoll}.
 *
 * <p>Everything under {@code io.samepage.linux} that calls into the kernel needs three things: Linux, a
 * supported CPU ({@link CpuArch}), and JNA able to load libc. The check runs once, lazily, on the first
 * call to any method here, and its outcome never changes for the life of the JVM. Callers that can degrade
 * ask {@link #isAvailable()} and report {@link #unavailabilityCause()}; callers that cannot, call
 * {@link #ensureAvailability()} first. The syscall bindings in {@code io.samepage.linux.syscall} call it
 * when they register their natives, so skipping the gate fails with the same message, wrapped in an
 * {@link ExceptionInInitializerError}.
 */
public final class Linux {

    private Linux() {
    }

    /** Holder idiom: the probe runs on first use, not when the class is merely referenced. */
    private static final class Availability {
        static final UnsupportedOperationException CAUSE = unavailabilityCause(
                System.getProperty("os.name"), System.getProperty("os.arch"), Linux::probeLibc);
    }

    /**
     * Whether the native layer can be used in this JVM. Never throws.
     *
     * @return true on Linux, x86-64 or aarch64, with a working JNA
     */
    public static boolean isAvailable() {
        return Availability.CAUSE == null;
    }

    /**
     * Why the native layer cannot be used.
     *
     * @return null when {@link #isAvailable()}; otherwise an exception whose message is one line, e.g.
     *         {@code "samepage's native layer needs Linux, but os.name is Mac OS X"}, and whose cause is the
     *         underlying error when there was one
     */
    public static Throwable unavailabilityCause() {
        return Availability.CAUSE;
    }

    /**
     * Throws unless the native layer can be used.
     *
     * @throws UnsupportedOperationException with {@link #unavailabilityCause()}'s message and as its cause
     */
    public static void ensureAvailability() {
        UnsupportedOperationException cause = Availability.CAUSE;
        if (cause != null) {
            throw new UnsupportedOperationException(cause.getMessage(), cause);
        }
    }

    /**
     * The gate's decision, separated from the system properties so that tests can exercise every branch.
     *
     * @param osName    value of {@code os.name}
     * @param osArch    value of {@code os.arch}
     * @param libcProbe loads libc through JNA; any {@link Throwable} it throws means JNA is unusable
     * @return null when available, else the cause
     */
    static UnsupportedOperationException unavailabilityCause(String osName, String osArch, Runnable libcProbe) {
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException("samepage's native layer needs Linux, but os.name is " + osName);
        }
        if (CpuArch.fromOsArch(osArch).isEmpty()) {
            return new UnsupportedOperationException(
                    "samepage's native layer supports x86_64 and aarch64, but os.arch is " + osArch);
        }
        try {
            libcProbe.run();
            return null;
        } catch (Throwable t) {
            // Netty's Epoll catches Throwable here too: JNA reports a missing or mismatched libjnidispatch as a
            // plain Error, and the gate must never throw.
            return new UnsupportedOperationException("JNA could not load libc: " + firstLine(t), t);
        }
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int newline = message.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** Loads libc and makes one call, which proves libjnidispatch and libffi work too. */
    private static void probeLibc() {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        int pid = libc.getFunction("getpid").invokeInt(new Object[0]);
        long expected = ProcessHandle.current().pid();
        if (pid != expected) {
            throw new IllegalStateException("getpid() through JNA returned " + pid + ", expected " + expected);
        }
    }
}
