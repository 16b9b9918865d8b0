package io.samepage.linux.uffd;

/**
 * The outcome of {@link Userfaultfd#probe()}.
 *
 * @param available          a userfaultfd with write-protect support that blocks kernel-mode writes can be
 *                           created: the in-process merger may use its race-free protocol
 * @param blocksKernelWrites a userfaultfd without {@code UFFD_USER_MODE_ONLY} could be created
 * @param features           the {@code UFFD_FEATURE_*} bits the kernel offered in the {@code UFFDIO_API}
 *                           handshake, 0 if no handshake took place
 * @param reason             why it is or is not available: the route that worked (e.g. {@code "userfaultfd(2)"}),
 *                           or what failed, in one line
 */
public record UffdSupport(boolean available, boolean blocksKernelWrites, long features, String reason) {

    /**
     * Whether the kernel offered every given feature.
     *
     * @param featureBits {@code UFFD_FEATURE_*} bits
     * @return true if all are in {@link #features()}
     */
    public boolean offers(long featureBits) {
        return (features & featureBits) == featureBits;
    }
}
