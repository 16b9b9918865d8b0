package io.samepage.bench;

/** The smallest program, for JVM start-up time with and without the agent. */
public final class Hello {

    private Hello() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
