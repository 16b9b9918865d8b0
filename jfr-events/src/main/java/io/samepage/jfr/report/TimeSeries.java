package io.samepage.jfr.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * A measured quantity over time: points in time order, each value holding until the next point. Sampled
 * quantities (KSM counters every 5 s, merged bytes every interval) are step functions, so the sum of several JVMs'
 * series at an instant is the sum of each one's latest value before it.
 */
final class TimeSeries {

    /**
     * @param time  when
     * @param value what, in the series' unit (bytes, pages)
     */
    record Point(Instant time, long value) {
    }

    private final List<Point> points;

    private TimeSeries(List<Point> points) {
        this.points = points;
    }

    /** @param points points in any order @return the series, in time order */
    static TimeSeries of(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> a.time().compareTo(b.time()));
        return new TimeSeries(Collections.unmodifiableList(sorted));
    }

    /**
     * @param deltas changes in time order, such as bytes broken per interval
     * @return the running total after each change
     */
    static TimeSeries cumulative(List<Point> deltas) {
        List<Point> total = new ArrayList<>();
        long sum = 0;
        for (Point p : of(deltas).points) {
            sum += p.value();
            total.add(new Point(p.time(), sum));
        }
        return new TimeSeries(Collections.unmodifiableList(total));
    }

    /**
     * @param series several series, such as one per JVM
     * @return at every instant any of them changes, the sum of each one's latest value (none yet counts 0)
     */
    static TimeSeries sum(List<TimeSeries> series) {
        TreeSet<Instant> instants = new TreeSet<>();
        series.forEach(s -> s.points.forEach(p -> instants.add(p.time())));
        List<Point> sum = new ArrayList<>();
        for (Instant t : instants) {
            sum.add(new Point(t, series.stream().mapToLong(s -> s.at(t, 0)).sum()));
        }
        return new TimeSeries(Collections.unmodifiableList(sum));
    }

    /** @return the points, in time order */
    List<Point> points() {
        return points;
    }

    /** @return whether there is no point */
    boolean isEmpty() {
        return points.isEmpty();
    }

    /**
     * @param t       an instant
     * @param initial the value before the first point
     * @return the latest value at or before {@code t}
     */
    long at(Instant t, long initial) {
        long value = initial;
        for (Point p : points) {
            if (p.time().isAfter(t)) {
                break;
            }
            value = p.value();
        }
        return value;
    }

    /** @return the last value, 0 if none */
    long last() {
        return points.isEmpty() ? 0 : points.get(points.size() - 1).value();
    }

    /** @return the largest value, 0 if none */
    long max() {
        return points.stream().mapToLong(Point::value).max().orElse(0);
    }
}
