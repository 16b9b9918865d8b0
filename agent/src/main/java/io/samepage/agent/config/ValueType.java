package io.samepage.agent.config;

import java.util.List;
import java.util.Locale;

/**
 * How an option's text becomes a value, and how to describe the valid values in an error line.
 *
 * @param <T> the parsed type
 */
public interface ValueType<T> {

    /**
     * @param text the raw value, already trimmed
     * @return the parsed value
     * @throws IllegalArgumentException when the text is not valid; the caller adds key and source
     */
    T parse(String text);

    /** @return what is valid, for error lines, e.g. {@code "true, false"} */
    String validValues();

    /** @return a switch: {@code true|false|on|off|yes|no}, case-insensitive */
    static ValueType<Boolean> flag() {
        return new ValueType<>() {
            @Override
            public Boolean parse(String text) {
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true": case "on": case "yes": return Boolean.TRUE;
                    case "false": case "off": case "no": return Boolean.FALSE;
                    default: throw new IllegalArgumentException(text);
                }
            }

            @Override
            public String validValues() {
                return "true, false (or on, off)";
            }
        };
    }

    /**
     * @param choices the allowed words, lower case
     * @return one of a fixed set of words, case-insensitive
     */
    static ValueType<String> choice(String... choices) {
        List<String> allowed = List.of(choices);
        return new ValueType<>() {
            @Override
            public String parse(String text) {
                String word = text.toLowerCase(Locale.ROOT);
                if (!allowed.contains(word)) {
                    throw new IllegalArgumentException(text);
                }
                return word;
            }

            @Override
            public String validValues() {
                return String.join(", ", allowed);
            }
        };
    }

    /**
     * @param minBytes the smallest accepted size
     * @return a byte count with an optional binary suffix: {@code 65536}, {@code 64k}, {@code 1m}, {@code 2g}
     */
    static ValueType<Long> size(long minBytes) {
        return new ValueType<>() {
            @Override
            public Long parse(String text) {
                String t = text.toLowerCase(Locale.ROOT);
                if (t.endsWith("b")) {
                    t = t.substring(0, t.length() - 1);
                }
                long unit = 1;
                if (!t.isEmpty()) {
                    switch (t.charAt(t.length() - 1)) {
                        case 'k': unit = 1L << 10; break;
                        case 'm': unit = 1L << 20; break;
                        case 'g': unit = 1L << 30; break;
                        default: break;
                    }
                }
                String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
                long bytes;
                try {
                    bytes = Math.multiplyExact(Long.parseLong(digits), unit);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IllegalArgumentException(text, e);
                }
                if (bytes < minBytes) {
                    throw new IllegalArgumentException(text);
                }
                return bytes;
            }

            @Override
            public String validValues() {
                return "a size of at least " + minBytes + " bytes, e.g. 1m, 512k, 2g";
            }
        };
    }

    /**
     * @param minMillis the shortest accepted duration
     * @return a duration in milliseconds: {@code 500ms}, {@code 5s}, {@code 1m}, or a bare millisecond count
     */
    static ValueType<Long> millis(long minMillis) {
        return new ValueType<>() {
            @Override
            public Long parse(String text) {
                String t = text.toLowerCase(Locale.ROOT);
                long unit = 1;
                String digits = t;
                if (t.endsWith("ms")) {
                    digits = t.substring(0, t.length() - 2);
                } else if (t.endsWith("s")) {
                    unit = 1000;
                    digits = t.substring(0, t.length() - 1);
                } else if (t.endsWith("m")) {
                    unit = 60_000;
                    digits = t.substring(0, t.length() - 1);
                }
                long millis;
                try {
                    millis = Math.multiplyExact(Long.parseLong(digits), unit);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IllegalArgumentException(text, e);
                }
                if (millis < minMillis) {
                    throw new IllegalArgumentException(text);
                }
                return millis;
            }

            @Override
            public String validValues() {
                return "a duration of at least " + minMillis + " ms, e.g. 500ms, 5s, 1m";
            }
        };
    }

    /**
     * @param maxPercent the largest accepted value
     * @return a percentage such as {@code 5%} or {@code 5}, as a fraction of 100
     */
    static ValueType<Double> percent(double maxPercent) {
        return new ValueType<>() {
            @Override
            public Double parse(String text) {
                String t = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
                double value;
                try {
                    value = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(text, e);
                }
                if (!(value > 0 && value <= maxPercent)) {
                    throw new IllegalArgumentException(text);
                }
                return value;
            }

            @Override
            public String validValues() {
                return "a percentage above 0 and at most " + maxPercent + ", e.g. 5%";
            }
        };
    }

    /**
     * @return allocation sites or their prefixes, separated by {@code ;}: a site such as
     *         {@code com.example.Cache.load(Cache.java:42)} holds commas nowhere but may hold colons, so neither
     *         the options' {@code ,} nor a path-style {@code :} can separate them
     */
    static ValueType<List<String>> sitePatterns() {
        return new ValueType<>() {
            @Override
            public List<String> parse(String text) {
                if (text.isEmpty()) {
                    return List.of();
                }
                List<String> patterns = new java.util.ArrayList<>();
                for (String item : text.split(";", -1)) {
                    String pattern = item.trim();
                    if (pattern.isEmpty()) {
                        throw new IllegalArgumentException(text);
                    }
                    patterns.add(pattern);
                }
                return List.copyOf(patterns);
            }

            @Override
            public String validValues() {
                return "allocation sites, classes or methods separated by ';', e.g."
                        + " com.example.Cache.load(Cache.java:42);com.example.Index";
            }
        };
    }
}
