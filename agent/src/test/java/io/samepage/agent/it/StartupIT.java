package io.samepage.agent.it;

import io.samepage.agent.testing.ChildJvm;
import io.samepage.linux.Linux;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent in a fresh JVM: the start-up line, and bad options that disable samepage but never the app. */
class StartupIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static String agent(String args) {
        return "-javaagent:" + ChildJvm.agentJar() + (args == null ? "" : "=" + args);
    }

    @Test
    void printsOneStartupLineDescribingTheHost() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer: " + Linux.unavailabilityCause());
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent(null), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.samepageLines();
        assertEquals(1, lines.size(), r::toString);
        String line = lines.get(0);
        assertAll(
                () -> assertTrue(line.startsWith("[samepage] samepage "), line),
                () -> assertTrue(line.contains(" started "), line),
                () -> assertTrue(line.contains("KSM present; ksmd "), line),
                () -> assertTrue(line.contains("this process may"), line),
                () -> assertTrue(line.contains("; userfaultfd "), line),
                () -> assertTrue(line.matches(".*vm\\.max_map_count=\\d+, \\d+ mappings in use$"), line),
                () -> assertTrue(r.stderr().contains("version"), "java -version output still printed"));
    }

    @Test
    void theJvmPrintsNoWarningAboutTheAgentAndTheApplicationGainsNoNativeAccess() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux native layer: " + Linux.unavailabilityCause());
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent(null), "-version");
        // JDK 24+ would print JNA's restricted-method warning, JDK 17+ a CDS warning for a bootstrap append.
        assertTrue(r.stderr().lines().noneMatch(l -> l.contains("WARNING") || l.contains("warning")),
                r::toString);
        if (Runtime.version().feature() >= 22) {
            ChildJvm.Result app = ChildJvm.run(TIMEOUT, agent(null), "-cp", ChildJvm.testClasspath(),
                    NativeAccessProbe.class.getName());
            assertTrue(app.stdout().contains("app.nativeAccess=false"), app::toString);
            assertTrue(app.stderr().lines().noneMatch(l -> l.contains("WARNING")), app::toString);
        }
    }

    @Test
    void samepageRepackagedIntoAnApplicationJarSaysSoInOneLine(@TempDir Path dir) throws Exception {
        // An application jar that bundles samepage's classes (an uber-jar) shadows the agent jar on the class path.
        Path uber = dir.resolve("app-with-samepage.jar");
        try (JarFile agentJar = new JarFile(ChildJvm.agentJar().toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(uber))) {
            for (JarEntry e : Collections.list(agentJar.entries())) {
                if (e.getName().startsWith("io/samepage/agent/") && e.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    agentJar.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent(null), "-cp", uber.toString(), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, r.samepageLines().size(), r::toString);
        String line = r.samepageLines().get(0);
        assertTrue(line.startsWith("[samepage] cannot start: samepage's classes were loaded from " + uber), line);
        assertTrue(line.endsWith("samepage is disabled; the application runs on."), line);
    }

    @Test
    void unknownKeyPrintsOneLineNamingItAndTheValidKeysAndTheJvmRunsOn() {
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent("nonsense=1"), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("[samepage] unknown option 'nonsense' in agent arguments; valid keys: enabled, log, threshold, exclude, heap, scope, ksmd, interval, maps.limit, jmx, dedup, dedup.cpu."
                + " samepage is disabled; the application runs on."), r.samepageLines(), r::toString);
        assertTrue(r.stderr().contains("version"), r::toString);
    }

    @Test
    void badValueFromASystemPropertyNamesTheSourceAndTheValidValues() {
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, "-Dsamepage.log=loud", agent(null), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("[samepage] bad value 'loud' for option 'log' (from system property samepage.log);"
                + " valid: quiet, info, debug. samepage is disabled; the application runs on."),
                r.samepageLines(), r::toString);
    }

    @Test
    void malformedArgumentIsOneLine() {
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent("log"), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, r.samepageLines().size(), r::toString);
        assertTrue(r.samepageLines().get(0).contains("malformed agent argument 'log': expected key=value"),
                r::toString);
    }

    @Test
    void disabledAgentSaysSoAndDoesNothingElse() {
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent("enabled=false"), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, r.samepageLines().size(), r::toString);
        assertTrue(r.samepageLines().get(0).contains("loaded with enabled=false (agent arguments): doing nothing"),
                r::toString);
    }

    @Test
    void quietLogLevelSuppressesTheStartupLine() {
        ChildJvm.Result r = ChildJvm.run(TIMEOUT, agent("log=quiet"), "-version");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(), r.samepageLines(), r::toString);
    }
}
