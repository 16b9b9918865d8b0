package io.samepage.agent.it;

/** Target program for attach tests: says it is ready, then idles until killed (at most two minutes). */
public final class Sleeper {

    private Sleeper() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
