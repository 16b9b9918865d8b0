package io.samepage.agent;

import java.lang.instrument.Instrumentation;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Entry point named by the manifest's {@code Premain-Class} and {@code Agent-Class}.
 *
 * <p>Deliberately tiny (async-profiler, OpenTelemetry). The JVM loads this class from the class path, in the
 * application's unnamed module; everything else of samepage runs from the same jar loaded again as the named
 * module {@code io.samepage.agent} in a module layer of its own. Why:
 * <ul>
 *   <li>JDK 24+ warns when code in an unnamed module loads a native library (JNA does), and for unnamed modules
 *       the permission is one flag shared with the whole application. A named module gets native access for
 *       itself alone ({@code ModuleLayer.Controller.enableNativeAccess}, JDK 22+), so samepage starts without
 *       the warning and without widening what the application may do ({@link NativeAccess}).</li>
 *   <li>samepage's JNA and Byte Buddy never meet the application's own copies.</li>
 *   <li>JDK internals samepage needs opened ({@code java.nio}, {@code sun.nio.ch}) are opened to samepage's
 *       module only, not to the application's class path.</li>
 * </ul>
 * Both entry points hand over to {@code AgentStartup.start}, which never throws.
 */
public final class SamepageAgent {

    /** The module samepage runs in; the jar's {@code Automatic-Module-Name}. */
    static final String MODULE = "io.samepage.agent";

    private static Module module;

    private SamepageAgent() {
    }

    /**
     * Called by the JVM for {@code -javaagent:samepage-agent.jar[=options]}.
     *
     * @param agentArgs the text after {@code =}, or {@code null}
     * @param inst      the JVM's instrumentation handle
     */
    public static void premain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, false);
    }

    /**
     * Called by the JVM when the agent is loaded into a running JVM (Attach API, {@code jcmd JVMTI.agent_load}).
     *
     * @param agentArgs the options passed by the attacher, or {@code null}
     * @param inst      the JVM's instrumentation handle
     */
    public static void agentmain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, true);
    }

    private static void start(String agentArgs, Instrumentation inst, boolean dynamic) {
        try {
            Class<?> startup = Class.forName(module(), MODULE + ".AgentStartup");
            startup.getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, agentArgs, inst, dynamic);
        } catch (Throwable t) {
            // Without the layer samepage cannot run at all; the application must still start.
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            System.err.println("[samepage] cannot start: " + (cause instanceof IllegalStateException
                    ? cause.getMessage() : cause.toString()) + ". samepage is disabled; the application runs on.");
        }
    }

    /** The agent jar names its module; an application jar that bundles samepage's classes does not. */
    private static boolean isAgentJar(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            return manifest != null
                    && MODULE.equals(manifest.getMainAttributes().getValue("Automatic-Module-Name"))
                    && SamepageAgent.class.getName().equals(manifest.getMainAttributes().getValue("Premain-Class"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** @return samepage's module, its layer created on first use (a second attach reuses it) */
    private static synchronized Module module() throws Exception {
        if (module == null) {
            Path jar = Path.of(SamepageAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!isAgentJar(jar)) {
                throw new IllegalStateException("samepage's classes were loaded from " + jar + ", not from"
                        + " samepage-agent.jar (repackaged into an application jar? put samepage-agent.jar only on"
                        + " -javaagent)");
            }
            ModuleLayer boot = ModuleLayer.boot();
            Configuration configuration = boot.configuration()
                    .resolve(ModuleFinder.of(jar), ModuleFinder.of(), Set.of(MODULE));
            ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(configuration,
                    List.of(boot), ClassLoader.getPlatformClassLoader());
            module = controller.layer().findModule(MODULE).orElseThrow();
        }
        return module;
    }
}
