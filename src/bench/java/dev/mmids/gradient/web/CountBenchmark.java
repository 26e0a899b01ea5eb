package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.web.json.JsonConfiguration;
import dev.mmids.gradient.web.json.JsonOutline;
import dev.mmids.gradient.web.model.GradientRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The count of what parsing a JSON request will charge, made before the parse so that its memory is
 * reserved at once: from the body's outline ({@link JsonOutline}, what the service does) against a walk
 * over Jackson's tokens (what it did before), with the parse itself for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CountBenchmark {

    @Param({"wide", "mlp-b1", "course"})
    String workload;

    ObjectMapper mapper;
    byte[] request;

    @Setup
    public void setUp() throws IOException {
        mapper = Workloads.mapper();
        request = Workloads.bytes(workload);
    }

    @Benchmark
    public long outline() {
        return JsonOutline.cost(new ByteArrayInputStream(request), JsonConfiguration.MAX_NESTING_DEPTH, Deadline.NONE);
    }

    @Benchmark
    public long tokens() {
        long count = 0;
        try (JsonParser tokens = mapper.createParser(request)) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                count += token == JsonToken.VALUE_STRING ? tokens.getStringLength() : 1;
            }
        }
        return count;
    }

    @Benchmark
    public GradientRequest parse() {
        return mapper.readValue(request, GradientRequest.class);
    }
}
