package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Derivatives;
import dev.mmids.gradient.web.model.GradientRequest;
import dev.mmids.gradient.web.model.JvpRequest;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
import dev.mmids.gradient.web.model.Sample;
import dev.mmids.gradient.web.model.VjpRequest;
import dev.mmids.gradient.web.model.VjpSample;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
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
 * The additions of v1.1 on the benchmark workloads, through the request model as the controllers run
 * them: the mean gradient beside per-sample gradients ({@code "reduction": "none"}), the vector-Jacobian
 * product of the whole batch from a cotangent of ones, and the Jacobian-vector product of the first
 * sample along a tangent of ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AdditionsBenchmark {

    @Param({"course", "mlp-b1", "mlp-b64", "deep", "wide"})
    String workload;

    Model mean;
    Model perSample;
    Model vjp;
    Model jvp;

    @Setup
    public void read() throws IOException {
        ModelAssembler assembler = new ModelAssembler(Workloads.LIMITS);
        GradientRequest r = Workloads.mapper().readValue(Workloads.bytes(workload), GradientRequest.class);
        mean = assembler.gradient(r);
        int K = mean.chain().outputSize();
        int R = mean.chain().parameterCount();
        List<Sample> samples = r.samples() != null ? r.samples() : List.of(new Sample(r.x(), r.y(), null));
        perSample = assembler.gradient(new GradientRequest(
                r.layers(), r.loss(), r.parameters(), null, null, null, samples, "none", null, null, null));
        double[] ones = new double[K];
        Arrays.fill(ones, 1);
        vjp = assembler.vjp(new VjpRequest(
                r.layers(),
                r.parameters(),
                null,
                null,
                samples.stream().map(s -> new VjpSample(s.x(), ones)).toList(),
                null));
        double[] tangent = new double[R];
        Arrays.fill(tangent, 1);
        jvp = assembler.jvp(
                new JvpRequest(r.layers(), r.parameters(), samples.get(0).x(), tangent, null, null));
    }

    @Benchmark
    public Model.Gradient meanGradient() {
        return mean.gradient();
    }

    @Benchmark
    public Model.Gradient perSampleGradients() {
        return perSample.gradient();
    }

    @Benchmark
    public Model.Vjp vjp() {
        return vjp.vjp();
    }

    @Benchmark
    public Derivatives.Jvp jvp() {
        return jvp.jvp();
    }
}
