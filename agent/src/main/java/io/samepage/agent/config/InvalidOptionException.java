package io.samepage.agent.config;

/** Bad agent input. The message is one line naming what is wrong and what is valid. */
public final class InvalidOptionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line: the offending key or value, where it came from, and what is valid */
    public InvalidOptionException(String message) {
        super(message);
    }
}
