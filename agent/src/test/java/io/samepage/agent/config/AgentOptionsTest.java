package io.samepage.agent.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgentOptionsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() throws Exception {
        AgentOptions o = AgentOptions.resolve(null, Map.of(), Map.of());
        assertEquals(Boolean.TRUE, o.get(Options.ENABLED));
        assertEquals("info", o.get(Options.LOG));
        assertEquals("default", o.source(Options.LOG));
        assertEquals("", o.nonDefaults());
    }

    @Test
    void agentArgumentsBeatSystemPropertiesWhichBeatTheEnvironment() throws Exception {
        Map<String, String> props = Map.of("samepage.log", "debug", "samepage.enabled", "false");
        Map<String, String> env = Map.of("SAMEPAGE_LOG", "quiet", "SAMEPAGE_ENABLED", "true");
        AgentOptions o = AgentOptions.resolve("log=quiet", props, env);
        assertEquals("quiet", o.get(Options.LOG));
        assertEquals("agent arguments", o.source(Options.LOG));
        assertEquals(Boolean.FALSE, o.get(Options.ENABLED));
        assertEquals("system property samepage.enabled", o.source(Options.ENABLED));

        AgentOptions fromEnv = AgentOptions.resolve("", Map.of(), env);
        assertEquals("quiet", fromEnv.get(Options.LOG));
        assertEquals("environment variable SAMEPAGE_LOG", fromEnv.source(Options.LOG));
    }

    @Test
    void excludedSitesComeFromAnyOfTheThreeSpellings() throws Exception {
        AgentOptions o = AgentOptions.resolve(null, Map.of("samepage.exclude", "com.example.Cache.load;com.b"),
                Map.of());
        assertEquals(List.of("com.example.Cache.load", "com.b"), o.get(Options.EXCLUDE));
        assertEquals("exclude=com.example.Cache.load;com.b", o.nonDefaults());
        assertEquals(List.of(), AgentOptions.resolve(null, Map.of(), Map.of()).get(Options.EXCLUDE));
    }

    @Test
    void unknownEnvironmentVariablesAreNotOurs() throws Exception {
        AgentOptions o = AgentOptions.resolve(null, Map.of(), Map.of("SAMEPAGE_REQUIRE_LINUX", "1"));
        assertEquals(Boolean.TRUE, o.get(Options.ENABLED));
    }

    @Test
    void errorsAreOneLineNamingWhatIsWrongAndWhatIsValid() {
        assertEquals("unknown option 'nonsense' in agent arguments; valid keys: enabled, log, threshold, exclude, heap, scope, ksmd, interval, maps.limit, jmx, dedup, dedup.cpu",
                assertThrows(InvalidOptionException.class,
                        () -> AgentOptions.resolve("nonsense=1", Map.of(), Map.of())).getMessage());
        assertEquals("bad value 'maybe' for option 'enabled' (from environment variable SAMEPAGE_ENABLED);"
                        + " valid: true, false (or on, off)",
                assertThrows(InvalidOptionException.class,
                        () -> AgentOptions.resolve(null, Map.of(), Map.of("SAMEPAGE_ENABLED", "maybe"))).getMessage());
        assertEquals("option 'log' given twice in agent arguments", assertThrows(InvalidOptionException.class,
                () -> AgentOptions.resolve("log=info,log=debug", Map.of(), Map.of())).getMessage());
        assertEquals("malformed agent argument '=x': expected key=value[,key=value...]; valid keys: enabled, log, threshold, exclude, heap, scope, ksmd, interval, maps.limit, jmx, dedup, dedup.cpu",
                assertThrows(InvalidOptionException.class,
                        () -> AgentOptions.resolve("=x", Map.of(), Map.of())).getMessage());
    }

    @Test
    void valueTypesParseUnitsAndRejectNonsense() {
        assertEquals(1L << 20, ValueType.size(4096).parse("1m"));
        assertEquals(512L << 10, ValueType.size(4096).parse("512K"));
        assertEquals(2L << 30, ValueType.size(4096).parse("2gb"));
        assertEquals(65536L, ValueType.size(4096).parse("65536"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.size(4096).parse("1k"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.size(4096).parse("lots"));
        assertEquals(5000L, ValueType.millis(1).parse("5s"));
        assertEquals(250L, ValueType.millis(1).parse("250ms"));
        assertEquals(60_000L, ValueType.millis(1).parse("1m"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.millis(10).parse("5ms"));
        assertEquals(5.0, ValueType.percent(100).parse("5%"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.percent(100).parse("0%"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.percent(100).parse("150"));
        assertEquals(List.of("com.example.Cache.load(Cache.java:42)", "com.example.Index"),
                ValueType.sitePatterns().parse("com.example.Cache.load(Cache.java:42); com.example.Index"));
        assertEquals(List.of(), ValueType.sitePatterns().parse(""));
        assertThrows(IllegalArgumentException.class, () -> ValueType.sitePatterns().parse("a;;b"));
        assertEquals(Boolean.TRUE, ValueType.flag().parse("ON"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.flag().parse("maybe"));
    }
}
