package io.samepage.agent.cli;

import io.samepage.jfr.SamepageJfc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code jfc [<dir>]}: writes the {@code samepage.jfc} this jar carries, for {@code settings=} in
 * {@code -XX:StartFlightRecording} or {@code jcmd <pid> JFR.start}, and prints its path.
 */
@Command(name = "jfc", mixinStandardHelpOptions = true,
        description = "Write samepage.jfc (JFR settings for samepage's events) into a directory and print its path.")
final class JfcCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "<dir>", description = "Where to write it (default: the current"
            + " directory).")
    private Path dir = Path.of("");

    @Override
    public Integer call() {
        try {
            Path jfc = SamepageJfc.extractTo(dir.toAbsolutePath());
            spec.commandLine().getOut().println(jfc);
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("samepage: cannot write " + SamepageJfc.FILE_NAME + " into "
                    + dir.toAbsolutePath() + ": " + e);
            return SamepageCli.EXIT_FAILED;
        }
    }
}
