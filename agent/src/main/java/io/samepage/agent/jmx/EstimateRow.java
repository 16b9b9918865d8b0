package io.samepage.agent.jmx;

import java.beans.ConstructorProperties;

/**
 * One row of the savings estimate: a region, an allocation site, or the total. An MXBean open type (getters and
 * a {@link ConstructorProperties} constructor), so JMX clients and the {@code estimate} command read it typed.
 */
public final class EstimateRow {

    private final String scope;
    private final long regionId;
    private final String allocationSite;
    private final long scannedBytes;
    private final long duplicateBytes;
    private final long zeroBytes;
    private final long uniqueBytes;
    private final long volatileBytes;

    /**
     * @param scope          {@code region}, {@code site} or {@code total}
     * @param regionId       the region's id, -1 unless {@code scope} is {@code region}
     * @param allocationSite the allocation site, empty for the total
     * @param scannedBytes   bytes the engine has looked at
     * @param duplicateBytes bytes merging would save (copies beyond the first of each content)
     * @param zeroBytes      bytes of all-zero pages
     * @param uniqueBytes    bytes seen once
     * @param volatileBytes  bytes that changed between the engine's visits (not worth merging)
     */
    @ConstructorProperties({"scope", "regionId", "allocationSite", "scannedBytes", "duplicateBytes", "zeroBytes",
        "uniqueBytes", "volatileBytes"})
    public EstimateRow(String scope, long regionId, String allocationSite, long scannedBytes, long duplicateBytes,
                       long zeroBytes, long uniqueBytes, long volatileBytes) {
        this.scope = scope;
        this.regionId = regionId;
        this.allocationSite = allocationSite;
        this.scannedBytes = scannedBytes;
        this.duplicateBytes = duplicateBytes;
        this.zeroBytes = zeroBytes;
        this.uniqueBytes = uniqueBytes;
        this.volatileBytes = volatileBytes;
    }

    /** @return {@code region}, {@code site} or {@code total} */
    public String getScope() {
        return scope;
    }

    /** @return the region's id, -1 unless a region row */
    public long getRegionId() {
        return regionId;
    }

    /** @return the allocation site, empty for the total */
    public String getAllocationSite() {
        return allocationSite;
    }

    /** @return bytes looked at */
    public long getScannedBytes() {
        return scannedBytes;
    }

    /** @return bytes merging would save */
    public long getDuplicateBytes() {
        return duplicateBytes;
    }

    /** @return bytes of all-zero pages */
    public long getZeroBytes() {
        return zeroBytes;
    }

    /** @return bytes seen once */
    public long getUniqueBytes() {
        return uniqueBytes;
    }

    /** @return bytes that changed between visits */
    public long getVolatileBytes() {
        return volatileBytes;
    }
}
