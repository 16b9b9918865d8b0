package io.samepage.agent.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExcludedSitesTest {

    private static final String SITE = "com.example.Cache.load(Cache.java:42)";

    @Test
    void aPatternIsAWholeSiteAMethodAClassOrAPackage() {
        for (String pattern : List.of(SITE, "com.example.Cache.load", "com.example.Cache", "com.example")) {
            assertEquals(Optional.of(pattern), new ExcludedSites(List.of(pattern)).matching(SITE), pattern);
        }
        assertEquals(Optional.of("com.example.Cache"),
                new ExcludedSites(List.of("com.example.Cache")).matching("com.example.Cache$Loader.run(Cache.java:9)"));
    }

    @Test
    void aPatternNeverMatchesInTheMiddleOfAName() {
        ExcludedSites excluded = new ExcludedSites(List.of("com.example.Cache.load", "com.exam",
                "com.example.Cache.load(Cache.java:4)"));
        assertEquals(Optional.empty(), excluded.matching("com.example.Cache.loadAll(Cache.java:50)"));
        assertEquals(Optional.empty(), excluded.matching("com.example.Other.run(Other.java:1)"));
        assertEquals(Optional.empty(), new ExcludedSites(List.of()).matching(SITE));
        assertEquals(Optional.of("com.example.Cache.load"), excluded.matching(SITE), "first match wins");
    }
}
