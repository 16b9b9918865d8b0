package io.samepage.agent;

import io.samepage.agent.config.AgentOptions;
import io.samepage.agent.config.InvalidOptionException;
import io.samepage.agent.config.Options;
import io.samepage.agent.host.HostReport;
import io.samepage.agent.log.Log;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Manifest;

/**
 * The one start-up path shared by {@code premain} and {@code agentmain}, run inside samepage's own module
 * (see {@link SamepageAgent}).
 *
 * <p>Contract with the application: this method returns normally whatever happens. Bad options, a non-Linux host
 * or an internal error disable samepage with one line on stderr; the application runs on untouched.
 */
public final class AgentStartup {

    /** Set once a start-up got past option validation; a second load (attach twice) then only says so. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AgentStartup() {
    }

    /**
     * @param agentArgs the agent options, may be {@code null}
     * @param inst      the instrumentation handle
     * @param dynamic   whether the agent was attached to a running JVM
     */
    public static void start(String agentArgs, Instrumentation inst, boolean dynamic) {
        try {
            NativeAccess.enableForSamepage(inst);
            AgentOptions options;
            try {
                options = AgentOptions.resolve(agentArgs);
            } catch (InvalidOptionException e) {
                Log.problem(e.getMessage() + ". samepage is disabled; the application runs on.");
                return;
            }
            Log.setLevel(Log.Level.valueOf(options.get(Options.LOG).toUpperCase(Locale.ROOT)));
            if (!STARTED.compareAndSet(false, true)) {
                Log.info("already running in this JVM; the new load" + (dynamic ? " (attach)" : "")
                        + " changes nothing.");
                return;
            }
            if (!options.get(Options.ENABLED)) {
                Log.info(version() + " loaded with enabled=false (" + options.source(Options.ENABLED)
                        + "): doing nothing.");
                return;
            }
            long t0 = System.nanoTime();
            HostReport host = HostReport.probe();
            long probed = System.nanoTime();
            Log.info(host.startupLine(version(), dynamic, options.nonDefaults()));
            if (!host.linux()) {
                return;
            }
            AgentRuntime.start(options, inst);
            if (Log.debugEnabled()) {
                Log.debug(String.format(Locale.ROOT, "start-up took %.0f ms: host probe %.0f ms, hooks %.0f ms",
                        (System.nanoTime() - t0) / 1e6, (probed - t0) / 1e6, (System.nanoTime() - probed) / 1e6));
            }
        } catch (Throwable t) {
            // An agent bug must never take the application down with it.
            Log.problem("internal error during start-up (" + t + "). samepage is disabled; the application runs on.");
        }
    }

    /**
     * @return {@code samepage <version>} from the agent jar's manifest (read directly: packages of a named module
     *         carry no manifest attributes), or {@code samepage (dev)} outside a jar
     */
    static String version() {
        try (InputStream in = AgentStartup.class.getModule().getResourceAsStream("META-INF/MANIFEST.MF")) {
            String v = in == null ? null : new Manifest(in).getMainAttributes().getValue("Implementation-Version");
            return "samepage " + (v == null ? "(dev)" : v);
        } catch (IOException e) {
            return "samepage (dev)";
        }
    }
}
