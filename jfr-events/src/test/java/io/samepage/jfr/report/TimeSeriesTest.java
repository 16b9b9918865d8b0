package io.samepage.jfr.report;

import io.samepage.jfr.report.TimeSeries.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeSeriesTest {

    private static Instant t(long seconds) {
        return Instant.ofEpochSecond(1_000 + seconds);
    }

    @Test
    void valuesHoldUntilTheNextPointAndSumsAddEachSeriesLatest() {
        TimeSeries a = TimeSeries.of(List.of(new Point(t(5), 50), new Point(t(1), 10)));
        TimeSeries b = TimeSeries.of(List.of(new Point(t(3), 7)));
        assertEquals(-1, a.at(t(0), -1));
        assertEquals(10, a.at(t(4), 0));
        assertEquals(50, a.last());
        TimeSeries sum = TimeSeries.sum(List.of(a, b));
        assertEquals(List.of(new Point(t(1), 10), new Point(t(3), 17), new Point(t(5), 57)), sum.points());
        assertEquals(57, sum.max());
    }

    @Test
    void cumulativeRunsTheTotalInTimeOrder() {
        TimeSeries c = TimeSeries.cumulative(List.of(new Point(t(2), 5), new Point(t(1), 3)));
        assertEquals(List.of(new Point(t(1), 3), new Point(t(2), 8)), c.points());
        assertEquals(0, TimeSeries.cumulative(List.of()).last());
    }
}
