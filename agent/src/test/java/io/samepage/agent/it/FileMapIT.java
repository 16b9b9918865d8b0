package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.agent.testing.KsmdAtFullSpeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code FileChannel.map}: PRIVATE mappings are marked and merge; shared ones are refused with their reason. */
class FileMapIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final long PRIVATE_PAGES = (4 << 20) / 4096;

    @Test
    void privateMappingMergesAndSharedMappingIsRefusedWithItsReason(@TempDir Path dir) throws Exception {
        Path fileA = dir.resolve("a.bin");
        Path fileB = dir.resolve("b.bin");
        for (Path f : List.of(fileA, fileB)) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(8 << 20);
            }
        }
        String agent = "-javaagent:" + ChildJvm.agentJar() + "=log=debug,interval=200ms";
        try (KsmdAtFullSpeed ksmd = KsmdAtFullSpeed.prepare();
             ChildJvm a = ChildJvm.start(probe(agent, fileA));
             ChildJvm b = ChildJvm.start(probe(agent, fileB))) {
            String outA = a.awaitStdout(s -> s.contains("ready"), START);
            b.awaitStdout(s -> s.contains("ready"), START);
            assertTrue(outA.contains("private.mergeable=true"), outA);
            assertTrue(outA.contains("shared.mergeable=false"), outA);
            String err = a.stderr();
            assertTrue(err.lines().anyMatch(l -> l.contains("fileMapShared")
                    && l.contains("not mergeable: shared mapping: KSM merges only private anonymous memory")), err);
            assertTrue(err.lines().anyMatch(l -> l.contains("fileMapPrivate") && l.contains("marked mergeable")),
                    err);

            long before = ksmd.counters().pagesSharing();
            ksmd.run();
            long sharing = ksmd.awaitSharing(s -> s - before >= PRIVATE_PAGES * 9 / 10, 60_000);
            assertTrue(sharing - before >= PRIVATE_PAGES * 9 / 10,
                    "pages_sharing grew by " + (sharing - before) + " of " + PRIVATE_PAGES);
        }
    }

    private static List<String> probe(String agent, Path file) {
        return List.of(agent, "-cp", ChildJvm.testClasspath(), FileMapProbe.class.getName(), file.toString(), "3");
    }
}
