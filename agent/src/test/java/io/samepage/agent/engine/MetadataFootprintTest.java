package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The per-page metadata budget, 16 bytes a tracked page at most, measured from the arrays' lengths: 8 bytes of
 * item, the handle table, and the unstable tree's bucket heads.
 */
class MetadataFootprintTest {

    @Test
    void atMostSixteenBytesPerTrackedPage() {
        SimulatedMemory memory = new SimulatedMemory();
        DedupEngine engine = DedupEngine.builder(memory, new EstimatingMerger(memory)).build();
        int large = 16_384;
        for (int i = 0; i < 2; i++) {
            engine.addRegion(memory.addRegion(large), large);
        }
        int small = memory.addRegion(256);
        engine.addRegion(small, 256);

        MetadataFootprint f = engine.footprint();
        assertEquals(2L * large + 256, f.trackedPages());
        assertEquals(8.0, f.itemBytesPerTrackedPage(), "one long a page");
        engine.fullScan();
        f = engine.footprint();
        assertTrue(f.unstableIndexBytes() > 0, "heads sized to the tracked pages after a pass");
        assertTrue(f.bytesPerTrackedPage() <= 16, "items, handle table and unstable heads: " + f.bytesPerTrackedPage());
        System.out.printf("metadata: %.4f B/page in items, %.4f B/page with the handle table (%d B) and the unstable"
                        + " tree's heads (%d B), stable tree %d B for %d nodes%n", f.itemBytesPerTrackedPage(),
                f.bytesPerTrackedPage(), f.handleTableBytes(), f.unstableIndexBytes(), f.stableTreeBytes(),
                f.stableNodes());

        engine.removeRegion(small);
        assertEquals(2L * large * 8, engine.footprint().itemBytes(), "a removed region's items are freed");
    }

    @Test
    void stableNodesCostAboutFortyBytes() {
        Rig rig = new Rig();
        byte[][] pages = new byte[2000][];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = Pages.random(i / 2);
        }
        rig.region(pages);
        rig.scan(2);
        MetadataFootprint f = rig.engine.footprint();
        assertEquals(1000, f.stableNodes());
        double perNode = (double) f.stableTreeBytes() / f.stableNodes();
        assertTrue(perNode < 36 * 1.5 + 8 + 1, "node arrays grow by half at most, heads double: " + perNode);
        assertEquals(8.0, f.itemBytesPerTrackedPage());
    }
}
