package io.samepage.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The resolved value of every option, and where each came from.
 *
 * <p>Immutable. Resolution order: agent arguments, system property {@code samepage.<key>}, environment variable
 * {@code SAMEPAGE_<KEY>}, default. Only agent arguments are checked for unknown keys: the environment legitimately
 * holds other {@code SAMEPAGE_*} variables (CI's {@code SAMEPAGE_REQUIRE_LINUX}, for one).
 */
public final class AgentOptions {

    private final Map<Option<?>, Object> values;
    private final Map<Option<?>, String> sources;

    private AgentOptions(Map<Option<?>, Object> values, Map<Option<?>, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /**
     * Resolves every option from the process's own system properties and environment.
     *
     * @param agentArgs the {@code -javaagent:} or attach arguments, may be {@code null}
     * @return the resolved options
     * @throws InvalidOptionException on an unknown key, a malformed argument or a bad value
     */
    public static AgentOptions resolve(String agentArgs) throws InvalidOptionException {
        Map<String, String> props = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(n -> props.put(n, System.getProperty(n)));
        return resolve(agentArgs, props, System.getenv());
    }

    /**
     * Resolves every option from explicit sources; the entry point tests use.
     *
     * @param agentArgs   the {@code key=value,...} text, may be {@code null} or blank
     * @param properties  system properties
     * @param environment environment variables
     * @return the resolved options
     * @throws InvalidOptionException on an unknown key, a malformed argument or a bad value
     */
    public static AgentOptions resolve(String agentArgs, Map<String, String> properties,
                                       Map<String, String> environment) throws InvalidOptionException {
        Map<String, String> args = parseArguments(agentArgs);
        Map<Option<?>, Object> values = new LinkedHashMap<>();
        Map<Option<?>, String> sources = new LinkedHashMap<>();
        for (Option<?> option : Options.ALL) {
            String text;
            String source;
            if (args.containsKey(option.key())) {
                text = args.get(option.key());
                source = "agent arguments";
            } else if (properties.containsKey(option.systemProperty())) {
                text = properties.get(option.systemProperty());
                source = "system property " + option.systemProperty();
            } else if (environment.containsKey(option.environmentVariable())) {
                text = environment.get(option.environmentVariable());
                source = "environment variable " + option.environmentVariable();
            } else {
                values.put(option, option.defaultValue());
                sources.put(option, "default");
                continue;
            }
            values.put(option, option.parse(text, source));
            sources.put(option, source);
        }
        return new AgentOptions(values, sources);
    }

    /**
     * Splits {@code key=value,key=value} and rejects unknown keys; shared by the agent and the attach command.
     *
     * @param agentArgs the text, may be {@code null} or blank
     * @return key to raw value, in order
     * @throws InvalidOptionException on a malformed item, an unknown or repeated key
     */
    public static Map<String, String> parseArguments(String agentArgs) throws InvalidOptionException {
        Map<String, String> args = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return args;
        }
        for (String item : agentArgs.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new InvalidOptionException("malformed agent argument '" + item
                        + "': expected key=value[,key=value...]; valid keys: " + Options.validKeys());
            }
            String key = item.substring(0, eq).trim();
            if (Options.byKey(key).isEmpty()) {
                throw new InvalidOptionException("unknown option '" + key + "' in agent arguments; valid keys: "
                        + Options.validKeys());
            }
            if (args.put(key, item.substring(eq + 1)) != null) {
                throw new InvalidOptionException("option '" + key + "' given twice in agent arguments");
            }
        }
        return args;
    }

    /**
     * @param option an option from {@link Options}
     * @param <T>    its value type
     * @return its resolved value
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        return (T) Objects.requireNonNull(values.get(option), option.key());
    }

    /** @param option an option @return where its value came from, e.g. {@code "agent arguments"} or {@code "default"} */
    public String source(Option<?> option) {
        return sources.get(option);
    }

    /** @return the options that differ from their defaults, as {@code key=value,...}, for the start-up line */
    public String nonDefaults() {
        return values.entrySet().stream()
                .filter(e -> !"default".equals(sources.get(e.getKey())))
                .map(e -> e.getKey().key() + "=" + (e.getValue() instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(";")) : e.getValue()))
                .collect(Collectors.joining(","));
    }
}
