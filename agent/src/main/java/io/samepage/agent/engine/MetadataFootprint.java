package io.samepage.agent.engine;

/**
 * What the engine's bookkeeping costs, computed from its arrays' lengths (object headers excluded).
 *
 * @param trackedPages     pages in tracked regions
 * @param itemBytes        the per-page items: 16 bytes a page
 * @param handleTableBytes the handle table: one reference per 1024 pages of handle space
 * @param stableNodes      stable tree nodes in use
 * @param stableTreeBytes  the stable tree's node arrays (capacity, about 41 bytes a node)
 */
public record MetadataFootprint(long trackedPages, long itemBytes, long handleTableBytes, int stableNodes,
                                long stableTreeBytes) {

    /** @return item bytes per tracked page: the per-page cost, 16 */
    public double itemBytesPerTrackedPage() {
        return trackedPages == 0 ? 0 : (double) itemBytes / trackedPages;
    }

    /** @return item and handle table bytes per tracked page: everything that grows with registered memory */
    public double bytesPerTrackedPage() {
        return trackedPages == 0 ? 0 : (double) (itemBytes + handleTableBytes) / trackedPages;
    }
}
