package dev.mmids.gradient.web;

import dev.mmids.gradient.web.json.JsonConfiguration;
import dev.mmids.gradient.web.model.GradientRequest;
import dev.mmids.gradient.web.model.Limits;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The benchmarks' workloads: the request bodies bench/make_workloads.py writes, read as the service reads them. */
final class Workloads {

    static final Path DIRECTORY = Path.of(System.getProperty("workloads", "bench/workloads"));

    /** The service's limits, wide enough for every workload. */
    static final Limits LIMITS = new Limits(
            DataSize.ofMegabytes(256),
            1000,
            10_000_000,
            100_000,
            1_000_000,
            1_000_000,
            10_000_000,
            100_000_000, // the per-sample gradients of mlp-b64: 64 × 235,146, over the service's default
            Duration.ofMinutes(10),
            100_000_000_000L,
            Duration.ofMinutes(10));

    private Workloads() {}

    static byte[] bytes(String name) throws IOException {
        Path file = DIRECTORY.resolve(name + ".json");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run python3 bench/make_workloads.py first");
        }
        return Files.readAllBytes(file);
    }

    /** The service's JSON mapper, strict as in the application. */
    static JsonMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        JsonConfiguration.strictJson(builder);
        return builder.build();
    }

    static Model model(String name) throws IOException {
        GradientRequest request = mapper().readValue(bytes(name), GradientRequest.class);
        return new ModelAssembler(LIMITS).gradient(request);
    }
}
