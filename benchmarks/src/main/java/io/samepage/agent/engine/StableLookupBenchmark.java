package io.samepage.agent.engine;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One stable tree lookup at 10^3 to 10^6 stable nodes, on the classic worst case: every content is a zero page
 * but for its last 8 bytes, so a byte-ordered tree would compare almost a whole page at every level. Hit: the page
 * equals a random node's frame. Miss: it equals none.
 *
 * <p>In the engine's package because the tree is package-private; frames are generated, not stored, so a million
 * nodes need no 4 GiB of copies. Run: {@code java -cp benchmarks/target/samepage-benchmarks.jar:agent/target/
 * samepage-agent.jar org.openjdk.jmh.Main StableLookup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StableLookupBenchmark {

    @Param({"1000", "10000", "100000", "1000000"})
    public int nodes;

    private final PageHasher hasher = PageHasher.standard();
    private final ByteBuffer page = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES);
    private final SplittableRandom random = new SplittableRandom(42);
    private StableTree tree;

    @Setup
    public void setup() {
        GeneratedFrames frames = new GeneratedFrames();
        tree = new StableTree(frames, new Work(), System::currentTimeMillis, StableTree.DEFAULT_PRUNE_INTERVAL_MILLIS,
                DedupEngine.DEFAULT_MAX_PAGE_SHARING);
        for (int n = 0; n < nodes; n++) {
            tree.insertPair(hasher.hash(fill(page, n), 0), n, page, 0);
        }
    }

    @Benchmark
    public int hit() {
        fill(page, random.nextInt(nodes));
        return tree.search(hasher.hash(page, 0), page, 0);
    }

    @Benchmark
    public int miss() {
        fill(page, nodes + random.nextInt(nodes));
        return tree.search(hasher.hash(page, 0), page, 0);
    }

    /** The worst case's content {@code n}: zero but for the last 8 bytes, {@code n + 1}. */
    static ByteBuffer fill(ByteBuffer into, int n) {
        into.putLong(PageSource.PAGE_BYTES - 8, n + 1L);
        return into;
    }

    /** Frame {@code f} is content {@code f}, made on demand. */
    private static final class GeneratedFrames implements PageMerger {
        private final ByteBuffer frame = ByteBuffer.allocateDirect(PageSource.PAGE_BYTES);

        @Override
        public ByteBuffer frame(int f) {
            return fill(frame, f);
        }

        @Override
        public int mergePair(int region, int page, int partnerRegion, int partnerPage, ByteBuffer content,
                             int offset, long hash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean mergeInto(int f, int region, int page, ByteBuffer content, int offset, long hash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean stillMerged(int f, int region, int page, ByteBuffer content, int offset, long hash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean unmerge(int f, int region, int page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseFrame(int f) {
        }

        @Override
        public void regionRemoved(int region) {
        }
    }
}
