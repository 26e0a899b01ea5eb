package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mmids.gradient.backprop.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of the service's answers over random valid networks (seeded: every layer and loss type,
 * widths 1 to 6, depths 1 to 5, both parameter forms, with and without bias), through the API only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class NetworkPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int NETWORKS = 60;
    private static final String[] ACTIVATIONS = {
        "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "silu", "softmax", "log_softmax"
    };

    @Autowired
    MockMvc mvc;

    /** The answer's gradient along a random direction d equals (f(w + εd) - f(w - εd)) / 2ε from /forward. */
    @Test
    void gradientMatchesCentralDifferencesOfTheForwardPass() throws Exception {
        Random random = new Random(701);
        for (int network = 0; network < NETWORKS; network++) {
            ObjectNode request = randomRequest(random, 1 + random.nextInt(3), true);
            double[] w = doubles(request.get("parameters"));
            double[] gradient = doubles(post("/gradient", request).get("gradient"));
            double[] d = random.doubles(w.length).map(v -> v - 0.5).toArray();
            double h = 1e-5;

            double up = loss(request, w, d, h);
            double down = loss(request, w, d, -h);
            double numerical = (up - down) / (2 * h);
            double analytic = 0;
            for (int k = 0; k < w.length; k++) {
                analytic += gradient[k] * d[k];
            }
            assertThat(Math.abs(analytic - numerical))
                    .as("network %d: %s", network, request)
                    .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(numerical)));
        }
    }

    /** For one sample, the gradient is J^T ∇l: J from /jacobian, ∇l at /forward's output. */
    @Test
    void gradientIsTheJacobianTransposedTimesTheLossGradient() throws Exception {
        Random random = new Random(702);
        for (int network = 0; network < NETWORKS; network++) {
            ObjectNode request = randomRequest(random, 1, true);
            ObjectNode jacobianRequest = JSON.createObjectNode();
            jacobianRequest.set("layers", request.get("layers"));
            jacobianRequest.set("parameters", request.get("parameters"));
            jacobianRequest.set("x", request.get("x"));
            JsonNode J = post("/jacobian", jacobianRequest).get("jacobian");
            double[] output = doubles(post("/forward", request).get("output"));
            Loss loss = Loss.valueOf(request.get("loss").get("type").asString().toUpperCase());
            double[] y = doubles(request.get("y"));
            double[] lossGradient =
                    loss.gradient(DMatrixRMaj.wrap(1, output.length, output), DMatrixRMaj.wrap(1, y.length, y), 1).data;

            double[] gradient = doubles(post("/gradient", request).get("gradient"));
            for (int k = 0; k < gradient.length; k++) {
                double expected = 0;
                for (int j = 0; j < lossGradient.length; j++) {
                    expected += J.get(j).get(k).asDouble() * lossGradient[j];
                }
                assertThat(Math.abs(gradient[k] - expected))
                        .as("network %d, entry %d: %s", network, k, request)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    /** A batch's gradient is the mean (or sum) of its samples' gradients. */
    @Test
    void batchGradientReducesTheSamplesGradients() throws Exception {
        Random random = new Random(703);
        for (int network = 0; network < NETWORKS; network++) {
            int m = 2 + random.nextInt(4);
            ObjectNode request = randomRequest(random, m, random.nextBoolean());
            String reduction = random.nextBoolean() ? "mean" : "sum";
            request.put("reduction", reduction);
            JsonNode batch = post("/gradient", request);

            double[] expected = new double[batch.get("gradient").size()];
            double expectedLoss = 0;
            for (JsonNode sample : request.get("samples")) {
                ObjectNode one = request.deepCopy();
                one.remove("samples");
                one.remove("reduction");
                one.set("x", sample.get("x"));
                one.set("y", sample.get("y"));
                JsonNode answer = post("/gradient", one);
                expectedLoss += answer.get("loss").asDouble();
                double[] g = doubles(answer.get("gradient"));
                for (int k = 0; k < g.length; k++) {
                    expected[k] += g[k];
                }
            }
            double factor = reduction.equals("mean") ? 1.0 / m : 1.0;
            assertThat(batch.get("loss").asDouble())
                    .isCloseTo(factor * expectedLoss, org.assertj.core.data.Offset.offset(1e-12 * (1 + expectedLoss)));
            double[] actual = doubles(batch.get("gradient"));
            for (int k = 0; k < expected.length; k++) {
                assertThat(Math.abs(actual[k] - factor * expected[k]))
                        .as("network %d, entry %d", network, k)
                        .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(expected[k])));
            }
        }
    }

    /** With "reduction": "none", the mean of the samples' losses and gradients is the answer's loss and gradient. */
    @Test
    void theMeanOfThePerSampleGradientsIsTheGradient() throws Exception {
        Random random = new Random(705);
        for (int network = 0; network < NETWORKS; network++) {
            int m = 2 + random.nextInt(5);
            ObjectNode request = randomRequest(random, m, true);
            request.put("reduction", "none");
            JsonNode answer = post("/gradient", request);
            double[] gradient = doubles(answer.get("gradient"));
            double[] mean = new double[gradient.length];
            double loss = 0;
            for (int s = 0; s < m; s++) {
                loss += answer.get("losses").get(s).asDouble() / m;
                double[] g = doubles(answer.get("gradients").get(s));
                for (int k = 0; k < g.length; k++) {
                    mean[k] += g[k] / m;
                }
            }
            assertClose(
                    "loss",
                    new double[] {loss},
                    new double[] {answer.get("loss").asDouble()},
                    1e-12);
            assertClose("network " + network, mean, gradient, 1e-12);
            request.put("reduction", "mean");
            assertClose(
                    "the mean reduction",
                    gradient,
                    doubles(post("/gradient", request).get("gradient")),
                    1e-12);
        }
    }

    /** The adjoint identity: u^T (J t) from /jvp equals (J^T u)^T t from /vjp, for the parameters and the input. */
    @Test
    void jvpAndVjpAreAdjoint() throws Exception {
        Random random = new Random(706);
        for (int network = 0; network < NETWORKS; network++) {
            ObjectNode request = withoutLoss(randomRequest(random, 1, true));
            double[] t = normal(random, request.get("parameters").size());
            double[] dx = normal(random, request.get("x").size());
            ObjectNode jvp = request.deepCopy();
            jvp.set("tangent", array(t));
            jvp.set("inputTangent", array(dx));
            double[] Jt = doubles(post("/jvp", jvp).get("tangentOutput"));
            double[] u = normal(random, Jt.length);
            ObjectNode vjp = request.deepCopy();
            vjp.set("cotangent", array(u));
            JsonNode back = post("/vjp", vjp);
            double left = dot(u, Jt);
            double right = dot(doubles(back.get("gradient")), t) + dot(doubles(back.get("inputGradient")), dx);
            // relative to the size of the terms summed: a sum that cancels to near 0 keeps their rounding
            double size = 0;
            for (int j = 0; j < u.length; j++) {
                size += Math.abs(u[j] * Jt[j]);
            }
            assertThat(Math.abs(left - right))
                    .as("network %d: %s", network, request)
                    .isLessThanOrEqualTo(1e-12 * Math.max(size, Math.abs(left)));
        }
    }

    /** /vjp from v = ∇l_y(h_x(w)) is /gradient; /jvp along a basis vector is a column of /jacobian. */
    @Test
    void vjpOfTheLossGradientIsTheGradientAndJvpOfABasisVectorIsAColumn() throws Exception {
        Random random = new Random(707);
        for (int network = 0; network < NETWORKS; network++) {
            ObjectNode request = randomRequest(random, 1, true);
            Loss loss = Loss.valueOf(request.get("loss").get("type").asString().toUpperCase());
            if (loss.onLogits(dev.mmids.gradient.backprop.LayerKind.SOFTMAX.create(1)) != null
                    || loss.onLogits(dev.mmids.gradient.backprop.LayerKind.SIGMOID.create(1)) != null) {
                // /gradient takes these from the logits, a v computed from the rounded probabilities is coarser
                continue;
            }
            double[] output = doubles(post("/forward", request).get("output"));
            double[] y = doubles(request.get("y"));
            double[] v =
                    loss.gradient(DMatrixRMaj.wrap(1, output.length, output), DMatrixRMaj.wrap(1, y.length, y), 1).data;
            ObjectNode vjp = withoutLoss(request);
            vjp.set("cotangent", array(v));
            assertClose(
                    "network " + network,
                    doubles(post("/vjp", vjp).get("gradient")),
                    doubles(post("/gradient", request).get("gradient")),
                    1e-9);

            ObjectNode plain = withoutLoss(request);
            JsonNode J = post("/jacobian", plain).get("jacobian");
            int k = random.nextInt(plain.get("parameters").size());
            double[] e = new double[plain.get("parameters").size()];
            e[k] = 1;
            ObjectNode jvp = plain.deepCopy();
            jvp.set("tangent", array(e));
            double[] column = new double[J.size()];
            for (int j = 0; j < column.length; j++) {
                column[j] = J.get(j).get(k).asDouble();
            }
            assertClose("column " + k, doubles(post("/jvp", jvp).get("tangentOutput")), column, 1e-12);
        }
    }

    /** The gradient in one order is the other order's blocks reversed, given w in that order too. */
    @Test
    void theGradientInOneOrderIsTheOthersBlocksReversed() throws Exception {
        Random random = new Random(708);
        for (int network = 0; network < NETWORKS; network++) {
            ObjectNode request = randomRequest(random, 1 + random.nextInt(3), true);
            JsonNode last = post("/gradient", request);
            double[] w = doubles(request.get("parameters"));
            double[] g = doubles(last.get("gradient"));
            double[] wReversed = new double[w.length];
            double[] gReversed = new double[g.length];
            for (JsonNode entry : last.get("layout")) {
                int offset = entry.get("offset").asInt();
                int length = entry.get("length").asInt();
                System.arraycopy(w, offset, wReversed, w.length - offset - length, length);
                System.arraycopy(g, offset, gReversed, g.length - offset - length, length);
            }
            ObjectNode first = request.deepCopy();
            first.put("order", "first-layer-first");
            first.set("parameters", array(wReversed));
            JsonNode answer = post("/gradient", first);
            assertThat(doubles(answer.get("gradient")))
                    .as("network %d", network)
                    .isEqualTo(gReversed);
            assertThat(answer.get("layout").get(0).get("layer").asInt()).isEqualTo(1);
        }
    }

    private static ObjectNode withoutLoss(ObjectNode request) {
        ObjectNode plain = request.deepCopy();
        plain.remove("loss");
        plain.remove("y");
        plain.remove("reduction");
        return plain;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    /** Each entry within {@code relative} of the larger of its expected value and 1e-6 of the vector's largest. */
    private static void assertClose(String what, double[] actual, double[] expected, double relative) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
        for (int k = 0; k < expected.length; k++) {
            double allowed = relative * Math.max(Math.max(Math.abs(expected[k]), 1e-6 * scale), 1e-300);
            assertThat(Math.abs(actual[k] - expected[k]))
                    .as("%s[%d]: %s, expected %s", what, k, actual[k], expected[k])
                    .isLessThanOrEqualTo(allowed);
        }
    }

    /** The same request, sent from eight threads at once, gets the same bytes every time. */
    @Test
    void answersTheSameRequestIdenticallyUnderConcurrentLoad() throws Exception {
        Random random = new Random(704);
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(randomRequest(random, 1 + random.nextInt(64), random.nextBoolean()));
        }
        requests.add((ObjectNode) JSON.readTree(GradientEndpointTest.EXAMPLE_3));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (ObjectNode request : requests) {
                String alone = postForBody(request);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    answers.add(pool.submit((Callable<String>) () -> postForBody(request)));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get()).isEqualTo(alone);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- requests

    /**
     * A random valid request with m samples (one sample as x and y when m is 1), with its parameters as
     * one top-level array when {@code flat}, else on each linear layer.
     */
    static ObjectNode randomRequest(Random random, int m, boolean flat) {
        String[] losses = Arrays.stream(Loss.values()).map(Loss::id).toArray(String[]::new);
        String loss = losses[random.nextInt(losses.length)];
        int n = 1 + random.nextInt(5);
        int depth = 1 + random.nextInt(4);
        ArrayNode layers = JSON.createArrayNode();
        List<double[]> parameters = new ArrayList<>();
        int width = n;
        for (int i = 0; i < depth; i++) {
            ObjectNode layer = layers.addObject();
            if (i == 0 || random.nextBoolean()) {
                int outputs = 1 + random.nextInt(5);
                boolean bias = random.nextBoolean();
                layer.put("type", "linear").put("outputs", outputs).put("bias", bias);
                parameters.add(normal(random, outputs * width + (bias ? outputs : 0)));
                if (!flat) {
                    layer.set("parameters", array(parameters.get(parameters.size() - 1)));
                }
                width = outputs;
            } else {
                String type = ACTIVATIONS[random.nextInt(ACTIVATIONS.length)];
                layer.put("type", type);
                if (type.equals("leaky_relu")) {
                    layer.put("negativeSlope", 0.05 + 0.2 * random.nextDouble());
                } else if (type.equals("softplus")) {
                    layer.put("beta", 0.5 + random.nextDouble());
                }
            }
        }
        if (loss.equals("cross_entropy")) {
            layers.addObject().put("type", "softmax");
        } else if (loss.equals("binary_cross_entropy")) {
            layers.addObject().put("type", "sigmoid");
        }
        ObjectNode request = JSON.createObjectNode();
        request.set("layers", layers);
        request.putObject("loss").put("type", loss);
        if (flat) {
            ArrayNode w = request.putArray("parameters");
            for (int i = parameters.size() - 1; i >= 0; i--) {
                Arrays.stream(parameters.get(i)).forEach(w::add);
            }
        }
        if (m == 1) {
            request.set("x", array(normal(random, n)));
            request.set("y", array(label(random, loss, width)));
        } else {
            ArrayNode samples = request.putArray("samples");
            for (int s = 0; s < m; s++) {
                ObjectNode sample = samples.addObject();
                sample.set("x", array(normal(random, n)));
                sample.set("y", array(label(random, loss, width)));
            }
        }
        return request;
    }

    private static double[] label(Random random, String loss, int K) {
        double[] y = new double[K];
        if (loss.startsWith("cross_entropy")) {
            y[random.nextInt(K)] = 1;
        } else if (loss.startsWith("binary")) {
            for (int k = 0; k < K; k++) {
                y[k] = random.nextDouble();
            }
        } else {
            y = normal(random, K);
        }
        return y;
    }

    private static double[] normal(Random random, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextGaussian();
        }
        return v;
    }

    private static ArrayNode array(double[] values) {
        ArrayNode array = JSON.createArrayNode();
        Arrays.stream(values).forEach(array::add);
        return array;
    }

    private double loss(ObjectNode request, double[] w, double[] d, double h) throws Exception {
        ObjectNode moved = request.deepCopy();
        ArrayNode parameters = moved.putArray("parameters");
        for (int k = 0; k < w.length; k++) {
            parameters.add(w[k] + h * d[k]);
        }
        return post("/forward", moved).get("loss").asDouble();
    }

    private JsonNode post(String path, JsonNode request) throws Exception {
        return JSON.readTree(mvc.perform(MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(request)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String postForBody(JsonNode request) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(request)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static double[] doubles(JsonNode array) {
        return GoldenVectorsTest.doubles(array);
    }
}
