package io.samepage.agent.track;

/**
 * The agent's own threads. What they allocate is samepage's, not the application's: the deduplicator's frame
 * store and its in-place views are direct buffers too, and tracking them would register samepage's bookkeeping as
 * the application's memory (and, for the frames, scan them).
 */
public final class AgentThreads {

    private AgentThreads() {
    }

    /**
     * @param task what the thread runs
     * @param name its name, {@code samepage-...}
     * @return a new, unstarted daemon thread known as the agent's
     */
    public static Thread daemon(Runnable task, String name) {
        Thread t = new AgentThread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** @return whether the calling thread is one of the agent's */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof AgentThread;
    }

    /** A marker class: an {@code instanceof} is the cheapest question the allocation hook can ask. */
    private static final class AgentThread extends Thread {
        AgentThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
