package io.samepage.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point named by the manifest's {@code Premain-Class} and {@code Agent-Class}.
 *
 * <p>Deliberately tiny (async-profiler, OpenTelemetry): both entry points hand over to {@link AgentStartup},
 * which never throws, so nothing samepage does can stop the application from starting.
 */
public final class SamepageAgent {

    private SamepageAgent() {
    }

    /**
     * Called by the JVM for {@code -javaagent:samepage-agent.jar[=options]}.
     *
     * @param agentArgs the text after {@code =}, or {@code null}
     * @param inst      the JVM's instrumentation handle
     */
    public static void premain(String agentArgs, Instrumentation inst) {
        AgentStartup.start(agentArgs, inst, false);
    }

    /**
     * Called by the JVM when the agent is loaded into a running JVM (Attach API, {@code jcmd JVMTI.agent_load}).
     *
     * @param agentArgs the options passed by the attacher, or {@code null}
     * @param inst      the JVM's instrumentation handle
     */
    public static void agentmain(String agentArgs, Instrumentation inst) {
        AgentStartup.start(agentArgs, inst, true);
    }
}
