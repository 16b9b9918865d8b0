package io.samepage.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A separate JVM started by a test, in the async-profiler harness style: flags declared beside the test, the
 * packaged agent jar, output captured, every wait bounded, the process killed on close.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;

    private ChildJvm(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    /** @return the {@code java} of the JDK running the tests (17 or 25 in CI) */
    public static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** @return the packaged, shaded agent jar that failsafe hands to the tests */
    public static Path agentJar() {
        String jar = System.getProperty("samepage.agentJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("samepage.agentJar not set or missing (" + jar
                    + "): run integration tests through failsafe after package");
        }
        return Path.of(jar);
    }

    /** @return the test classpath, so child JVMs can run the tiny target programs in this source tree */
    public static String testClasspath() {
        return System.getProperty("java.class.path");
    }

    /**
     * Starts {@code java <args>}.
     *
     * @param args everything after {@code java}
     * @return the running child
     */
    public static ChildJvm start(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBin().toString());
        command.addAll(args);
        try {
            return new ChildJvm(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /**
     * Runs {@code java <args>} to completion.
     *
     * @param timeout the longest it may take
     * @param args    everything after {@code java}
     * @return exit code and output
     */
    public static Result run(Duration timeout, String... args) {
        try (ChildJvm child = start(List.of(args))) {
            return child.await(timeout);
        }
    }

    /** @return the child's pid */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeout the longest wait; the child is killed after it
     * @return exit code and all output
     */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child JVM did not exit within " + timeout + "\nstdout:\n" + out
                        + "\nstderr:\n" + err);
            }
            outPump.join(5_000);
            errPump.join(5_000);
            return new Result(process.exitValue(), out.toString(), err.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits until stdout satisfies a condition.
     *
     * @param condition what to wait for
     * @param timeout   the longest wait
     * @return stdout so far
     */
    public String awaitStdout(Predicate<String> condition, Duration timeout) {
        return awaitText(out, "stdout", condition, timeout);
    }

    /**
     * Waits until stderr satisfies a condition.
     *
     * @param condition what to wait for
     * @param timeout   the longest wait
     * @return stderr so far
     */
    public String awaitStderr(Predicate<String> condition, Duration timeout) {
        return awaitText(err, "stderr", condition, timeout);
    }

    /**
     * Writes one line to the child's stdin, for target programs that take commands.
     *
     * @param line the line, without its line break
     */
    public void sendLine(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write to the child's stdin\nstdout:\n" + out + "\nstderr:\n" + err, e);
        }
    }

    /** Closes the child's stdin: the holder programs then exit normally (and dump their JFR recording). */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /** @return stderr so far */
    public String stderr() {
        return err.toString();
    }

    /** @return stdout so far */
    public String stdout() {
        return out.toString();
    }

    private String awaitText(StringBuffer text, String name, Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String now = text.toString();
            if (condition.test(now)) {
                return now;
            }
            if (!process.isAlive() && !condition.test(text.toString())) {
                throw new AssertionError("child JVM exited (" + process.exitValue() + ") before its " + name
                        + " matched\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("child JVM's " + name + " did not match within " + timeout + "\nstdout:\n" + out
                + "\nstderr:\n" + err);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread pump(InputStream in, StringBuffer sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // The child went away; what was read is kept.
            }
        }, "child-jvm-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * A finished child.
     *
     * @param exitCode its exit status
     * @param stdout   everything it printed on stdout
     * @param stderr   everything it printed on stderr
     */
    public record Result(int exitCode, String stdout, String stderr) {

        /** @return stderr lines that samepage printed */
        public List<String> samepageLines() {
            return stderr.lines().filter(l -> l.startsWith("[samepage]")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
