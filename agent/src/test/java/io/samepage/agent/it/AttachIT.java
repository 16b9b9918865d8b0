package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.linux.Linux;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar samepage-agent.jar attach <pid>} against a running JVM. */
class AttachIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static ChildJvm startTarget() {
        // EnableDynamicAgentLoading keeps JDK 21+'s dynamic-agent warning out of the target's log.
        ChildJvm target = ChildJvm.start(List.of("-XX:+EnableDynamicAgentLoading", "-cp", ChildJvm.testClasspath(),
                Sleeper.class.getName()));
        target.awaitStdout(s -> s.contains("ready"), TIMEOUT);
        return target;
    }

    @Test
    void attachMakesTheTargetPrintItsStartupLine() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer: " + Linux.unavailabilityCause());
        try (ChildJvm target = startTarget()) {
            ChildJvm.Result attach = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString(), "attach",
                    Long.toString(target.pid()), "log=info");
            assertEquals(0, attach.exitCode(), attach::toString);
            assertTrue(attach.stdout().contains("loaded samepage-agent.jar into pid " + target.pid()),
                    attach::toString);
            String err = target.awaitStderr(s -> s.contains("[samepage] samepage "), TIMEOUT);
            assertTrue(err.contains(" attached with log=info "), err);
            assertTrue(err.contains("KSM present"), err);

            ChildJvm.Result again = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString(), "attach",
                    Long.toString(target.pid()));
            assertEquals(0, again.exitCode(), again::toString);
            target.awaitStderr(s -> s.contains("already running in this JVM"), TIMEOUT);
        }
    }

    @Test
    void badOptionsAreRejectedBeforeAttaching() {
        try (ChildJvm target = startTarget()) {
            ChildJvm.Result attach = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString(), "attach",
                    Long.toString(target.pid()), "nonsense=1");
            assertEquals(2, attach.exitCode(), attach::toString);
            assertEquals("samepage: unknown option 'nonsense' in agent arguments; valid keys: enabled, log, threshold, exclude, heap, scope, ksmd, interval, maps.limit, jmx, dedup, dedup.cpu",
                    attach.stderr().strip(), attach::toString);
            assertFalse(target.stderr().contains("[samepage]"), target::stderr);
        }
    }

    @Test
    void missingProcessIsOneLine() {
        long pid = ProcessHandle.current().pid() + 1_000_000;
        ChildJvm.Result attach = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString(), "attach",
                Long.toString(pid));
        assertEquals(1, attach.exitCode(), attach::toString);
        List<String> lines = attach.stderr().lines().toList();
        assertEquals(1, lines.size(), attach::toString);
        assertTrue(lines.get(0).startsWith("samepage: cannot attach to pid " + pid), attach::toString);
        assertTrue(lines.get(0).endsWith("(no such process)"), attach::toString);
    }

    @Test
    void cliWithoutACommandOrWithABadPidIsOneLine() {
        ChildJvm.Result none = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString());
        assertEquals(2, none.exitCode(), none::toString);
        assertTrue(none.stderr().startsWith("samepage: a command is required; valid commands: attach"),
                none::toString);

        ChildJvm.Result badPid = ChildJvm.run(TIMEOUT, "-jar", ChildJvm.agentJar().toString(), "attach", "abc");
        assertEquals(2, badPid.exitCode(), badPid::toString);
        assertEquals(1, badPid.stderr().lines().count(), badPid::toString);
        assertTrue(badPid.stderr().contains("abc"), badPid::toString);
    }
}
