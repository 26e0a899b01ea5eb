package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmids.gradient.GradientApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs in its environment, the application logs one JSON object
 * per line. It runs in a process of its own: logging is set up once per JVM.
 */
class StructuredLoggingTest {

    @Test
    void logsJsonLinesWhenTheEnvironmentAsks() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GradientApplication.class.getName(),
                "--server.port=0");
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        builder.redirectErrorStream(true);
        Process application = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Started GradientApplication")) {
                    break;
                }
            }
        } finally {
            application.destroy();
            application.waitFor(20, TimeUnit.SECONDS);
        }

        String started = lines.stream()
                .filter(l -> l.contains("Started GradientApplication"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the application did not start:\n" + String.join("\n", lines)));
        assertThat(started).startsWith("{").endsWith("}");
        assertThat(started)
                .contains(
                        "\"@timestamp\"", "\"log\":{\"level\":\"INFO\"", "\"service\":{\"name\":\"gradient-service\"");
    }
}
