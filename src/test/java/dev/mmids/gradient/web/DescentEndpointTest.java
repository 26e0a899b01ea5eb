package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.expectProblem;
import static dev.mmids.gradient.web.GradientEndpointTest.pointer;
import static org.assertj.core.api.Assertions.assertThat;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /descent} through the API: the answer's shape, shuffling that a seed makes reproducible, and
 * a problem for each thing a run's request can get wrong, pointing at it.
 */
@SpringBootTest(properties = "gradient.limits.max-descent-work=100000")
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class DescentEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Example 3's network on four samples. */
    private static final String RUN = """
            {"layers": [{"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
                        {"type": "sigmoid"},
                        {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]},
                        {"type": "softmax"}],
             "loss": {"type": "cross_entropy"},
             "samples": [{"x": [1, 0, -1], "label": 1}, {"x": [0, 1, 1], "label": 0},
                         {"x": [2, 1, 0], "y": [0.5, 0.5]}, {"x": [-1, -1, 1], "label": 1}],
             "optimizer": {"type": "sgd", "learningRate": 0.5}, "epochs": 3""";

    @Autowired
    MockMvc mvc;

    @Test
    void answersTheTrainedParametersTheStepsAndEachEpochsLoss() throws Exception {
        post(RUN + ", \"batchSize\": 3}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parameters", hasSize(10)))
                .andExpect(jsonPath("$.steps").value(6)) // 3 epochs of a batch of 3 and a batch of 1
                .andExpect(jsonPath("$.history", hasSize(3)))
                .andExpect(jsonPath("$.history[2].epoch").value(3))
                .andExpect(jsonPath("$.layout[1].outputs").value(2))
                .andExpect(jsonPath("$.seed").doesNotExist());
        JsonNode first = answer(RUN.replace("\"epochs\": 3", "\"epochs\": 1") + ", \"order\": \"first-layer-first\"}");
        JsonNode last = answer(RUN.replace("\"epochs\": 3", "\"epochs\": 1") + "}");
        // one order's parameters are the other's blocks reversed: layer 1's 6 entries, then layer 3's 4
        for (int k = 0; k < 6; k++) {
            assertThat(first.get("parameters").get(k))
                    .isEqualTo(last.get("parameters").get(4 + k));
        }
    }

    @Test
    void shufflesReproduciblyWithASeed() throws Exception {
        String shuffled = RUN + ", \"batchSize\": 1, \"shuffle\": true, \"seed\": %d}";
        JsonNode a = answer(shuffled.formatted(7));
        JsonNode b = answer(shuffled.formatted(7));
        JsonNode c = answer(shuffled.formatted(8));
        JsonNode inOrder = answer(RUN + ", \"batchSize\": 1}");
        assertThat(a.get("parameters")).isEqualTo(b.get("parameters"));
        assertThat(a.get("seed").asLong()).isEqualTo(7);
        assertThat(a.get("parameters")).isNotEqualTo(c.get("parameters"));
        assertThat(a.get("parameters")).isNotEqualTo(inOrder.get("parameters"));
        JsonNode drawn = answer(RUN + ", \"batchSize\": 1, \"shuffle\": true}");
        JsonNode again = answer(RUN + ", \"batchSize\": 1, \"shuffle\": true, \"seed\": " + drawn.get("seed") + "}");
        assertThat(again.get("parameters")).as("the seed drawn repeats the run").isEqualTo(drawn.get("parameters"));
    }

    @Test
    void refusesWhatARunCannotTakeAndPointsAtIt() throws Exception {
        expectProblem(post(RUN.replace(", \"epochs\": 3", "") + "}"), 400, "missing-field")
                .andExpect(pointer("/epochs"));
        expectProblem(
                        post(RUN.replace("\"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.5}, ", "") + "}"),
                        400,
                        "missing-field")
                .andExpect(pointer("/optimizer"));
        expectProblem(post(RUN.replace("\"learningRate\": 0.5", "\"momentum\": 0.9") + "}"), 400, "missing-field")
                .andExpect(pointer("/optimizer/learningRate"));
        expectProblem(post(RUN.replace("\"sgd\"", "\"rmsprop\"") + "}"), 400, "unknown-type")
                .andExpect(pointer("/optimizer/type"))
                .andExpect(jsonPath("$.detail", containsString("sgd, adam")));
        expectProblem(
                        post(RUN.replace("\"learningRate\": 0.5", "\"learningRate\": 0.5, \"beta1\": 0.9") + "}"),
                        422,
                        "invalid-setting")
                .andExpect(pointer("/optimizer/beta1"));
        expectProblem(
                        post(RUN.replace("\"sgd\", \"learningRate\": 0.5", "\"adam\", \"momentum\": 0.9") + "}"),
                        422,
                        "invalid-setting")
                .andExpect(pointer("/optimizer/momentum"));
        expectProblem(
                        post(RUN.replace("\"sgd\", \"learningRate\": 0.5", "\"adam\", \"beta2\": 1") + "}"),
                        422,
                        "invalid-setting")
                .andExpect(pointer("/optimizer/beta2"));
        expectProblem(
                        post(RUN.replace("\"learningRate\": 0.5", "\"learningRate\": -0.5") + "}"),
                        422,
                        "invalid-setting")
                .andExpect(pointer("/optimizer/learningRate"));
        expectProblem(post(RUN.replace("\"epochs\": 3", "\"epochs\": 0") + "}"), 422, "invalid-setting")
                .andExpect(pointer("/epochs"));
        expectProblem(post(RUN + ", \"batchSize\": 0}"), 422, "invalid-setting").andExpect(pointer("/batchSize"));
        expectProblem(post(RUN + ", \"seed\": 1}"), 422, "invalid-setting").andExpect(pointer("/seed"));
        expectProblem(post(RUN + ", \"x\": [1, 0, -1]}"), 400, "unknown-field").andExpect(pointer("/x"));
        expectProblem(post(RUN + ", \"reduction\": \"sum\"}"), 400, "unknown-field")
                .andExpect(pointer("/reduction"));
        expectProblem(
                        post(RUN.replace("\"label\": 1}, {\"x\": [0, 1, 1]", "\"label\": 2}, {\"x\": [0, 1, 1]") + "}"),
                        422,
                        "invalid-label")
                .andExpect(pointer("/samples/0/label"));
        // 4 samples × (10 parameters + activation widths 3, 2, 2, 2, 2) = 84 a epoch: 1,191 epochs are the first
        // over the limit of 100,000
        expectProblem(post(RUN.replace("\"epochs\": 3", "\"epochs\": 1191") + "}"), 422, "limit-exceeded")
                .andExpect(pointer("/epochs"));
        expectProblem(post(DescentStreamTest.DIVERGING), 422, "non-finite-result")
                .andExpect(pointer("/optimizer/learningRate"))
                .andExpect(jsonPath("$.detail", containsString("diverged in epoch")))
                .andExpect(jsonPath("$.detail", containsString(", step")));
    }

    @Test
    void countsTheActivationsOfAWideNetworkWithoutParametersAgainstTheWorkLimit() throws Exception {
        String zeros = java.util.Arrays.toString(new double[1000]);
        String wide = """
                {"layers": [{"type": "sigmoid"}], "loss": {"type": "squared_error"},
                 "samples": [{"x": %s, "y": %s}], "optimizer": {"type": "sgd", "learningRate": 0.1}, "epochs": %d}""";
        // 1 sample × (0 parameters + 1,000 inputs + 1,000 outputs) × 50 epochs is the limit of 100,000
        post(wide.formatted(zeros, zeros, 50)).andExpect(status().isOk());
        expectProblem(post(wide.formatted(zeros, zeros, 51)), 422, "limit-exceeded")
                .andExpect(pointer("/epochs"));
    }

    private JsonNode answer(String body) throws Exception {
        return JSON.readTree(
                post(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private ResultActions post(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/descent")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
