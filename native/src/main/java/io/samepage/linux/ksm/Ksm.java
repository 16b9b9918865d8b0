package io.samepage.linux.ksm;

import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.syscall.Mman;

/**
 * The availability gate for kernel samepage merging, in the style of Netty's {@code Epoll}.
 *
 * <p>KSM is usable when the native layer is ({@link Linux}), the sysfs directory exists, and
 * {@code madvise(MADV_MERGEABLE)} succeeds on a probe page; a kernel built without CONFIG_KSM answers EINVAL.
 * The probe runs once, lazily. It registers this process with KSM ({@code ksm_mergeable: yes} in
 * {@code ksm_stat} from then on), which costs nothing while no mergeable memory exists.
 *
 * <p>Usable does not mean merging: ksmd is off at boot ({@link #ksmdRunning()}), and only root may start it
 * ({@link #canControlKsmd()}).
 */
public final class Ksm {

    private Ksm() {
    }

    private static final class Availability {
        static final UnsupportedOperationException CAUSE = probe();
    }

    private static UnsupportedOperationException probe() {
        if (!Linux.isAvailable()) {
            return new UnsupportedOperationException("KSM unusable: " + Linux.unavailabilityCause().getMessage(),
                    Linux.unavailabilityCause());
        }
        if (!KsmSysfs.system().present()) {
            return new UnsupportedOperationException(
                    "KSM unusable: " + KsmSysfs.SYSTEM_DIRECTORY + " is missing (kernel built without CONFIG_KSM)");
        }
        try {
            long page = Mman.mapAnonymous(Page.BYTES);
            try {
                Mman.madvise(page, Page.BYTES, Mman.MADV_MERGEABLE);
            } finally {
                Mman.munmap(page, Page.BYTES);
            }
            return null;
        } catch (SyscallException e) {
            SyscallException explained = e.errno() == Errno.EINVAL && e.call().startsWith("madvise")
                    ? new SyscallException(e.call(), e.errno(), "kernel built without CONFIG_KSM") : e;
            return new UnsupportedOperationException("KSM unusable: " + explained.getMessage(), explained);
        } catch (RuntimeException e) {
            return new UnsupportedOperationException("KSM unusable: " + e, e);
        }
    }

    /**
     * Whether memory can be marked for KSM. Never throws.
     *
     * @return true if {@code madvise(MADV_MERGEABLE)} works here
     */
    public static boolean isAvailable() {
        return Availability.CAUSE == null;
    }

    /**
     * Why KSM cannot be used.
     *
     * @return null when available; otherwise an exception with a one-line message such as
     *         {@code "KSM unusable: madvise(0x7f.., 4096, MADV_MERGEABLE): EINVAL (Invalid argument) (kernel
     *         built without CONFIG_KSM)"}
     */
    public static Throwable unavailabilityCause() {
        return Availability.CAUSE;
    }

    /**
     * Throws unless KSM can be used.
     *
     * @throws UnsupportedOperationException with the cause
     */
    public static void ensureAvailability() {
        UnsupportedOperationException cause = Availability.CAUSE;
        if (cause != null) {
            throw new UnsupportedOperationException(cause.getMessage(), cause);
        }
    }

    /**
     * Whether ksmd is scanning now. Read on every call; someone else may start or stop it at any time.
     *
     * @return true if {@code run} is 1
     */
    public static boolean ksmdRunning() {
        return KsmSysfs.system().readLong(KsmKnob.RUN.fileName()).orElse(0) == 1;
    }

    /**
     * Whether this process may start, stop and tune ksmd. Checked on every call by rewriting one knob's
     * current value ({@link KsmSysfs#writable()}).
     *
     * @return true when root with a writable {@code /sys}
     */
    public static boolean canControlKsmd() {
        KsmSysfs sysfs = KsmSysfs.system();
        return sysfs.present() && sysfs.writable();
    }
}
