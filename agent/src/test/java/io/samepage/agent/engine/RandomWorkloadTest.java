package io.samepage.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything at once, at random: writes from a small alphabet (so pages keep colliding), discards, regions coming
 * and going (announced or not), merge and unmerge failures, run-state and limit changes. After every action the
 * counters must match the items, both trees must be valid red-black trees, and every page must read what its
 * owner wrote; removed regions must not be touched.
 */
class RandomWorkloadTest {

    static Stream<Arguments> hashers() {
        return Stream.of(
                Arguments.of("standard", PageHasher.standard()),
                Arguments.of("constant", Pages.CONSTANT_HASHER),
                Arguments.of("first byte", (PageHasher) (buffer, offset) -> buffer.get(offset + 100)));
    }

    @ParameterizedTest(name = "{0} hasher")
    @MethodSource("hashers")
    void invariantsHoldUnderAnythingGoes(String name, PageHasher hasher) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Rig rig = new Rig(b -> b.hasher(hasher).maxPageSharing(3).pagesPerBatch(23).pruneIntervalMillis(0));
        List<int[]> live = new ArrayList<>();
        long unannounced = 0;
        for (int i = 0; i < 4; i++) {
            live.add(addRegion(rig, random));
        }
        for (int round = 0; round < 1500; round++) {
            int action = random.nextInt(100);
            if (action < 40) {
                rig.engine.step();
            } else if (action < 75 && !live.isEmpty()) {
                int[] region = live.get(random.nextInt(live.size()));
                rig.memory.write(region[0], random.nextInt(region[1]), content(random));
            } else if (action < 80 && !live.isEmpty()) {
                int[] region = live.get(random.nextInt(live.size()));
                rig.memory.discard(region[0], random.nextInt(region[1]));
            } else if (action < 83) {
                live.add(addRegion(rig, random));
            } else if (action < 86 && live.size() > 1) {
                int[] region = live.remove(random.nextInt(live.size()));
                rig.memory.removeRegion(region[0]);
                if (random.nextBoolean()) {
                    rig.engine.removeRegion(region[0]);
                } else {
                    unannounced++;
                }
            } else if (action < 90) {
                rig.merger.failPartnerOfNextPairs(1);
                rig.merger.failNextMergeIntos(random.nextInt(3));
            } else if (action < 92) {
                rig.merger.failNextUnmerges(random.nextInt(3));
                rig.engine.setRunState(RunState.UNMERGE);
                rig.engine.step();
                rig.engine.setMaxPageSharing(2 + random.nextInt(4));
                rig.engine.setRunState(RunState.RUN);
            } else if (action < 94) {
                rig.engine.setRunState(RunState.STOP);
                rig.engine.step();
                rig.engine.setRunState(RunState.RUN);
            } else {
                rig.engine.fullScan();
            }
            DedupStats s = rig.consistentStats();
            assertTrue(s.pagesShared() == 0 || s.pagesSharing() <= (rig.engine.maxPageSharing() - 1) * s.pagesShared(),
                    "sharing/shared <= M-1: " + s);
        }
        rig.merger.failNextUnmerges(0);
        rig.scan(3);
        DedupStats s = rig.consistentStats();
        long present = 0;
        for (int[] region : live) {
            for (int p = 0; p < region[1]; p++) {
                present += rig.memory.isAbsent(region[0], p) ? 0 : 1;
            }
        }
        assertEquals(present - s.pagesSharing() - s.zeroPages(), rig.memory.liveFrames(),
                "saved frames = sharing + zero pages, nothing leaked: " + s);
        assertEquals(live.size(), s.regions());
        assertTrue(rig.memory.touchesAfterRemoval() <= unannounced,
                "only an unannounced removal may be met, once: " + rig.memory.touchesAfterRemoval());
        assertTrue(s.pagesSharing() > 0, "the workload merged something: " + s);
    }

    private static int[] addRegion(Rig rig, SplittableRandom random) {
        int pages = 1 + random.nextInt(random.nextBoolean() ? 8 : 150);
        byte[][] content = new byte[pages][];
        for (int p = 0; p < pages; p++) {
            content[p] = content(random);
        }
        return new int[] {rig.region(content), pages};
    }

    private static byte[] content(SplittableRandom random) {
        int kind = random.nextInt(16);
        return kind == 0 ? Pages.zero() : kind < 12 ? Pages.random(kind) : Pages.random(random.nextLong());
    }
}
