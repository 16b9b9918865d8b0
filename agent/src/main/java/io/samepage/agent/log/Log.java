package io.samepage.agent.log;

import java.io.PrintStream;

/**
 * A tiny stderr logger: every line starts with {@code [samepage]} so operators can grep a fleet's logs.
 *
 * <p>The level is set once from the {@code log} option; until then it is {@link Level#INFO}.
 */
public final class Log {

    /** How much samepage says. */
    public enum Level {
        /** Only problems that change what samepage does (it disabled itself, a feature is off). */
        QUIET,
        /** Problems plus the one start-up line and rare lifecycle lines. */
        INFO,
        /** Everything, including per-region decisions. */
        DEBUG
    }

    private static final String PREFIX = "[samepage] ";
    private static volatile Level level = Level.INFO;
    private static volatile PrintStream out = System.err;

    private Log() {
    }

    /** @param newLevel the level from the {@code log} option */
    public static void setLevel(Level newLevel) {
        level = newLevel;
    }

    /** @return the current level */
    public static Level level() {
        return level;
    }

    /** Redirects output; tests only. @param stream where lines go */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    /** A problem the operator must see whatever the level. @param message one line */
    public static void problem(String message) {
        out.println(PREFIX + message);
    }

    /** @param message one line, printed at INFO and DEBUG */
    public static void info(String message) {
        if (level.compareTo(Level.INFO) >= 0) {
            out.println(PREFIX + message);
        }
    }

    /** @return whether {@link #debug(String)} prints; lets callers skip building the message */
    public static boolean debugEnabled() {
        return level == Level.DEBUG;
    }

    /** @param message one line, printed at DEBUG only */
    public static void debug(String message) {
        if (level == Level.DEBUG) {
            out.println(PREFIX + message);
        }
    }
}
