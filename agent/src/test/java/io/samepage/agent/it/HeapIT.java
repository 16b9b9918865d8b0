package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code heap=on}: the heap's committed mappings carry {@code mg}, also after the heap grew through GCs. */
class HeapIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern RANGE = Pattern.compile("in \\[0x([0-9a-f]+), 0x([0-9a-f]+)\\)");

    private static ChildJvm grower(String gc, boolean heapOn) {
        String agent = "-javaagent:" + ChildJvm.agentJar() + "=interval=200ms" + (heapOn ? ",heap=on" : "");
        return ChildJvm.start(List.of(agent, gc, "-Xms8m", "-Xmx512m", "-cp", ChildJvm.testClasspath(),
                HeapGrower.class.getName(), "1500"));
    }

    @Test
    void committedHeapStaysMarkedAfterGrowthWithG1AndSerial() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseSerialGC")) {
            try (ChildJvm child = grower(gc, true)) {
                child.awaitStdout(s -> s.contains("ready"), START);
                String err = child.awaitStderr(s -> RANGE.matcher(s).find(), START);
                Matcher m = RANGE.matcher(err);
                assertTrue(m.find(), err);
                long start = Long.parseUnsignedLong(m.group(1), 16);
                long end = Long.parseUnsignedLong(m.group(2), 16);
                List<Mapping> committed = committedHeap(child.pid(), start, end);
                long bytes = committed.stream().mapToLong(Mapping::size).sum();
                assertTrue(bytes >= 100 << 20, gc + ": heap grew to " + bytes + " committed bytes");
                assertTrue(committed.stream().allMatch(Mapping::mergeable),
                        gc + ": every committed heap mapping is mergeable: " + committed);
            }
        }
    }

    @Test
    void withoutHeapModeTheHeapIsNotMarked() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        try (ChildJvm child = grower("-XX:+UseG1GC", false)) {
            child.awaitStdout(s -> s.contains("ready"), START);
            List<Mapping> big = Smaps.read(child.pid()).stream()
                    .filter(mp -> mp.perms().startsWith("rw") && mp.path().isEmpty() && mp.size() >= 64 << 20)
                    .toList();
            assertFalse(big.isEmpty(), "the grown heap is a large anonymous rw mapping");
            assertTrue(big.stream().noneMatch(Mapping::mergeable), big::toString);
        }
    }

    private static List<Mapping> committedHeap(long pid, long start, long end) {
        return Smaps.overlapping(Smaps.read(pid), start, end).stream()
                .filter(mp -> mp.perms().startsWith("rw")).toList();
    }
}
