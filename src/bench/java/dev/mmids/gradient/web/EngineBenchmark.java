package dev.mmids.gradient.web;

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

/**
 * The engine alone: forward and backward propagation of a parsed, checked request, as the controller
 * runs it (the chain built once; parsing is JsonBenchmark's).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EngineBenchmark {

    @Param({"course", "mlp-b1", "mlp-b64", "mlp-b1024", "deep", "wide"})
    String workload;

    Model model;

    @Setup
    public void read() throws IOException {
        model = Workloads.model(workload);
    }

    @Benchmark
    public Model.Gradient gradient() {
        return model.gradient();
    }
}
