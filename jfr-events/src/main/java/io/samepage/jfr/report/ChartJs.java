package io.samepage.jfr.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Chart.js, the charting library of the HTML report: its UMD bundle, read from the Chart.js WebJar on the class
 * path (shaded into the agent jar) and inlined into the report, so the report opens offline as one file.
 *
 * <p>The WebJar's path holds the library version, which Maven writes into {@value #LOCATION} at build time, so
 * the version is pinned in one place, the root pom.
 */
final class ChartJs {

    /** Class-path resource naming the bundle's resource. */
    static final String LOCATION = "/io/samepage/jfr/report/chart-js.properties";

    private ChartJs() {
    }

    /** @return the library's version, such as {@code 4.5.1} */
    static String version() {
        return properties().getProperty("version");
    }

    /**
     * @return the bundle's JavaScript, license header included
     * @throws UncheckedIOException if the jar was built without the WebJar
     */
    static String bundle() {
        String resource = properties().getProperty("bundle");
        String script;
        try (InputStream in = ChartJs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class-path resource " + resource + " missing (jar built without the Chart.js"
                        + " WebJar?)");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Inline in a <script> element, this text must not end the element early.
        if (script.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(resource + " contains </script and cannot be inlined");
        }
        return script;
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = ChartJs.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IOException("class-path resource " + LOCATION + " missing");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
