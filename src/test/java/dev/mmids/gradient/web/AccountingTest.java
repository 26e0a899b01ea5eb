package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.GradientCheck;
import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.Linear;
import dev.mmids.gradient.backprop.LogSoftmax;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.backprop.Relu;
import dev.mmids.gradient.backprop.Sigmoid;
import dev.mmids.gradient.backprop.Softmax;
import dev.mmids.gradient.backprop.Tanh;
import dev.mmids.gradient.backprop.Trace;
import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.web.admission.BodyBuffer;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.json.AccountedParser;
import dev.mmids.gradient.web.json.CborScan;
import dev.mmids.gradient.web.json.JsonConfiguration;
import dev.mmids.gradient.web.json.JsonOutline;
import dev.mmids.gradient.web.model.ForwardRequest;
import dev.mmids.gradient.web.model.GradientRequest;
import dev.mmids.gradient.web.model.Matrices;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The memory model against what the code allocates: for the worst shapes (the widest layer with the
 * fewest parameters, deep chains of parameter-free layers, products large enough to run in blocks, the
 * densest bodies in JSON and CBOR), the bytes the computing thread allocates, garbage included, must not
 * exceed what {@link Footprint} and {@link AccountedParser} reserve for them before they run. The build
 * runs this class with the system's BLAS and again with EJML, which copies more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AccountingTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Autowired
    JsonMapper json;

    @Autowired
    CBORMapper cbor;

    /** A network of the worst shapes, with m samples. */
    record Shape(String name, Chain chain, int m) {
        @Override
        public String toString() {
            return name + ", m = " + m;
        }
    }

    static List<Shape> shapes() {
        Random random = new Random(11);
        return List.of(
                new Shape("one sigmoid on 3,000 inputs", chain(new Sigmoid(3000)), 1),
                new Shape("one softmax on 3,000 inputs", chain(new Softmax(3000)), 1),
                new Shape("40 softmax layers on 300 inputs", chain(Collections.nCopies(40, new Softmax(300))), 4),
                new Shape("linear 5,000 → 1", chain(linear(5000, 1, random)), 64),
                new Shape(
                        "linear 1 → 1,000, then log_softmax", chain(linear(1, 1000, random), new LogSoftmax(1000)), 1),
                new Shape(
                        "linear 1 → 1,000, then log_softmax", chain(linear(1, 1000, random), new LogSoftmax(1000)), 32),
                new Shape(
                        "an MLP's batch",
                        chain(linear(50, 40, random), new Relu(40), linear(40, 10, random), new LogSoftmax(10)),
                        500),
                new Shape(
                        "a product in blocks (400 × 500 × 500)",
                        chain(linear(500, 500, random), new Tanh(500), linear(500, 3, random)),
                        400),
                new Shape(
                        "the course's network",
                        chain(
                                new Linear(3, 2, false, new double[] {0, 1, -1, 2, 0, 1}),
                                new Sigmoid(2),
                                new Linear(2, 2, false, new double[] {-1, 0, 2, -1}),
                                new Softmax(2)),
                        1));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void aGradientAllocatesNoMoreThanItsFootprint(Shape shape) {
        DMatrixRMaj X = inputs(shape);
        DMatrixRMaj Y = labels(shape);
        long allocated = allocatedBy(() -> shape.chain().gradient(X, Y, Loss.SQUARED_ERROR, Reduction.MEAN));
        assertThat(allocated).as(shape.toString()).isLessThanOrEqualTo(Footprint.gradient(shape.chain(), shape.m()));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void aForwardPassAllocatesNoMoreThanItsFootprint(Shape shape) {
        DMatrixRMaj X = inputs(shape);
        long allocated = allocatedBy(() -> shape.chain().forward(X));
        assertThat(allocated).as(shape.toString()).isLessThanOrEqualTo(Footprint.forwardPass(shape.chain(), shape.m()));
    }

    /**
     * The recursion's steps run one after another, each leaving only J_{O_i}^T to the next: together they
     * allocate no more than the sum of their footprints, while the reservation holds the largest step and
     * what it carries.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void aJacobianAndItsRowsAllocateNoMoreThanItsStepsFootprints(Shape shape) {
        double[] x = Arrays.copyOf(inputs(shape).data, shape.chain().inputSize());
        long allocated =
                allocatedBy(() -> Matrices.rows(shape.chain().jacobian(x).J()));
        assertThat(allocated).as(shape.toString()).isLessThanOrEqualTo(Footprint.jacobianSteps(shape.chain()));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void aTraceAndItsViewAllocateNoMoreThanTheirFootprint(Shape shape) {
        Chain chain = shape.chain();
        double[] x = Arrays.copyOf(inputs(shape).data, chain.inputSize());
        double[] y = Arrays.copyOf(labels(shape).data, chain.outputSize());
        long allocated = allocatedBy(() -> TraceView.of(chain, Trace.of(chain, x, y, Loss.SQUARED_ERROR)));
        assertThat(allocated)
                .as(shape.toString())
                .isLessThanOrEqualTo(Footprint.plus(Footprint.gradient(chain, 1), Footprint.trace(chain)));
    }

    /**
     * A gradient check's comparisons run one after another: each allocates no more than the check reserves
     * beyond what it keeps throughout (w, the direction, a coordinate), so each one's garbage makes room for
     * the next. Its first forward pass, for the rounding floor, is garbage before they start.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void aGradientCheckAllocatesNoMoreThanItsFootprintPerComparison(Shape shape) {
        Chain chain = shape.chain();
        DMatrixRMaj X = inputs(shape);
        DMatrixRMaj Y = labels(shape);
        double[] gradient =
                chain.gradient(X, Y, Loss.SQUARED_ERROR, Reduction.MEAN).gradient();
        int coordinates = Math.min(3, chain.parameterCount());

        long directionOnly =
                allocatedBy(() -> GradientCheck.check(chain, X, Y, Loss.SQUARED_ERROR, Reduction.MEAN, gradient, 0, 7));
        long withCoordinates = allocatedBy(
                () -> GradientCheck.check(chain, X, Y, Loss.SQUARED_ERROR, Reduction.MEAN, gradient, coordinates, 7));

        long footprint = Footprint.check(chain, shape.m());
        assertThat(directionOnly)
                .as(shape.toString())
                .isLessThanOrEqualTo(Footprint.plus(footprint, Footprint.forwardPass(chain, shape.m())));
        if (coordinates > 0) {
            assertThat((withCoordinates - directionOnly) / coordinates)
                    .as("%s, one more comparison", shape)
                    .isLessThanOrEqualTo(footprint);
        }
    }

    /**
     * The negative control: the estimate admission control made before (activations, two upstream
     * gradients, the labels, and the Jacobian's entries counted from the columns of w alone) admits the
     * Jacobian of one sigmoid on n inputs at a few n numbers, while the recursion through explicit blocks
     * allocated the n × n block B; the footprint now counts what the recursion allocates.
     */
    @Test
    void theEstimateBeforeWouldHaveAdmittedADenseBlockOfAParameterFreeLayer() {
        int n = 2000;
        Chain chain = chain(new Sigmoid(n));
        double[] x = new double[n];
        long columns = 0;
        long largestJacobian = columns * n;
        long before = 8 * (1L * (n + n + 2L * n + n) + 2L * chain.parameterCount() + 3 * largestJacobian);

        long denseBlocks = allocatedBy(() -> chain.layer(1).jacobian(x));
        long recursion = allocatedBy(() -> Matrices.rows(chain.jacobian(x).J()));

        assertThat(denseBlocks).isGreaterThan(8L * n * n).isGreaterThan(100 * before);
        assertThat(recursion).isLessThan(before).isLessThanOrEqualTo(Footprint.jacobian(chain));
    }

    @Test
    void theLargestAnswersFitTheirEstimate() {
        double worst = -2.2250738585072014E-308;
        int r = 10_000;
        int K = 30;
        List<LayoutEntry> layout = List.of(
                new LayoutEntry(2, "softmax", 0, 0),
                new LayoutEntry(1, "linear", 0, r, Integer.MAX_VALUE, Integer.MAX_VALUE, true));
        double[] gradient = filled(r, worst);
        GradientResponse answer =
                new GradientResponse(worst, gradient, layout, filled(K, worst), 1, "mean", null, null, null, null);
        assertThat((long) json.writeValueAsBytes(answer).length).isLessThanOrEqualTo(Footprint.answer(r + K, 0, 2));

        int m = 20;
        double[][] gradients = new double[m][];
        Arrays.fill(gradients, gradient);
        GradientResponse each =
                new GradientResponse(worst, gradient, layout, null, m, "none", null, null, filled(m, worst), gradients);
        assertThat((long) json.writeValueAsBytes(each).length)
                .isLessThanOrEqualTo(Footprint.answer(r + K + (long) m * (r + 1), m, 2));

        double[][] rows = new double[K][];
        Arrays.fill(rows, filled(r, worst));
        JacobianResponse jacobian = new JacobianResponse(filled(K, worst), rows, layout);
        assertThat((long) json.writeValueAsBytes(jacobian).length)
                .isLessThanOrEqualTo(Footprint.answer(K + (long) K * r, K, 2));

        ForwardResponse forward = new ForwardResponse(rows, null, worst, K, "mean", null);
        assertThat((long) json.writeValueAsBytes(forward).length)
                .isLessThanOrEqualTo(Footprint.answer((long) K * r + r + 1, K, 0));
    }

    /** Bodies of the densest kinds: what parsing them allocates is charged before it is allocated. */
    static List<String> densestBodies() {
        return List.of(
                "json: 200,000 zeros",
                "json: 20,000 one-number samples",
                "json: 20,000 layers",
                "json: 20,000 strings NaN",
                "cbor: 200,000 one-byte integers",
                "cbor: 20,000 one-number samples",
                "cbor: a float32 typed array of 100,000",
                "cbor: a float64 typed array of 100,000");
    }

    @ParameterizedTest
    @MethodSource("densestBodies")
    void parsingChargesWhatItAllocates(String kind) {
        byte[] body = body(kind);
        ObjectMapper mapper = kind.startsWith("cbor") ? cbor : json;
        Class<?> type = kind.contains("layers") ? GradientRequest.class : ForwardRequest.class;
        BodyBuffer buffer = new BodyBuffer();
        buffer.grow(body.length);
        buffer.append(body, 0, body.length);
        long[] charged = new long[1];
        long allocated = allocatedBy(() -> charged[0] = parse(mapper, buffer, type));
        assertThat(allocated).as(kind + " (" + body.length + " bytes)").isLessThanOrEqualTo(charged[0]);

        long counted = mapper == cbor
                ? CborScan.check(buffer, JsonConfiguration.MAX_NESTING_DEPTH)
                : JsonOutline.cost(buffer.stream(), JsonConfiguration.MAX_NESTING_DEPTH, Deadline.NONE);
        assertThat(counted).as("%s: the charges counted before the parse", kind).isGreaterThanOrEqualTo(charged[0]);
    }

    private long parse(ObjectMapper mapper, BodyBuffer buffer, Class<?> type) {
        try (AccountedParser parser =
                new AccountedParser(mapper.createParser(buffer.stream()), bytes -> {}, Deadline.NONE, 0)) {
            assertThat((Object) mapper.readerFor(type).readValue((JsonParser) parser))
                    .isNotNull();
            return parser.charged();
        }
    }

    private byte[] body(String kind) {
        int n = Integer.parseInt(kind.replaceAll("\\D", "").substring(kind.matches(".*float\\d\\d.*") ? 2 : 0));
        if (kind.contains("typed array")) {
            boolean single = kind.contains("float32");
            java.nio.ByteBuffer bytes =
                    java.nio.ByteBuffer.allocate(n * (single ? 4 : 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                if (single) {
                    bytes.putFloat(k);
                } else {
                    bytes.putDouble(k);
                }
            }
            return TypedArrays.cbor("x", single ? 85 : 86, bytes.array());
        }
        Object request;
        if (kind.contains("zeros") || kind.contains("integers")) {
            request = java.util.Map.of("x", Collections.nCopies(n, 0));
        } else if (kind.contains("samples")) {
            request = java.util.Map.of("samples", Collections.nCopies(n, java.util.Map.of("x", List.of(0))));
        } else if (kind.contains("layers")) {
            request = java.util.Map.of("layers", Collections.nCopies(n, java.util.Map.of("type", "relu")));
        } else {
            request = java.util.Map.of("x", Collections.nCopies(n, "NaN"));
        }
        return kind.startsWith("cbor") ? cbor.writeValueAsBytes(request) : json.writeValueAsBytes(request);
    }

    /**
     * The bytes the current thread allocates running {@code work}, after two runs that load and compile what
     * it needs: the least of five runs, so that a collection or a retired allocation buffer during one run
     * does not count.
     */
    private static long allocatedBy(Supplier<?> work) {
        work.get();
        work.get();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Object result = work.get();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
            assertThat(result).isNotNull();
        }
        return least;
    }

    private static Chain chain(Layer... layers) {
        return new Chain(List.of(layers));
    }

    private static Chain chain(List<? extends Layer> layers) {
        return new Chain(new ArrayList<>(layers));
    }

    private static Linear linear(int n, int outputs, Random random) {
        double[] w = new double[(int) Linear.parameterCount(n, outputs, true)];
        for (int k = 0; k < w.length; k++) {
            w[k] = random.nextGaussian() / Math.sqrt(n);
        }
        return new Linear(n, outputs, true, w);
    }

    private static DMatrixRMaj inputs(Shape shape) {
        Random random = new Random(5);
        DMatrixRMaj X = new DMatrixRMaj(shape.m(), shape.chain().inputSize());
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = random.nextGaussian();
        }
        return X;
    }

    private static DMatrixRMaj labels(Shape shape) {
        return new DMatrixRMaj(shape.m(), shape.chain().outputSize());
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }
}
