package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.EXAMPLE_3;
import static dev.mmids.gradient.web.GradientEndpointTest.expectProblem;
import static dev.mmids.gradient.web.GradientEndpointTest.pointer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The additions of v1.1 through the API: the course's example 3 in both parameter orders, class labels,
 * per-sample gradients, /vjp and /jvp on the course's example 5, and a problem for each thing a request
 * of theirs can get wrong, pointing at it.
 */
@SpringBootTest(properties = "gradient.limits.max-per-sample-entries=100")
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class AdditionsEndpointsTest {

    /** Example 3's gradient, last layer first: layer 3's 4 entries, then layer 1's 6. */
    private static final double[] EXAMPLE_3_GRADIENT = {
        0.13754408424030204,
        0.13754408424030204,
        -0.1375440842403021,
        -0.1375440842403021,
        -0.11097390454986357,
        0.0,
        0.11097390454986357,
        0.0369913015166212,
        0.0,
        -0.0369913015166212
    };

    private static final String EXAMPLE_5_NETWORK = """
            "layers": [
               {"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
               {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]}],
             "x": [1, 0, -1]""";

    @Autowired
    MockMvc mvc;

    @Test
    void answersExample3InBothOrders() throws Exception {
        post("/gradient", EXAMPLE_3)
                .andExpect(status().isOk())
                .andExpect(vector("$.gradient", EXAMPLE_3_GRADIENT))
                .andExpect(jsonPath("$.layout[*].layer", contains(4, 3, 2, 1)))
                .andExpect(jsonPath("$.layout[1].outputs").value(2))
                .andExpect(jsonPath("$.layout[1].inputs").value(2))
                .andExpect(jsonPath("$.layout[1].bias").value(false))
                .andExpect(jsonPath("$.layout[0].outputs").doesNotExist());
        double[] firstLayerFirst = new double[10];
        System.arraycopy(EXAMPLE_3_GRADIENT, 4, firstLayerFirst, 0, 6);
        System.arraycopy(EXAMPLE_3_GRADIENT, 0, firstLayerFirst, 6, 4);
        post("/gradient", EXAMPLE_3.replace("\"x\":", "\"order\": \"first-layer-first\", \"x\":"))
                .andExpect(status().isOk())
                .andExpect(vector("$.gradient", firstLayerFirst))
                .andExpect(jsonPath("$.layout[*].layer", contains(1, 2, 3, 4)))
                .andExpect(jsonPath("$.layout[0].offset").value(0))
                .andExpect(jsonPath("$.layout[2].offset").value(6));
    }

    @Test
    void readsTopLevelParametersInTheRequestsOrder() throws Exception {
        String flat = """
                {"layers": [{"type": "linear", "outputs": 2, "bias": false}, {"type": "sigmoid"},
                            {"type": "linear", "outputs": 2, "bias": false}, {"type": "softmax"}],
                 "loss": {"type": "cross_entropy"}, "x": [1, 0, -1], "y": [0, 1],
                 "order": "first-layer-first", "parameters": [0, 1, -1, 2, 0, 1, -1, 0, 2, -1]}
                """;
        double[] firstLayerFirst = new double[10];
        System.arraycopy(EXAMPLE_3_GRADIENT, 4, firstLayerFirst, 0, 6);
        System.arraycopy(EXAMPLE_3_GRADIENT, 0, firstLayerFirst, 6, 4);
        post("/gradient", flat).andExpect(status().isOk()).andExpect(vector("$.gradient", firstLayerFirst));
    }

    @Test
    void takesAClassIndexForTheOneHotLabel() throws Exception {
        post("/gradient", EXAMPLE_3.replace("\"y\": [0, 1]", "\"label\": 1"))
                .andExpect(status().isOk())
                .andExpect(vector("$.gradient", EXAMPLE_3_GRADIENT));
    }

    @Test
    void answersEverySamplesLossAndGradientBesideTheMean() throws Exception {
        String batch = """
                {"layers": [{"type": "linear", "outputs": 3, "bias": false}, {"type": "softmax"}],
                 "parameters": [0, 0, 0, 0, 0, 0], "loss": {"type": "cross_entropy"}, "reduction": "none",
                 "samples": [{"x": [1, 2], "label": 2}, {"x": [4, -1], "y": [1, 0, 0]}]}
                """;
        post("/gradient", batch)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reduction").value("none"))
                .andExpect(jsonPath("$.losses", hasSize(2)))
                .andExpect(jsonPath("$.losses[0]").value(1.0986122886681098))
                .andExpect(jsonPath("$.gradients", hasSize(2)))
                .andExpect(jsonPath("$.gradients[0]", hasSize(6)))
                .andExpect(jsonPath("$.loss").value(1.0986122886681098));
        post("/forward", batch)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.losses", contains(1.0986122886681098, 1.0986122886681098)));
    }

    @Test
    void multipliesByTheTransposedJacobianFromACotangent() throws Exception {
        post("/vjp", "{" + EXAMPLE_5_NETWORK + ", \"cotangent\": [1, 0]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.output", contains(-1.0, 1.0)))
                .andExpect(jsonPath("$.gradient", contains(1.0, 1.0, 0.0, 0.0, -1.0, 0.0, 1.0, 0.0, 0.0, 0.0)))
                .andExpect(jsonPath("$.inputGradient", contains(0.0, -1.0, 1.0)));
        post("/vjp", "{" + EXAMPLE_5_NETWORK.replace("\"x\": [1, 0, -1]", """
                "samples": [{"x": [1, 0, -1], "cotangent": [1, 0]}, {"x": [1, 0, -1], "cotangent": [0, 1]}]""") + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outputs", hasSize(2)))
                .andExpect(jsonPath("$.gradient", contains(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, -1.0, -1.0, 0.0, 1.0)))
                .andExpect(jsonPath("$.inputGradients[1]", contains(-2.0, 2.0, -3.0)));
    }

    @Test
    void multipliesByTheJacobianInOneForwardPass() throws Exception {
        post(
                        "/jvp",
                        "{" + EXAMPLE_5_NETWORK
                                + ", \"tangent\": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], \"inputTangent\": [0, 0, 1]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.output", contains(-1.0, 1.0)))
                .andExpect(jsonPath("$.tangentOutput", contains(2.0, -3.0)));
        post(
                        "/jvp",
                        "{" + EXAMPLE_5_NETWORK + ", \"order\": \"first-layer-first\","
                                + " \"tangent\": [0, 0, 0, 0, 0, 0, 1, 0, 0, 0]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tangentOutput", contains(1.0, 0.0)));
    }

    @Test
    void refusesWhatTheAdditionsCannotTakeAndPointsAtIt() throws Exception {
        expectProblem(
                        post("/gradient", EXAMPLE_3.replace("\"x\":", "\"order\": \"layer-by-layer\", \"x\":")),
                        400,
                        "unknown-type")
                .andExpect(pointer("/order"));
        expectProblem(
                        post("/gradient", EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0, 1], \"label\": 1")),
                        422,
                        "sample-form")
                .andExpect(pointer("/y"));
        expectProblem(post("/gradient", EXAMPLE_3.replace("\"y\": [0, 1]", "\"label\": 2")), 422, "invalid-label")
                .andExpect(pointer("/label"))
                .andExpect(jsonPath("$.detail", containsString("0..1")));
        expectProblem(
                        post(
                                "/gradient",
                                EXAMPLE_3
                                        .replace("\"y\": [0, 1]", "\"label\": 1")
                                        .replace("cross_entropy", "squared_error")),
                        422,
                        "invalid-label")
                .andExpect(pointer("/label"))
                .andExpect(jsonPath("$.detail", containsString("send y")));
        expectProblem(post("/gradient", EXAMPLE_3.replace("\"y\": [0, 1]", "\"label\": 1.5")), 400, "wrong-type")
                .andExpect(pointer("/label"));
        expectProblem(
                        post(
                                "/forward",
                                EXAMPLE_3
                                        .replace("\"loss\": {\"type\": \"cross_entropy\"},", "")
                                        .replace("\"y\": [0, 1]", "\"label\": 1")),
                        422,
                        "sample-form")
                .andExpect(pointer("/label"));
        expectProblem(post("/gradient", """
                {"layers": [{"type": "softmax"}], "loss": {"type": "cross_entropy"}, "label": 0,
                 "samples": [{"x": [1, 2], "label": 1}]}"""), 422, "sample-form").andExpect(pointer("/label"));
        expectProblem(post("/gradient", """
                {"layers": [{"type": "linear", "outputs": 30}], "loss": {"type": "squared_error"},
                 "reduction": "none", "parameters": %s,
                 "samples": [{"x": [1], "y": %s}, {"x": [2], "y": %s}]}""".formatted(zeros(60), zeros(30), zeros(30))), 422, "limit-exceeded")
                .andExpect(pointer("/reduction"));

        expectProblem(post("/vjp", "{" + EXAMPLE_5_NETWORK + "}"), 400, "missing-field")
                .andExpect(pointer("/cotangent"));
        expectProblem(post("/vjp", "{" + EXAMPLE_5_NETWORK + ", \"cotangent\": [1, 0, 0]}"), 422, "shape-mismatch")
                .andExpect(pointer("/cotangent"));
        expectProblem(
                        post("/vjp", "{" + EXAMPLE_5_NETWORK + ", \"cotangent\": [1, 0], \"y\": [0, 1]}"),
                        400,
                        "unknown-field")
                .andExpect(pointer("/y"));
        expectProblem(post("/jvp", "{" + EXAMPLE_5_NETWORK + "}"), 400, "missing-field")
                .andExpect(pointer("/tangent"));
        expectProblem(post("/jvp", "{" + EXAMPLE_5_NETWORK + ", \"tangent\": [1, 0]}"), 422, "shape-mismatch")
                .andExpect(pointer("/tangent"))
                .andExpect(jsonPath("$.detail", containsString("10")));
        expectProblem(
                        post(
                                "/jvp",
                                "{" + EXAMPLE_5_NETWORK + ", \"tangent\": " + zeros(10) + ", \"inputTangent\": [1]}"),
                        422,
                        "shape-mismatch")
                .andExpect(pointer("/inputTangent"));
        expectProblem(
                        post("/jvp", "{" + EXAMPLE_5_NETWORK + ", \"tangent\": [0, 0, 0, 0, 0, 0, 0, 0, 0, NaN]}"),
                        400,
                        "non-finite-number")
                .andExpect(pointer("/tangent/9"));
    }

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String zeros(int n) {
        return java.util.Arrays.toString(new double[n]);
    }

    /** The numbers at {@code path}, each within 1e-15 relative of what the test expects. */
    private static org.springframework.test.web.servlet.ResultMatcher vector(String path, double[] expected) {
        return result -> {
            tools.jackson.databind.JsonNode answer = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(result.getResponse().getContentAsString())
                    .at(tools.jackson.core.JsonPointer.compile(path.replace("$.", "/")));
            GoldenVectorsTest.assertAgrees(path, GoldenVectorsTest.doubles(answer), expected);
        };
    }
}
