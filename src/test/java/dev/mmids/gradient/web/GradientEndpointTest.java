package dev.mmids.gradient.web;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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

/** {@code POST /gradient} through Spring MVC with the real engine: the answers, and every kind of problem. */
@SpringBootTest(
        properties = {
            "gradient.limits.max-body-size=4KB",
            "gradient.limits.max-layers=6",
            "gradient.limits.max-parameters=40",
            "gradient.limits.max-samples=3",
            "gradient.limits.max-layer-outputs=8"
        })
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class GradientEndpointTest {

    static final String PROBLEM = "tag:gradient.mmids,2026:problems/";

    /** The course's network with one sigmoid hidden layer (MMIDS.md, example 3). */
    static final String EXAMPLE_3 = """
            {"layers": [
               {"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
               {"type": "sigmoid"},
               {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]},
               {"type": "softmax"}],
             "loss": {"type": "cross_entropy"},
             "x": [1, 0, -1], "y": [0, 1]}
            """;

    @Autowired
    MockMvc mvc;

    @Test
    void answersTheCoursesNetworkWithLossGradientLayoutAndOutput() throws Exception {
        send(EXAMPLE_3)
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.loss", closeTo(0.2084319558, 1e-10), Double.class))
                .andExpect(jsonPath("$.gradient", hasSize(10)))
                .andExpect(jsonPath("$.gradient[0]", closeTo(0.1375440842, 1e-10), Double.class))
                .andExpect(jsonPath("$.gradient[4]", closeTo(-0.1109739045, 1e-10), Double.class))
                .andExpect(jsonPath("$.gradient[9]", closeTo(-0.0369913015, 1e-10), Double.class))
                .andExpect(jsonPath("$.layout[*].layer", contains(4, 3, 2, 1)))
                .andExpect(jsonPath("$.layout[*].type", contains("softmax", "linear", "sigmoid", "linear")))
                .andExpect(jsonPath("$.layout[*].offset", contains(0, 0, 4, 4)))
                .andExpect(jsonPath("$.layout[*].length", contains(0, 4, 0, 6)))
                .andExpect(jsonPath("$.output[0]", closeTo(0.1881437251, 1e-10), Double.class))
                .andExpect(jsonPath("$.output[1]", closeTo(0.8118562749, 1e-10), Double.class))
                .andExpect(jsonPath("$.sampleCount").value(1))
                .andExpect(jsonPath("$.reduction").value("mean"));
    }

    @Test
    void takesTheParametersAsOneArrayLastLayerFirst() throws Exception {
        send("""
                {"layers": [{"type": "linear", "outputs": 2, "bias": false}, {"type": "sigmoid"},
                            {"type": "linear", "outputs": 2, "bias": false}, {"type": "softmax"}],
                 "parameters": [-1, 0, 2, -1, 0, 1, -1, 2, 0, 1],
                 "loss": {"type": "cross_entropy"}, "x": [1, 0, -1], "y": [0, 1]}
                """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss", closeTo(0.2084319558, 1e-10), Double.class))
                .andExpect(jsonPath("$.gradient[4]", closeTo(-0.1109739045, 1e-10), Double.class));
    }

    @Test
    void reducesABatchByTheMeanOrTheSum() throws Exception {
        String batch = """
                {"layers": [{"type": "linear", "outputs": 3, "bias": false, "parameters": [0, 0, 0, 0, 0, 0]},
                            {"type": "softmax"}],
                 "loss": {"type": "cross_entropy"},
                 "samples": [{"x": [1, 2], "y": [0, 0, 1]}, {"x": [4, -1], "y": [1, 0, 0]}]%s}
                """;
        send(batch.formatted(""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss", closeTo(Math.log(3), 1e-15), Double.class))
                .andExpect(jsonPath("$.gradient[0]", closeTo(-7.0 / 6, 1e-15), Double.class))
                .andExpect(jsonPath("$.sampleCount").value(2))
                .andExpect(jsonPath("$.reduction").value("mean"))
                .andExpect(jsonPath("$.output").doesNotExist());
        send(batch.formatted(", \"reduction\": \"sum\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss", closeTo(2 * Math.log(3), 1e-15), Double.class))
                .andExpect(jsonPath("$.gradient[0]", closeTo(-7.0 / 3, 1e-15), Double.class))
                .andExpect(jsonPath("$.reduction").value("sum"));
    }

    // ---- 400

    @Test
    void rejectsABodyThatIsNotJson() throws Exception {
        expectProblem(send("{\"layers\": [{\"type\": \"linear\","), 400, "malformed-json")
                .andExpect(jsonPath("$.detail", containsString("line 1, column")));
        expectProblem(send("[1, 2]"), 400, "malformed-json");
        expectProblem(send(""), 400, "malformed-json");
        expectProblem(send("{\"x\": [1], \"x\": [2]}"), 400, "malformed-json")
                .andExpect(jsonPath("$.detail", containsString("repeats a key")));
        expectProblem(send("{\"layers\": []} {}"), 400, "malformed-json");
    }

    @Test
    void rejectsAFieldOfTheWrongJsonType() throws Exception {
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "\"outputs\": 2, \"bias\": false, \"parameters\": [0,",
                                "\"outputs\": 2.5, \"bias\": false, \"parameters\": [0,")),
                        400,
                        "wrong-type")
                .andExpect(pointer("/layers/0/outputs"));
        expectProblem(send(EXAMPLE_3.replace("[1, 0, -1]", "[1, \"2.5\", -1]")), 400, "wrong-type")
                .andExpect(pointer("/x/1"));
        expectProblem(send(EXAMPLE_3.replace("[1, 0, -1]", "[1, null, -1]")), 400, "wrong-type")
                .andExpect(pointer("/x/1"));
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "\"bias\": false, \"parameters\": [0,", "\"bias\": \"false\", \"parameters\": [0,")),
                        400,
                        "wrong-type")
                .andExpect(pointer("/layers/0/bias"));
        expectProblem(send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": 1")), 400, "wrong-type")
                .andExpect(pointer("/y"));
        expectProblem(send(EXAMPLE_3.replace("{\"type\": \"sigmoid\"}", "\"sigmoid\"")), 400, "wrong-type")
                .andExpect(pointer("/layers/1"));
        // base64 of the doubles (1, 0, -1): Jackson's own reader would take it as packed doubles
        expectProblem(send(EXAMPLE_3.replace("[1, 0, -1]", "\"P/AAAAAAAAAAAAAAAAAAAL/wAAAAAAAA\"")), 400, "wrong-type")
                .andExpect(pointer("/x"));
    }

    @Test
    void rejectsAMissingRequiredField() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("\"loss\": {\"type\": \"cross_entropy\"},", "")), 400, "missing-field")
                .andExpect(pointer("/loss"));
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "\"outputs\": 2, \"bias\": false, \"parameters\": [-1",
                                "\"bias\": false, \"parameters\": [-1")),
                        400,
                        "missing-field")
                .andExpect(pointer("/layers/2/outputs"));
        expectProblem(send(EXAMPLE_3.replace(", \"y\": [0, 1]", "")), 400, "missing-field")
                .andExpect(pointer("/y"));
        expectProblem(send("{\"loss\": {\"type\": \"squared_error\"}, \"x\": [1], \"y\": [1]}"), 400, "missing-field")
                .andExpect(pointer("/layers"));
    }

    @Test
    void rejectsAFieldTheApiDoesNotDefine() throws Exception {
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "\"outputs\": 2, \"bias\": false, \"parameters\": [0,",
                                "\"outputs\": 2, \"bais\": false, \"parameters\": [0,")),
                        400,
                        "unknown-field")
                .andExpect(pointer("/layers/0/bais"))
                .andExpect(jsonPath("$.detail", containsString("bias")));
    }

    @Test
    void rejectsAnUnknownLayerLossOrReduction() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("sigmoid", "sigmoidd")), 400, "unknown-type")
                .andExpect(pointer("/layers/1/type"))
                .andExpect(jsonPath("$.detail", containsString("leaky_relu")));
        expectProblem(send(EXAMPLE_3.replace("\"cross_entropy\"", "\"hinge\"")), 400, "unknown-type")
                .andExpect(pointer("/loss/type"));
        expectProblem(
                        send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0, 1], \"reduction\": \"median\"")),
                        400,
                        "unknown-type")
                .andExpect(pointer("/reduction"));
    }

    @Test
    void rejectsNumbersThatAreNotFiniteDoubles() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("[1, 0, -1]", "[1, 1e999, -1]")), 400, "non-finite-number")
                .andExpect(pointer("/x/1"));
        expectProblem(
                        send(EXAMPLE_3.replace("[-1, 0, 2, -1]", "[-1, \"NaN\", 2, \"-Infinity\"]")),
                        400,
                        "non-finite-number")
                .andExpect(
                        jsonPath("$.errors[*].pointer", contains("/layers/2/parameters/1", "/layers/2/parameters/3")));
        expectProblem(send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0, \"Infinity\"]")), 400, "non-finite-number")
                .andExpect(pointer("/y/1"));
    }

    /** Python's json.dumps writes NaN and Infinity bare when a computation diverges: JSON has no such tokens. */
    @Test
    void rejectsBareNanAndInfinityWithTheirPointers() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("[-1, 0, 2, -1]", "[-1, NaN, 2, -Infinity]")), 400, "non-finite-number")
                .andExpect(
                        jsonPath("$.errors[*].pointer", contains("/layers/2/parameters/1", "/layers/2/parameters/3")));
        expectProblem(send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0, Infinity]")), 400, "non-finite-number")
                .andExpect(pointer("/y/1"));
    }

    /**
     * A client that accepts only problems gets the problem its request deserves; a valid request whose
     * answer it does not accept is a 406, before any computation.
     */
    @Test
    void answersAClientThatAcceptsOnlyProblemsWithItsProblem() throws Exception {
        expectProblem(
                        mvc.perform(MockMvcRequestBuilders.post("/gradient")
                                .contentType(MediaType.APPLICATION_JSON)
                                .accept(MediaType.APPLICATION_PROBLEM_JSON)
                                .content(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0.5, 0.6]"))),
                        422,
                        "invalid-label")
                .andExpect(pointer("/y"));
        expectProblem(
                        mvc.perform(MockMvcRequestBuilders.post("/gradient")
                                .contentType(MediaType.APPLICATION_JSON)
                                .accept(MediaType.APPLICATION_PROBLEM_JSON)
                                .content(EXAMPLE_3)),
                        406,
                        "not-acceptable")
                .andExpect(jsonPath("$.detail", containsString("application/problem+json")));
    }

    // ---- 404, 405, 406, 413, 415

    @Test
    void answersUnknownPathsAndMethodsWithProblems() throws Exception {
        expectProblem(mvc.perform(get("/no-such-thing")), 404, "not-found");
        expectProblem(mvc.perform(get("/gradient")), 405, "method-not-allowed")
                .andExpect(header().string("Allow", "POST"));
    }

    @Test
    void rejectsABodyThatIsNotDeclaredJson() throws Exception {
        expectProblem(
                        mvc.perform(MockMvcRequestBuilders.post("/gradient")
                                .contentType(MediaType.TEXT_PLAIN)
                                .content(EXAMPLE_3)),
                        415,
                        "unsupported-media-type")
                .andExpect(jsonPath("$.detail", containsString("text/plain")));
        expectProblem(
                mvc.perform(MockMvcRequestBuilders.post("/gradient").content(EXAMPLE_3)),
                415,
                "unsupported-media-type");
    }

    @Test
    void answersNotAcceptableWhenTheClientTakesNoJson() throws Exception {
        expectProblem(
                mvc.perform(MockMvcRequestBuilders.post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.TEXT_PLAIN)
                        .content(EXAMPLE_3)),
                406,
                "not-acceptable");
    }

    @Test
    void rejectsABodyOverTheLimitBeforeReadingIt() throws Exception {
        String large = EXAMPLE_3.replace("\"x\": [1, 0, -1]", "\"x\": [1, 0, -1" + ", 0".repeat(2000) + "]");
        expectProblem(send(large), 413, "payload-too-large")
                .andExpect(jsonPath("$.detail", containsString("4096 bytes")));
    }

    // ---- 422

    @Test
    void rejectsAWrongNumberOfParameters() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("[-1, 0, 2, -1]", "[-1, 0, 2]")), 422, "parameter-count")
                .andExpect(pointer("/layers/2/parameters"))
                .andExpect(jsonPath("$.detail", containsString("takes 4 parameters")));
        expectProblem(send("""
                                {"layers": [{"type": "linear", "outputs": 2}, {"type": "linear", "outputs": 1}],
                                 "parameters": [1, 2, 3], "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                                """), 422, "parameter-count")
                .andExpect(pointer("/parameters"))
                .andExpect(jsonPath("$.detail", containsString("layer 2: 3, layer 1: 4")));
    }

    @Test
    void rejectsParametersInBothFormsNeitherFormOrOnALayerWithoutParameters() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("\"x\":", "\"parameters\": [1], \"x\":")), 422, "parameter-form")
                .andExpect(jsonPath("$.errors[*].pointer", contains("/parameters", "/layers/0/parameters")));
        expectProblem(send(EXAMPLE_3.replaceAll(", \"parameters\": \\[[^]]*]", "")), 422, "parameter-form")
                .andExpect(pointer("/parameters"));
        expectProblem(send(EXAMPLE_3.replace(", \"parameters\": [-1, 0, 2, -1]", "")), 422, "parameter-form")
                .andExpect(pointer("/layers/2"));
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "{\"type\": \"sigmoid\"}", "{\"type\": \"sigmoid\", \"parameters\": [1]}")),
                        422,
                        "parameter-form")
                .andExpect(pointer("/layers/1/parameters"));
    }

    @Test
    void rejectsSettingsThatDoNotApplyOrAreOutOfRange() throws Exception {
        expectProblem(
                        send(EXAMPLE_3.replace("{\"type\": \"sigmoid\"}", "{\"type\": \"sigmoid\", \"alpha\": 1}")),
                        422,
                        "invalid-setting")
                .andExpect(pointer("/layers/1/alpha"));
        expectProblem(send("""
                        {"layers": [{"type": "linear", "outputs": 0, "parameters": [1]}],
                         "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                        """), 422, "invalid-setting").andExpect(pointer("/layers/0/outputs"));
        expectProblem(send("""
                        {"layers": [{"type": "softplus", "beta": 0}],
                         "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                        """), 422, "invalid-setting").andExpect(pointer("/layers/0/beta"));
    }

    @Test
    void rejectsSamplesInBothFormsOrNeither() throws Exception {
        expectProblem(
                        send(EXAMPLE_3.replace("\"x\":", "\"samples\": [{\"x\": [1, 0, -1], \"y\": [0, 1]}], \"x\":")),
                        422,
                        "sample-form")
                .andExpect(jsonPath("$.errors[*].pointer", contains("/x", "/samples")));
        expectProblem(
                        send(EXAMPLE_3.replace("\"x\": [1, 0, -1], \"y\": [0, 1]", "\"reduction\": \"sum\"")),
                        422,
                        "sample-form")
                .andExpect(pointer("/x"));
        // an empty batch is no batch: clients generated from the contract send [] for an absent array
        expectProblem(
                        send(EXAMPLE_3.replace("\"x\": [1, 0, -1], \"y\": [0, 1]", "\"samples\": []")),
                        422,
                        "sample-form")
                .andExpect(pointer("/x"));
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "\"x\": [1, 0, -1], \"y\": [0, 1]",
                                "\"samples\": [{\"x\": [1, 0, -1], \"y\": [0, 1]}], \"y\": [0, 1]")),
                        422,
                        "sample-form")
                .andExpect(pointer("/y"));
    }

    @Test
    void rejectsVectorsWhoseLengthsDoNotFitTheNetwork() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0, 0, 1]")), 422, "shape-mismatch")
                .andExpect(pointer("/y"));
        expectProblem(
                        send(EXAMPLE_3.replace(
                                "\"x\": [1, 0, -1], \"y\": [0, 1]",
                                "\"samples\": [{\"x\": [1, 0, -1], \"y\": [0, 1]}, {\"x\": [1, 0], \"y\": [0, 1]}]")),
                        422,
                        "shape-mismatch")
                .andExpect(pointer("/samples/1/x"));
        expectProblem(
                        send("{\"layers\": [], \"loss\": {\"type\": \"squared_error\"}, \"x\": [1], \"y\": [1]}"),
                        422,
                        "shape-mismatch")
                .andExpect(pointer("/layers"));
        expectProblem(send(EXAMPLE_3.replace("[1, 0, -1]", "[]")), 422, "sample-form")
                .andExpect(pointer("/x"));
        // x is at fault, not the parameters, which are those of layer 1 on inputs of length 3
        expectProblem(send(EXAMPLE_3.replace("[1, 0, -1]", "[1, 0]")), 422, "shape-mismatch")
                .andExpect(jsonPath("$.errors[*].pointer", contains("/x", "/layers/0/parameters")))
                .andExpect(jsonPath("$.errors[0].detail", containsString("inputs of length 3")));
        expectProblem(send("""
                                {"layers": [{"type": "linear", "outputs": 2, "bias": false}, {"type": "softmax"}],
                                 "parameters": [0, 1, -1, 2, 0, 1], "loss": {"type": "cross_entropy"},
                                 "x": [1, 0, -1, 2], "y": [0, 1]}
                                """), 422, "shape-mismatch")
                .andExpect(jsonPath("$.errors[*].pointer", contains("/x", "/parameters")));
    }

    @Test
    void rejectsLabelsOutsideTheLossesDomain() throws Exception {
        expectProblem(send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [0.5, 0.6]")), 422, "invalid-label")
                .andExpect(pointer("/y"))
                .andExpect(jsonPath("$.detail", containsString("sums to 1.1")));
        expectProblem(send(EXAMPLE_3.replace("\"y\": [0, 1]", "\"y\": [-0.5, 1.5]")), 422, "invalid-label")
                .andExpect(pointer("/y/0"));
        expectProblem(send("""
                        {"layers": [{"type": "sigmoid"}], "loss": {"type": "binary_cross_entropy_logits"},
                         "samples": [{"x": [1], "y": [1]}, {"x": [1], "y": [2]}]}
                        """), 422, "invalid-label").andExpect(pointer("/samples/1/y/0"));
    }

    @Test
    void rejectsRequestsOverTheServersLimits() throws Exception {
        expectProblem(
                        send("{\"layers\": [" + "{\"type\": \"relu\"},".repeat(6) + "{\"type\": \"relu\"}],"
                                + " \"loss\": {\"type\": \"squared_error\"}, \"x\": [1], \"y\": [1]}"),
                        422,
                        "limit-exceeded")
                .andExpect(pointer("/layers"))
                .andExpect(jsonPath("$.detail", containsString("limit of 6")));
        expectProblem(send("""
                        {"layers": [{"type": "linear", "outputs": 9}], "parameters": [0],
                         "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                        """), 422, "limit-exceeded").andExpect(pointer("/layers/0/outputs"));
        expectProblem(send("""
                        {"layers": [{"type": "linear", "outputs": 8}, {"type": "linear", "outputs": 8}], "parameters": [0],
                         "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                        """), 422, "limit-exceeded").andExpect(pointer("/parameters"));
        expectProblem(send("""
                        {"layers": [{"type": "relu"}], "loss": {"type": "squared_error"},
                         "samples": [{"x": [1], "y": [1]}, {"x": [1], "y": [1]}, {"x": [1], "y": [1]}, {"x": [1], "y": [1]}]}
                        """), 422, "limit-exceeded").andExpect(pointer("/samples"));
    }

    @Test
    void namesTheLayerWhereTheComputationOverflows() throws Exception {
        expectProblem(send("""
                        {"layers": [{"type": "linear", "outputs": 1, "bias": false, "parameters": [1e300]},
                                    {"type": "linear", "outputs": 1, "bias": false, "parameters": [1e300]}],
                         "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                        """), 422, "non-finite-result")
                .andExpect(pointer("/layers/1"))
                .andExpect(jsonPath("$.detail", containsString("layer 2 (linear)")));
        expectProblem(send("""
                        {"layers": [{"type": "linear", "outputs": 1, "bias": false, "parameters": [1e200]}],
                         "loss": {"type": "squared_error"}, "x": [1], "y": [1]}
                        """), 422, "non-finite-result").andExpect(pointer("/loss"));
    }

    @Test
    void rejectsOutputsOutsideTheLossesDomain() throws Exception {
        expectProblem(send("""
                        {"layers": [{"type": "linear", "outputs": 2, "parameters": [1, 2, 3, 4]}],
                         "loss": {"type": "cross_entropy"}, "x": [1], "y": [0, 1]}
                        """), 422, "loss-domain")
                .andExpect(pointer("/loss"))
                .andExpect(jsonPath("$.detail", containsString("cross_entropy_logits")));
    }

    @Test
    void neverShowsAClassNameOrALibraryMessage() throws Exception {
        for (String body : new String[] {
            "{\"layers\": [{\"type\": \"linear\",", "[1]", "{\"x\": \"a\"}", "{\"layers\": [{\"typo\": 1}]}"
        }) {
            send(body)
                    .andExpect(content().string(not(containsString("Exception"))))
                    .andExpect(content().string(not(containsString("jackson"))))
                    .andExpect(content().string(not(containsString("dev.mmids"))))
                    .andExpect(content().string(not(containsString("java."))));
        }
    }

    ResultActions send(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    static ResultActions expectProblem(ResultActions result, int status, String kind) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + kind))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.instance").isString());
    }

    static org.springframework.test.web.servlet.ResultMatcher pointer(String pointer) {
        return jsonPath("$.errors[0].pointer").value(pointer);
    }
}
