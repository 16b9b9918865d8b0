package io.samepage.agent.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fixed circular order the scanner visits regions in, and its cursor (region, page). A pass ends when the
 * cursor runs off the last region.
 *
 * <p>A new region goes just behind the cursor, as mainline places a new mm_slot, so it is first scanned only when
 * the cursor comes round to it (the next pass) and freshly filled memory gets time to settle. At the very start of
 * a pass "just behind the cursor" is the end of the order, so the region is scanned last in that pass.
 */
final class ScanRing {

    private final List<TrackedRegion> order = new ArrayList<>();
    private int region;
    private int page;

    void add(TrackedRegion r) {
        if (region == 0 && page == 0) {
            order.add(r);
        } else {
            order.add(region, r);
            region++;
        }
    }

    void remove(TrackedRegion r) {
        int i = order.indexOf(r);
        order.remove(i);
        if (i < region) {
            region--;
        } else if (i == region) {
            page = 0;
        }
        if (order.isEmpty()) {
            restart();
        }
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    /** @return whether the cursor ran off the last region (after skipping finished ones) */
    boolean passDone() {
        while (region < order.size() && page >= order.get(region).pages) {
            region++;
            page = 0;
        }
        return !order.isEmpty() && region >= order.size();
    }

    /** @return the region under the cursor; only after {@link #passDone()} said {@code false} */
    TrackedRegion current() {
        return order.get(region);
    }

    /** @return the next page to visit in {@link #current()} */
    int page() {
        return page;
    }

    void advance(int pages) {
        page += pages;
    }

    void restart() {
        region = 0;
        page = 0;
    }

    /** @return the regions in scan order, read-only */
    List<TrackedRegion> regions() {
        return Collections.unmodifiableList(order);
    }
}
