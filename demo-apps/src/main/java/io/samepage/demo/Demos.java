package io.samepage.demo;

import io.samepage.demo.fleet.FleetDemo;
import io.samepage.demo.fleet.FleetMember;
import io.samepage.demo.ksmpages.KsmPagesDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code Main-Class} of the demos jar. */
@Command(name = "samepage-demos", mixinStandardHelpOptions = true,
        description = "samepage demos: fleet (identical off-heap data in N JVMs, merged by the kernel), ksmpages (engine vs ksmd).",
        subcommands = {FleetDemo.class, FleetMember.class, KsmPagesDemo.class})
public final class Demos implements Runnable {

    private Demos() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Demos());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("samepage-demos: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "a demo is required; valid demos: fleet, ksmpages");
    }
}
