package io.samepage.agent.cli;

import io.samepage.jfr.report.SamepageReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code report <recording.jfr>... [--html report.html]}: the report of {@code io.samepage.jfr.report}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Summarize JFR recordings of JVMs running samepage: savings over time, allocation sites,"
                + " copy-on-write hot spots, KSM state, why memory did not merge, the in-process estimate.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<recording.jfr>",
            description = "Recordings, one or more per JVM (a fleet: one per member).")
    private List<Path> recordings;

    @Option(names = "--html", paramLabel = "<report.html>",
            description = "Also write the report as one self-contained HTML file with charts.")
    private Path html;

    @Override
    public Integer call() {
        return SamepageReport.run(recordings, html, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
