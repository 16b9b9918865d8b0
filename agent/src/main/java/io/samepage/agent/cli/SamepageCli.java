package io.samepage.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code Main-Class} of the agent jar: dispatches to the sub-commands. */
@Command(name = "samepage", mixinStandardHelpOptions = true, versionProvider = SamepageCli.Version.class,
        description = "Operate the samepage agent: load it into a running JVM, read its estimate, report on"
                + " JFR recordings.",
        subcommands = {AttachCommand.class, EstimateCommand.class, ReportCommand.class, JfcCommand.class})
public final class SamepageCli implements Runnable {

    /** Exit code for bad input (usage errors), as picocli and most CLIs use. */
    static final int EXIT_USAGE = 2;
    /** Exit code for a failure of the operation itself. */
    static final int EXIT_FAILED = 1;

    @Spec
    private CommandSpec spec;

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line; tests run it without exiting */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SamepageCli());
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("samepage: " + ex.getMessage() + ". Usage: " + oneLineUsage(cmd));
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("samepage: " + cmd.getCommandName() + " failed: " + ex);
            return EXIT_FAILED;
        });
        return cli;
    }

    private static String oneLineUsage(CommandLine cmd) {
        return cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).lines()
                .filter(l -> l.startsWith("Usage:")).findFirst().orElse("samepage --help")
                .replaceFirst("^Usage: ", "").trim();
    }

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("samepage: a command is required; valid commands: "
                + String.join(", ", spec.subcommands().keySet()) + ". See --help.");
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SamepageCli.class.getPackage().getImplementationVersion();
            return new String[] {"samepage " + (v == null ? "(dev)" : v)};
        }
    }
}
