package io.samepage.jfr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jfr.Configuration;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code samepage.jfc} configures exactly the catalogue, agrees with the annotations, and loads in JFR. */
class SamepageJfcTest {

    /** Event name to its settings, as written in the file. */
    private static Map<String, Map<String, String>> jfc;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Element root;
        try (InputStream in = SamepageJfc.open()) {
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
        assertEquals("configuration", root.getTagName());
        assertEquals("2.0", root.getAttribute("version"));
        assertEquals("samepage", root.getAttribute("label"));

        jfc = new TreeMap<>();
        NodeList events = root.getElementsByTagName("event");
        for (int i = 0; i < events.getLength(); i++) {
            Element event = (Element) events.item(i);
            Map<String, String> settings = new HashMap<>();
            NodeList children = event.getElementsByTagName("setting");
            for (int j = 0; j < children.getLength(); j++) {
                Element setting = (Element) children.item(j);
                settings.put(setting.getAttribute("name"), setting.getTextContent().trim());
            }
            assertNull(jfc.put(event.getAttribute("name"), settings), "configured twice");
        }
    }

    @Test
    void configuresEveryEventOfTheCatalogueAndNothingElse() {
        Set<String> catalogue = SamepageEvents.all().stream()
                .map(c -> c.getAnnotation(Name.class).value())
                .collect(Collectors.toSet());
        assertEquals(catalogue, jfc.keySet());
        jfc.forEach((name, settings) -> assertEquals("true", settings.get("enabled"), name));
    }

    @Test
    void stackTracesOnlyForRegionLifeCycle() {
        Map<String, String> stackTraces = new TreeMap<>();
        jfc.forEach((name, settings) -> {
            if ("true".equals(settings.get("stackTrace"))) {
                stackTraces.put(name, "true");
            }
        });
        assertEquals(Set.of(EventNames.REGION_REGISTERED, EventNames.REGION_FREED), stackTraces.keySet());
        assertEquals("5 s", jfc.get(EventNames.KSM_STATISTICS).get("period"));
        assertEquals("0 ms", jfc.get(EventNames.DEDUP_SCAN).get("threshold"));
    }

    @Test
    void agreesWithTheAnnotationDefaults() {
        // A recording with settings=default alone uses the annotations; samepage.jfc must not contradict them.
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String name = eventClass.getAnnotation(Name.class).value();
            Map<String, String> settings = jfc.get(name);
            Period period = eventClass.getAnnotation(Period.class);
            Threshold threshold = eventClass.getAnnotation(Threshold.class);
            StackTrace stackTrace = eventClass.getAnnotation(StackTrace.class);
            if (period != null) {
                assertEquals(period.value(), settings.get("period"), name);
                assertNull(settings.get("stackTrace"), name + ": periodic events run on JFR's thread");
            } else {
                assertNull(settings.get("period"), name);
                assertEquals(String.valueOf(stackTrace == null || stackTrace.value()), settings.get("stackTrace"),
                        name);
            }
            assertEquals(threshold == null ? null : threshold.value(), settings.get("threshold"), name);
        }
    }

    @Test
    void perAllocationEventsAreOffByDefaultAndOnInSamepageJfc() {
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String name = eventClass.getAnnotation(Name.class).value();
            Enabled enabled = eventClass.getAnnotation(Enabled.class);
            boolean perAllocation = name.equals(EventNames.REGION_REGISTERED) || name.equals(EventNames.REGION_FREED);
            assertEquals(perAllocation, enabled != null && !enabled.value(), name + " off by default");
            assertEquals("true", jfc.get(name).get("enabled"), name + " on in samepage.jfc");
        }
    }

    @Test
    void loadsAsAJfrConfiguration() throws Exception {
        Configuration configuration;
        try (Reader reader = new InputStreamReader(SamepageJfc.open(), StandardCharsets.UTF_8)) {
            configuration = Configuration.create(reader);
        }
        assertEquals("samepage", configuration.getLabel());
        assertEquals("samepage", configuration.getProvider());
        Map<String, String> settings = configuration.getSettings();
        assertEquals("5 s", settings.get(EventNames.KSM_STATISTICS + "#period"));
        assertEquals("0 ms", settings.get(EventNames.DEDUP_SCAN + "#threshold"));
        assertEquals("true", settings.get(EventNames.REGION_REGISTERED + "#stackTrace"));
        int written = jfc.values().stream().mapToInt(Map::size).sum();
        assertEquals(written, settings.size());
    }

    @Test
    void extractsAtomicallyAndRepeatably(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("nested");
        Path first = SamepageJfc.extractTo(target);
        Path second = SamepageJfc.extractTo(target);

        assertEquals(target.resolve(SamepageJfc.FILE_NAME), first);
        assertEquals(first, second);
        byte[] expected;
        try (InputStream in = SamepageJfc.open()) {
            expected = in.readAllBytes();
        }
        assertArrayEquals(expected, Files.readAllBytes(first));
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of(first), files.toList(), "no temporary files left");
        }
        assertTrue(Configuration.create(first).getSettings().containsKey(EventNames.PAGE_MERGE + "#enabled"));
    }
}
