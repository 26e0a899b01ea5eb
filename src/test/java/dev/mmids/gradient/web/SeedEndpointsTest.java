package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.expectProblem;
import static dev.mmids.gradient.web.GradientEndpointTest.pointer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mmids.gradient.web.model.LayerType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The rest of the seed: the Jacobian recursion, the forward pass, traces, gradient checks and the
 * catalog, with the course's examples 3 and 5 traced number by number.
 */
@SpringBootTest(properties = {"gradient.limits.max-trace-entries=80", "gradient.limits.max-jacobian-entries=30"})
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class SeedEndpointsTest {

    /** The course's linear chain with the ½-squared loss (MMIDS.md, example 5). */
    static final String EXAMPLE_5 = """
            {"layers": [
               {"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
               {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]}],
             "loss": {"type": "half_squared_error"},
             "x": [1, 0, -1], "y": [0, 1]}
            """;

    private static final double H = 0.7310585786300049;
    private static final double SIGMA_PRIME = 0.19661193324148185;
    private static final double G1 = 0.18814372508706215;
    private static final double G2 = 0.8118562749129378;

    @Autowired
    MockMvc mvc;

    @Test
    void tracesTheCoursesSigmoidNetworkNumberByNumber() throws Exception {
        ResultActions result =
                post("/gradient", withTrace(GradientEndpointTest.EXAMPLE_3)).andExpect(status().isOk());

        result.andExpect(jsonPath("$.trace.forward[*].layer", contains(1, 2, 3, 4)))
                .andExpect(jsonPath("$.trace.forward[*].type", contains("linear", "sigmoid", "linear", "softmax")));
        expectVector(result, "$.trace.forward[0].input", 1, 0, -1);
        expectVector(result, "$.trace.forward[0].output", 1, 1);
        expectVector(result, "$.trace.forward[0].A[0]", 1, 0, -1, 0, 0, 0);
        expectVector(result, "$.trace.forward[0].A[1]", 0, 0, 0, 1, 0, -1);
        expectVector(result, "$.trace.forward[0].B[0]", 0, 1, -1);
        expectVector(result, "$.trace.forward[0].B[1]", 2, 0, 1);
        expectVector(result, "$.trace.forward[1].output", H, H);
        expectVector(result, "$.trace.forward[1].A[0]");
        expectVector(result, "$.trace.forward[1].B[0]", SIGMA_PRIME, 0);
        expectVector(result, "$.trace.forward[1].B[1]", 0, SIGMA_PRIME);
        expectVector(result, "$.trace.forward[2].output", -H, H);
        expectVector(result, "$.trace.forward[2].A[0]", H, H, 0, 0);
        expectVector(result, "$.trace.forward[2].A[1]", 0, 0, H, H);
        expectVector(result, "$.trace.forward[2].B[1]", 2, -1);
        expectVector(result, "$.trace.forward[3].output", G1, G2);
        expectVector(result, "$.trace.forward[3].B[0]", G1 * G2, -G1 * G2);
        expectVector(result, "$.trace.forward[3].B[1]", -G1 * G2, G1 * G2);

        expectVector(result, "$.trace.lossGradient", 0, -1 / G2);
        result.andExpect(jsonPath("$.trace.backward[*].layer", contains(4, 3, 2, 1)));
        expectVector(result, "$.trace.backward[0].p");
        expectVector(result, "$.trace.backward[0].q", G1, -G1);
        expectVector(result, "$.trace.backward[1].p", G1 * H, G1 * H, -G1 * H, -G1 * H);
        expectVector(result, "$.trace.backward[1].q", -3 * G1, G1);
        expectVector(result, "$.trace.backward[2].q", -3 * G1 * SIGMA_PRIME, G1 * SIGMA_PRIME);
        double q2a = -3 * G1 * SIGMA_PRIME;
        double q2b = G1 * SIGMA_PRIME;
        expectVector(result, "$.trace.backward[3].p", q2a, 0, -q2a, q2b, 0, -q2b);
        expectVector(result, "$.trace.backward[3].q", 2 * q2b, q2a, -q2a + q2b);
        expectVector(result, "$.trace.backward[3].p", -0.1109739045, 0, 0.1109739045, 0.0369913015, 0, -0.0369913015);
    }

    @Test
    void tracesTheCoursesLinearChainToItsInputGradient() throws Exception {
        ResultActions result = post("/gradient", withTrace(EXAMPLE_5)).andExpect(status().isOk());

        expectVector(result, "$.trace.forward[0].output", 1, 1);
        expectVector(result, "$.trace.forward[1].output", -1, 1);
        expectVector(result, "$.trace.lossGradient", -1, 0);
        expectVector(result, "$.trace.backward[0].p", -1, -1, 0, 0);
        expectVector(result, "$.trace.backward[0].q", 1, 0);
        expectVector(result, "$.trace.backward[1].p", 1, 0, -1, 0, 0, 0);
        expectVector(result, "$.trace.backward[1].q", 0, 1, -1);
        expectVector(result, "$.gradient", -1, -1, 0, 0, 1, 0, -1, 0, 0, 0);
    }

    @Test
    void computesTheJacobianByTheRecursion() throws Exception {
        String request = EXAMPLE_5
                .replace(", \"loss\": {\"type\": \"half_squared_error\"},", ",")
                .replace("\"loss\": {\"type\": \"half_squared_error\"},", "")
                .replace(", \"y\": [0, 1]", "");
        ResultActions result = post("/jacobian", request).andExpect(status().isOk());

        expectVector(result, "$.output", -1, 1);
        expectVector(result, "$.jacobian[0]", 1, 1, 0, 0, -1, 0, 1, 0, 0, 0);
        expectVector(result, "$.jacobian[1]", 0, 0, 1, 1, 2, 0, -2, -1, 0, 1);
        result.andExpect(jsonPath("$.layout[*].offset", contains(0, 4)));
    }

    @Test
    void computesTheForwardPassWithAndWithoutALoss() throws Exception {
        ResultActions batch = post("/forward", """
                        {"layers": [{"type": "linear", "outputs": 3, "bias": false, "parameters": [0, 0, 0, 0, 0, 0]},
                                    {"type": "softmax"}],
                         "loss": {"type": "cross_entropy"}, "reduction": "sum",
                         "samples": [{"x": [1, 2], "y": [0, 0, 1]}, {"x": [4, -1], "y": [1, 0, 0]}]}
                        """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outputs", hasSize(2)))
                .andExpect(jsonPath("$.output").doesNotExist())
                .andExpect(jsonPath("$.sampleCount").value(2))
                .andExpect(jsonPath("$.reduction").value("sum"));
        expectVector(batch, "$.outputs[1]", 1.0 / 3, 1.0 / 3, 1.0 / 3);
        expectVector(batch, "$.loss", 2 * Math.log(3));

        ResultActions one = post("/forward", "{\"layers\": [{\"type\": \"relu\"}], \"x\": [1, -2]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss").doesNotExist())
                .andExpect(jsonPath("$.reduction").doesNotExist());
        expectVector(one, "$.output", 1, 0);
        expectVector(one, "$.outputs[0]", 1, 0);
    }

    @Test
    void checksTheGradientByCentralDifferences() throws Exception {
        post("/gradient", GradientEndpointTest.EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0, 1], \"check\": true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.check.passed").value(true))
                .andExpect(jsonPath("$.check.epsilon").value(1e-6))
                .andExpect(jsonPath("$.check.coordinatesChecked").value(10))
                .andExpect(jsonPath("$.check.direction.passed").value(true))
                .andExpect(jsonPath("$.check.direction.index").doesNotExist())
                .andExpect(jsonPath("$.check.largestErrors", hasSize(10)))
                .andExpect(jsonPath("$.check.largestErrors[0].layer").isNumber())
                .andExpect(jsonPath("$.gradient[4]").value(-0.11097390454986357));
    }

    @Test
    void listsEveryLayerAndLossTypeAndTheLimitsInForce() throws Exception {
        mvc.perform(get("/catalog"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath(
                        "$.layers[*].type", contains(LayerType.apiNames().toArray())))
                .andExpect(jsonPath("$.layers[0].fields[*].name", contains("outputs", "bias", "parameters")))
                .andExpect(jsonPath("$.layers[0].fields[0].required").value(true))
                .andExpect(jsonPath("$.layers[0].fields[1].default").value("true"))
                .andExpect(jsonPath("$.layers[0].layout").value(org.hamcrest.Matchers.containsString("vec(W^T)")))
                .andExpect(jsonPath("$.layers[4].fields[0].default").value("0.01"))
                .andExpect(jsonPath(
                        "$.losses[*].type",
                        contains(
                                "cross_entropy",
                                "cross_entropy_logits",
                                "squared_error",
                                "half_squared_error",
                                "mean_squared_error",
                                "binary_cross_entropy",
                                "binary_cross_entropy_logits")))
                .andExpect(jsonPath("$.reductions", contains("mean", "sum", "none")))
                .andExpect(jsonPath("$.limits.maxBodyBytes").value(64 * 1024 * 1024))
                .andExpect(jsonPath("$.limits.maxTraceEntries").value(80))
                .andExpect(jsonPath("$.limits.maxJacobianEntries").value(30))
                .andExpect(jsonPath("$.check.coordinates").value(20));
    }

    @Test
    void rejectsATraceOfABatchOrOverTheLimit() throws Exception {
        expectProblem(
                        post(
                                "/gradient",
                                withTrace(GradientEndpointTest.EXAMPLE_3.replace(
                                        "\"x\": [1, 0, -1], \"y\": [0, 1]",
                                        "\"samples\": [{\"x\": [1, 0, -1], \"y\": [0, 1]}]"))),
                        422,
                        "sample-form")
                .andExpect(pointer("/trace"));
        String wider = withTrace(GradientEndpointTest.EXAMPLE_3.replace(
                "\"outputs\": 2, \"bias\": false, \"parameters\": [0, 1, -1, 2, 0, 1]",
                "\"outputs\": 2, \"parameters\": [0, 1, -1, 2, 0, 1, 0, 0]"));
        expectProblem(post("/gradient", wider), 422, "limit-exceeded")
                .andExpect(pointer("/trace"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("limit of 80")));
    }

    @Test
    void rejectsAJacobianOverTheLimitBeforeComputingIt() throws Exception {
        expectProblem(
                        post("/jacobian", """
                                {"layers": [{"type": "linear", "outputs": 4, "bias": false},
                                            {"type": "linear", "outputs": 4, "bias": false}],
                                 "parameters": [%s], "x": [1, 2, 3]}
                                """.formatted(String.join(", ", java.util.Collections.nCopies(28, "0")))),
                        422,
                        "limit-exceeded")
                .andExpect(pointer("/layers"));
    }

    @Test
    void rejectsRequestsThatDoNotFitTheirEndpoint() throws Exception {
        expectProblem(post("/jacobian", "{\"layers\": [{\"type\": \"relu\"}]}"), 400, "missing-field")
                .andExpect(pointer("/x"));
        expectProblem(post("/jacobian", "{\"layers\": [{\"type\": \"relu\"}], \"samples\": []}"), 400, "unknown-field")
                .andExpect(pointer("/samples"));
        expectProblem(
                        post(
                                "/forward",
                                "{\"layers\": [{\"type\": \"relu\"}], \"loss\": {\"type\": \"squared_error\"}, \"x\": [1]}"),
                        400,
                        "missing-field")
                .andExpect(pointer("/y"));
        // labels without a loss: the labels are at fault (the loss is optional on /forward)
        expectProblem(
                        post("/forward", "{\"layers\": [{\"type\": \"relu\"}], \"x\": [1], \"y\": [1]}"),
                        422,
                        "sample-form")
                .andExpect(pointer("/y"));
        expectProblem(mvc.perform(get("/jacobian")), 405, "method-not-allowed");
        expectProblem(post("/catalog", "{}"), 405, "method-not-allowed");
    }

    private static String withTrace(String request) {
        return request.replace("\"loss\": {", "\"trace\": true, \"loss\": {");
    }

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** The array (or number) at path equals the values to 1e-12, or is empty when none are given. */
    private static void expectVector(ResultActions result, String path, double... values) throws Exception {
        if (values.length == 1 && !path.endsWith("]") && path.endsWith("loss")) {
            result.andExpect(jsonPath(path, org.hamcrest.Matchers.closeTo(values[0], 1e-12), Double.class));
            return;
        }
        List<ResultMatcher> matchers = new ArrayList<>();
        matchers.add(jsonPath(path, hasSize(values.length)));
        for (int k = 0; k < values.length; k++) {
            matchers.add(jsonPath(
                    path + "[" + k + "]",
                    org.hamcrest.Matchers.closeTo(values[k], 1e-10 * Math.max(1, Math.abs(values[k]))),
                    Double.class));
        }
        result.andExpectAll(matchers.toArray(ResultMatcher[]::new));
    }
}
