package io.samepage.agent.engine;

/**
 * What the engine's bookkeeping costs, computed from its arrays' lengths (object headers excluded).
 *
 * @param trackedPages       pages in tracked regions
 * @param itemBytes          the per-page items: 8 bytes a page
 * @param handleTableBytes   the handle table: one reference per 1024 pages of handle space
 * @param unstableIndexBytes the unstable tree's bucket heads: 2 to 4 bytes a tracked page
 * @param stableNodes        stable tree nodes in use
 * @param stableTreeBytes    the stable tree's node arrays and heads (capacity, about 40 bytes a node)
 */
public record MetadataFootprint(long trackedPages, long itemBytes, long handleTableBytes, long unstableIndexBytes,
                                int stableNodes, long stableTreeBytes) {

    /** @return item bytes per tracked page: 8 */
    public double itemBytesPerTrackedPage() {
        return trackedPages == 0 ? 0 : (double) itemBytes / trackedPages;
    }

    /**
     * @return item, handle table and unstable index bytes per tracked page: everything that grows with registered
     *         memory, the figure to hold against mainline's 64-byte rmap_item (which embeds the unstable tree node)
     */
    public double bytesPerTrackedPage() {
        return trackedPages == 0 ? 0 : (double) (itemBytes + handleTableBytes + unstableIndexBytes) / trackedPages;
    }
}
