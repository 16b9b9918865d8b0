package io.samepage.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.samepage.agent.jmx.DeduplicatorMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code estimate <pid>}: what merging would save in a running JVM, from samepage's engine in that JVM.
 *
 * <p>Reads the target's {@code io.samepage:type=Deduplicator} MXBean through the JVM's local management agent
 * (started on demand through the Attach API, as {@code jcmd ManagementAgent.start_local} does), so it works with
 * or without ksmd and needs no port or configuration. The target must run samepage (as {@code -javaagent} or
 * loaded with {@code attach}).
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Print what merging would save in a running JVM that runs samepage.")
final class EstimateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid>", description = "Process id of the target JVM.")
    private long pid;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        String url;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                url = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            err.println("samepage: cannot attach to pid " + pid + ": " + e.getMessage()
                    + (ProcessHandle.of(pid).isPresent() ? " (is it a JVM of the same user?)" : " (no such process)"));
            return SamepageCli.EXIT_FAILED;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(DeduplicatorMXBean.OBJECT_NAME);
            if (!connection.isRegistered(name)) {
                err.println("samepage: pid " + pid + " does not run samepage's engine (no " + name + "): start it"
                        + " with -javaagent:samepage-agent.jar, or load it with 'attach " + pid + "' and retry in a"
                        + " few seconds");
                return SamepageCli.EXIT_FAILED;
            }
            DeduplicatorMXBean engine = JMX.newMXBeanProxy(connection, name, DeduplicatorMXBean.class);
            var out = spec.commandLine().getOut();
            out.print(EstimateTable.format(pid, engine));
            out.flush();
            return 0;
        } catch (Exception e) {
            err.println("samepage: reading the estimate from pid " + pid + " failed: " + e);
            return SamepageCli.EXIT_FAILED;
        }
    }
}
