package io.samepage.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.samepage.agent.config.AgentOptions;
import io.samepage.agent.config.InvalidOptionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code attach <pid> [options]}: loads the agent jar this command runs from into a running JVM.
 *
 * <p>The options are validated here first, so a typo is reported to the operator at the terminal rather than only
 * on the target's stderr. The target prints its own start-up line.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Load samepage into a running JVM (it prints its start-up line on its own stderr).")
final class AttachCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid>", description = "Process id of the target JVM.")
    private long pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<options>",
            description = "Agent options, key=value[,key=value...], as after -javaagent:samepage-agent.jar=")
    private String options;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            // Values are validated as the target would, without this process's own properties or environment.
            AgentOptions.resolve(options, Map.of(), Map.of());
        } catch (InvalidOptionException e) {
            err.println("samepage: " + e.getMessage());
            return SamepageCli.EXIT_USAGE;
        }
        Path jar;
        try {
            jar = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            err.println("samepage: cannot locate the agent jar: " + e);
            return SamepageCli.EXIT_FAILED;
        }
        if (!Files.isRegularFile(jar)) {
            err.println("samepage: attach must run from the packaged agent jar (java -jar samepage-agent.jar), not "
                    + jar);
            return SamepageCli.EXIT_FAILED;
        }
        if (pid == ProcessHandle.current().pid()) {
            err.println("samepage: pid " + pid + " is this attach command itself; give the target JVM's pid");
            return SamepageCli.EXIT_USAGE;
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            err.println("samepage: cannot attach to pid " + pid + ": " + e.getMessage()
                    + (ProcessHandle.of(pid).isPresent() ? " (is it a JVM of the same user, started without"
                    + " -XX:+DisableAttachMechanism?)" : " (no such process)"));
            return SamepageCli.EXIT_FAILED;
        }
        try {
            vm.loadAgent(jar.toString(), options);
            spec.commandLine().getOut().println("samepage: loaded " + jar.getFileName() + " into pid " + pid
                    + "; its start-up line is on that JVM's stderr");
            return 0;
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            err.println("samepage: loading the agent into pid " + pid + " failed: " + e.getMessage());
            return SamepageCli.EXIT_FAILED;
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // The target may have exited; nothing left to release on our side.
            }
        }
    }
}
