package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

/** Simulated memory, its merger and an engine over them, with the checks every test wants. */
final class Rig {

    final SimulatedMemory memory = new SimulatedMemory();
    final SimulatedMerger merger = new SimulatedMerger(memory);
    final DedupEngine engine;

    Rig() {
        this(b -> b);
    }

    Rig(UnaryOperator<DedupEngine.Builder> config) {
        engine = config.apply(DedupEngine.builder(memory, merger)).build();
    }

    /** @return a new region holding these pages, registered with the engine */
    int region(byte[]... pages) {
        int region = memory.addRegion(pages.length);
        for (int p = 0; p < pages.length; p++) {
            memory.write(region, p, pages[p]);
        }
        engine.addRegion(region, pages.length);
        return region;
    }

    /** Runs full passes. */
    DedupStats scan(int passes) {
        for (int i = 0; i < passes; i++) {
            assertTrue(engine.fullScan(), "a pass ran");
        }
        return consistentStats();
    }

    /** @return the stats, after checking them against the items and the trees (§8.21) */
    DedupStats consistentStats() {
        DedupStats s = engine.stats();
        long[] states = engine.stateCounts();
        assertEquals(states[ItemTable.MERGED], s.pagesShared() + s.pagesSharing(), "shared + sharing = mappers");
        assertEquals(states[ItemTable.CANDIDATE], s.pagesUnshared(), "unshared = candidates");
        assertEquals(states[ItemTable.ZERO], s.zeroPages(), "zero pages");
        assertEquals(states[ItemTable.SEEN] + states[ItemTable.VOLATILE], s.pagesVolatile(),
                "volatile = items - shared - sharing - unshared - zero");
        assertEquals(s.trackedPages() - states[ItemTable.NEW], s.items(), "items");
        engine.validateTrees();
        memory.verifyNoWrongContent();
        return s;
    }
}
