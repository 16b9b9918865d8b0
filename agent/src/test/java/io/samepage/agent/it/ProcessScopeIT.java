package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scope=process}: PR_SET_MEMORY_MERGE makes every anonymous mapping of the JVM mergeable. */
class ProcessScopeIT {

    private static final Duration RUN = Duration.ofSeconds(60);

    private static ChildJvm.Result probe(String agentArgs) {
        return ChildJvm.run(RUN, "-javaagent:" + ChildJvm.agentJar() + "=" + agentArgs, "-cp",
                ChildJvm.testClasspath(), ProcessScopeProbe.class.getName());
    }

    private static long fact(ChildJvm.Result r, String key) {
        return r.stdout().lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .mapToLong(v -> v.equals("true") ? 1 : v.equals("false") ? 0 : Long.parseLong(v)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + r));
    }

    @Test
    void processScopeMarksEveryAnonymousMappingAndRegionScopeDoesNot() {
        KernelFeatures.assume(Ksm.isAvailable(), "KSM");
        ChildJvm.Result process = probe("scope=process");
        assertEquals(0, process.exitCode(), process::toString);
        assertEquals(1, fact(process, "mergeAny"), process::toString);
        assertEquals(fact(process, "anonymousMappings"), fact(process, "anonymousMergeable"), process::toString);

        ChildJvm.Result region = probe("scope=region");
        assertEquals(0, fact(region, "mergeAny"), region::toString);
        assertTrue(fact(region, "anonymousMergeable") < fact(region, "anonymousMappings") / 2, region::toString);
    }
}
