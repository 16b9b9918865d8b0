package io.samepage.agent.engine;

/**
 * A {@link PageSource} can no longer reach a region: its memory was freed or unmapped. The engine drops the region
 * with all its metadata and never asks for it again.
 */
public final class RegionGoneException extends Exception {

    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    /** The region that went away. */
    private final int region;

    /** @param region the region that went away */
    public RegionGoneException(int region) {
        // No stack trace: this is an expected signal on the scan path (a free raced a read), not a bug to debug.
        super("region " + region + " is gone", null, false, false);
        this.region = region;
    }

    /** @return the region that went away */
    public int region() {
        return region;
    }
}
