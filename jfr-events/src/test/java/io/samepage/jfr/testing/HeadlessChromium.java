package io.samepage.jfr.testing;

import io.samepage.linux.testing.KernelFeatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, as a test opens the HTML report: a fresh profile per run, nothing fetched
 * from the network, and the DOM after the page's scripts ran (Chart.js draws at once: animations are off, and the
 * virtual time budget lets every script finish). {@code scripts/setup} installs it; a test without it is skipped,
 * or failed under {@code SAMEPAGE_REQUIRE_LINUX=1}.
 */
public final class HeadlessChromium {

    /** Where Debian's package puts the browser. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern CANVAS = Pattern.compile("<canvas\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    private HeadlessChromium() {
    }

    /** Skips the test (or fails it under SAMEPAGE_REQUIRE_LINUX=1) when chromium is not installed. */
    public static void assumeInstalled() {
        KernelFeatures.assume(Files.isExecutable(BINARY), "headless Chromium at " + BINARY
                + " (Debian package chromium; scripts/setup installs it)");
    }

    /**
     * @param html    the page
     * @param scratch a directory for the throw-away profile
     * @return the page's DOM after its scripts ran, serialized
     */
    public static String dumpDom(Path html, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000", "--dump-dom", html.toAbsolutePath().toUri().toString()));
        Path log = scratch.resolve("chromium.log");
        Process chromium = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (chromium.exitValue() != 0) {
            throw new IOException("chromium exited " + chromium.exitValue() + ": " + Files.readString(log));
        }
        return new String(dom, StandardCharsets.UTF_8);
    }

    /**
     * @param dom a dumped DOM
     * @return each canvas's attributes by its id, in document order
     */
    public static Map<String, Map<String, String>> canvases(String dom) {
        Map<String, Map<String, String>> canvases = new LinkedHashMap<>();
        Matcher tag = CANVAS.matcher(dom);
        while (tag.find()) {
            Map<String, String> attributes = attributes(tag.group());
            canvases.put(attributes.get("id"), attributes);
        }
        return canvases;
    }

    /**
     * @param dom a dumped DOM
     * @return the attributes of its {@code <body>} element
     */
    public static Map<String, String> body(String dom) {
        Matcher tag = Pattern.compile("<body\\b[^>]*>").matcher(dom);
        return tag.find() ? attributes(tag.group()) : Map.of();
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(tag);
        while (a.find()) {
            attributes.put(a.group(1), a.group(2));
        }
        return attributes;
    }
}
