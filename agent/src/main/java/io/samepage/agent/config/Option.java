package io.samepage.agent.config;

import java.util.Locale;

/**
 * One agent option: its key, the three spellings of that key, its type and its default.
 *
 * @param <T> the parsed value type
 */
public final class Option<T> {

    private final String key;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String description;

    Option(String key, ValueType<T> type, T defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** @return the key as written in agent arguments, e.g. {@code threshold} */
    public String key() {
        return key;
    }

    /** @return the system property spelling, {@code samepage.<key>} */
    public String systemProperty() {
        return "samepage." + key;
    }

    /** @return the environment spelling: upper case, {@code .} and {@code -} become {@code _} (OpenTelemetry's rule) */
    public String environmentVariable() {
        return "SAMEPAGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** @return the value used when no source sets the key */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return one sentence for the README and {@code --help} */
    public String description() {
        return description;
    }

    /** @return what is valid, for error lines */
    public String validValues() {
        return type.validValues();
    }

    T parse(String text, String source) throws InvalidOptionException {
        try {
            return type.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("bad value '" + text + "' for option '" + key + "' (from " + source
                    + "); valid: " + type.validValues());
        }
    }
}
