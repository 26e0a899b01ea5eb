package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service against golden vectors computed by PyTorch in double precision
 * ({@code src/test/python/make_golden_vectors.py}): random networks of every layer and loss type,
 * depths 1 to 5, single samples and batches, both parameter forms, and the course's examples.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class GoldenVectorsTest {

    /**
     * Every number must agree with PyTorch's to this, relative to the larger of its own size and a
     * floor of {@link #FLOOR} times the largest entry of its vector: an entry that cancels to nearly 0
     * has no relative precision in either computation.
     */
    static final double RELATIVE = 1e-9;

    static final double FLOOR = 1e-6;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static Stream<Named<JsonNode>> cases() throws IOException {
        return cases("/golden/gradients.json");
    }

    /** The cases of a golden file that make_golden_vectors.py wrote, each named as the file names it. */
    static Stream<Named<JsonNode>> cases(String resource) throws IOException {
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream(resource)) {
            JsonNode golden = JSON.readTree(in);
            List<Named<JsonNode>> cases = new ArrayList<>();
            golden.get("cases").forEach(c -> cases.add(Named.of(c.get("name").asString(), c)));
            return cases.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientMatchesPyTorch(JsonNode golden) throws Exception {
        JsonNode actual = post("/gradient", golden.get("request"));
        JsonNode expected = golden.get("expected");

        assertAgrees("loss", new double[] {actual.get("loss").asDouble()}, new double[] {
            expected.get("loss").asDouble()
        });
        assertAgrees("gradient", doubles(actual.get("gradient")), doubles(expected.get("gradient")));
        if (expected.has("output")) {
            assertAgrees("output", doubles(actual.get("output")), doubles(expected.get("output")));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardPassMatchesPyTorch(JsonNode golden) throws Exception {
        JsonNode actual = post("/forward", golden.get("request"));
        JsonNode expected = golden.get("expected");

        assertAgrees("loss", new double[] {actual.get("loss").asDouble()}, new double[] {
            expected.get("loss").asDouble()
        });
        JsonNode outputs = expected.has("outputs")
                ? expected.get("outputs")
                : JSON.createArrayNode().add(expected.get("output"));
        assertThat(actual.get("outputs").size()).isEqualTo(outputs.size());
        for (int s = 0; s < outputs.size(); s++) {
            assertAgrees("outputs[" + s + "]", doubles(actual.get("outputs").get(s)), doubles(outputs.get(s)));
        }
    }

    @ParameterizedTest
    @MethodSource("oneSampleCases")
    void jacobianMatchesPyTorch(JsonNode golden) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        for (String field : new String[] {"layers", "parameters", "x"}) {
            if (golden.get("request").has(field)) {
                request.set(field, golden.get("request").get(field));
            }
        }
        JsonNode actual = post("/jacobian", request);
        JsonNode expected = golden.get("expected");

        assertAgrees("output", doubles(actual.get("output")), doubles(expected.get("output")));
        assertThat(actual.get("jacobian").size())
                .isEqualTo(expected.get("jacobian").size());
        for (int j = 0; j < expected.get("jacobian").size(); j++) {
            assertAgrees(
                    "jacobian row " + j,
                    doubles(actual.get("jacobian").get(j)),
                    doubles(expected.get("jacobian").get(j)));
        }
    }

    /**
     * Where a saturated softmax or sigmoid rounds a probability to 0 or 1, q^{L+1} = ∇l_y(z^{L+1}) of
     * cross-entropy is not a finite double, though the gradient is: such a trace is a 422, not an answer
     * with a hole.
     */
    @ParameterizedTest
    @MethodSource("oneSampleCases")
    void tracesInputGradientMatchesPyTorch(JsonNode golden) throws Exception {
        ObjectNode request = (ObjectNode) golden.get("request").deepCopy();
        request.put("trace", true);
        if (!lossGradientIsFinite(golden)) {
            GradientEndpointTest.expectProblem(perform("/gradient", request), 422, "non-finite-result")
                    .andExpect(GradientEndpointTest.pointer("/loss"));
            return;
        }
        JsonNode actual = post("/gradient", request);

        JsonNode backward = actual.get("trace").get("backward");
        JsonNode q1 = backward.get(backward.size() - 1);
        assertThat(q1.get("layer").asInt()).isEqualTo(1);
        assertAgrees("q^1", doubles(q1.get("q")), doubles(golden.get("expected").get("inputGradient")));
        assertAgrees(
                "gradient",
                doubles(actual.get("gradient")),
                doubles(golden.get("expected").get("gradient")));
    }

    /** Whether -y ⊘ z (and (1 - y) ⊘ (1 - z) for the binary loss) is finite at the golden output. */
    private static boolean lossGradientIsFinite(JsonNode golden) {
        String loss = golden.get("request").get("loss").get("type").asString();
        double[] z = doubles(golden.get("expected").get("output"));
        double[] y = doubles(golden.get("request").get("y"));
        for (int k = 0; k < z.length; k++) {
            boolean binary = loss.equals("binary_cross_entropy");
            if ((loss.equals("cross_entropy") || binary) && y[k] != 0 && !Double.isFinite(y[k] / z[k])) {
                return false;
            }
            if (binary && y[k] != 1 && !Double.isFinite((1 - y[k]) / (1 - z[k]))) {
                return false;
            }
        }
        return true;
    }

    static Stream<Named<JsonNode>> oneSampleCases() throws IOException {
        return cases().filter(c -> c.getPayload().get("expected").has("jacobian"));
    }

    private ResultActions perform(String path, JsonNode request) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(request)));
    }

    private JsonNode post(String path, JsonNode request) throws Exception {
        String body = perform(path, request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(body);
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = array.get(k).asDouble();
        }
        return values;
    }

    static void assertAgrees(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            double allowed = RELATIVE * Math.max(Math.abs(expected[k]), FLOOR * scale);
            assertThat(Math.abs(actual[k] - expected[k]))
                    .as("%s[%d]: %s, PyTorch %s", what, k, actual[k], expected[k])
                    .isLessThanOrEqualTo(allowed);
        }
    }
}
