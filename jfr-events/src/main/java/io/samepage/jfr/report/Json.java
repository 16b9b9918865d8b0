package io.samepage.jfr.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes the JSON the HTML report embeds in a {@code <script type="application/json">} element.
 *
 * <p>Strings come from recordings (allocation sites hold {@code <}, {@code $}, quotes), so besides JSON's own
 * escapes {@code <}, {@code >} and {@code &} are written as {@code \}{@code u} escapes: the text can then never
 * close the script element ({@code </script>}) or start an HTML comment, and {@code JSON.parse} reads it back
 * unchanged. U+2028 and U+2029 are escaped for old JavaScript parsers.
 */
final class Json {

    private final StringBuilder out = new StringBuilder();
    /** Per open object or array: whether the next member is its first. */
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    Json beginObject() {
        separate();
        out.append('{');
        first.push(true);
        return this;
    }

    Json endObject() {
        first.pop();
        out.append('}');
        return this;
    }

    Json beginArray() {
        separate();
        out.append('[');
        first.push(true);
        return this;
    }

    Json endArray() {
        first.pop();
        out.append(']');
        return this;
    }

    /** @param name the next member's name, inside an object */
    Json name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    Json value(String value) {
        separate();
        quote(value);
        return this;
    }

    Json value(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** @param value a number; NaN and infinities, which JSON lacks, become {@code null} */
    Json value(double value) {
        separate();
        out.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (!first.peek()) {
                out.append(',');
            }
            first.pop();
            first.push(false);
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                default:
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
