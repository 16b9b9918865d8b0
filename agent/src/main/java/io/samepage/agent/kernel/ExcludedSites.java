package io.samepage.agent.kernel;

import java.util.List;
import java.util.Optional;

/**
 * The {@code exclude} option: allocation sites whose memory is never marked.
 *
 * <p>A pattern matches a site ({@code com.example.Cache.load(Cache.java:42)}) when it is the whole site, or the
 * site's beginning up to a {@code (}, {@code .} or {@code $}: so {@code com.example.Cache.load} is that method at
 * any line, {@code com.example.Cache} the class and its nested classes, {@code com.example} the package, while
 * {@code com.example.Cache.load} does not match {@code com.example.Cache.loadAll(...)}.
 */
public final class ExcludedSites {

    private static final String BOUNDARIES = "(.$";

    private final List<String> patterns;

    /** @param patterns the option's patterns, possibly none */
    public ExcludedSites(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @param site an allocation site
     * @return the first pattern that excludes it, if any
     */
    public Optional<String> matching(String site) {
        for (String pattern : patterns) {
            if (site.equals(pattern) || site.startsWith(pattern) && pattern.length() < site.length()
                    && BOUNDARIES.indexOf(site.charAt(pattern.length())) >= 0) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }
}
