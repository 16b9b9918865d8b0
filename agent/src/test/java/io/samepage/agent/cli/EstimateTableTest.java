package io.samepage.agent.cli;

import io.samepage.agent.jmx.DeduplicatorMXBean;
import io.samepage.agent.jmx.EstimateRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateTableTest {

    private static DeduplicatorMXBean engine(long fullScans, List<EstimateRow> rows) {
        return engine(fullScans, 0, rows);
    }

    private static DeduplicatorMXBean engine(long fullScans, int unsettled, List<EstimateRow> rows) {
        return new DeduplicatorMXBean() {
            public String getMode() { return "estimate"; }
            public long getFullScans() { return fullScans; }
            public long getPagesScanned() { return 98_304; }
            public long getPagesShared() { return 0; }
            public long getPagesSharing() { return 0; }
            public long getPagesUnshared() { return 0; }
            public long getPagesVolatile() { return 0; }
            public long getZeroPages() { return 0; }
            public long getStableNodeChains() { return 0; }
            public long getStableNodeDups() { return 0; }
            public int getUnsettledRegions() { return unsettled; }
            public List<EstimateRow> getEstimate() { return rows; }
        };
    }

    @Test
    void printsRowsAndTheSavingsLine() {
        long mib = 1 << 20;
        String text = EstimateTable.format(42, engine(3, List.of(
                new EstimateRow("region", 7, "com.example.Cache.load(Cache.java:42)", 128 * mib, 64 * mib, 0,
                        64 * mib, 0),
                new EstimateRow("total", -1, "", 256 * mib, 96 * mib, 32 * mib, 128 * mib, 0))));
        List<String> lines = text.lines().toList();
        assertEquals("samepage estimate for pid 42: mode estimate, 3 full scans, 98304 pages scanned", lines.get(0));
        assertTrue(lines.get(2).startsWith("region        7  com.example.Cache.load(Cache.java:42)"), text);
        assertTrue(lines.get(2).contains("128.0        64.0       0.0        64.0         0.0"), text);
        assertEquals("merging would save 128.0 MiB of 256.0 MiB scanned (50.0%)", lines.get(lines.size() - 1));
    }

    @Test
    void saysTheEstimateIsProvisionalBeforeTwoFullScans() {
        String text = EstimateTable.format(42, engine(1, List.of()));
        assertTrue(text.contains("(provisional: duplicates are certain only after two full scans)"), text);
    }

    @Test
    void saysTheEstimateIsProvisionalWhileARegionAddedLateIsNotScannedTwice() {
        String text = EstimateTable.format(42, engine(9, 2, List.of()));
        assertTrue(text.contains("(provisional: 2 regions not yet scanned twice; their duplicates are certain only"
                + " after that)"), text);
        assertTrue(!EstimateTable.format(42, engine(9, 0, List.of())).contains("provisional"));
    }
}
