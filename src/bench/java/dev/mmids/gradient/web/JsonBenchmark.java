package dev.mmids.gradient.web;

import dev.mmids.gradient.web.json.JsonConfiguration;
import dev.mmids.gradient.web.model.GradientRequest;
import dev.mmids.gradient.web.model.Model;
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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Jackson alone, with the service's settings: reading a workload's request into the request record,
 * and writing the answer the service gives to it. What end-to-end requests are compared with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class JsonBenchmark {

    @Param({"wide", "mlp-b1", "course"})
    String workload;

    @Param({"json", "cbor"})
    String format;

    /** Jackson's fast double writer, which the service turns on (JsonConfiguration). */
    @Param({"true"})
    boolean fastDoubleWriter;

    ObjectMapper mapper;
    byte[] request;
    GradientResponse response;

    @Setup
    public void setUp() throws IOException {
        ObjectMapper json = Workloads.mapper();
        CBORMapper.Builder cbor = CBORMapper.builder();
        JsonConfiguration.strict(cbor);
        if (!fastDoubleWriter) {
            json = json.rebuild()
                    .disable(tools.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build();
        }
        mapper = format.equals("json") ? json : cbor.build();
        request = mapper.writeValueAsBytes(json.readTree(Workloads.bytes(workload)));
        Model model = Workloads.model(workload);
        Model.Gradient gradient = model.gradient();
        response = new GradientResponse(
                gradient.loss(),
                gradient.gradient(),
                LayoutEntry.of(model.chain(), model.order()),
                gradient.output(),
                model.samples(),
                model.reduction(),
                null,
                null,
                null,
                null);
        System.out.printf(
                "%n%s %s: request %d bytes, response %d bytes%n",
                workload, format, request.length, mapper.writeValueAsBytes(response).length);
    }

    @Benchmark
    public GradientRequest readRequest() {
        return mapper.readValue(request, GradientRequest.class);
    }

    @Benchmark
    public byte[] writeResponse() {
        return mapper.writeValueAsBytes(response);
    }
}
