package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GoldenVectorsTest.assertAgrees;
import static dev.mmids.gradient.web.GoldenVectorsTest.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /descent} against {@code torch.optim} in double precision ({@code
 * src/test/python/make_golden_vectors.py}, {@code golden/descent.json}): SGD with and without momentum and
 * Adam with its defaults and with other settings, full and partial batches, several epochs, every loss, both
 * orders. The trained parameters and every epoch's loss within 1e-9 relative, the steps exactly.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class DescentGoldenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static Stream<Named<JsonNode>> cases() throws IOException {
        return GoldenVectorsTest.cases("/golden/descent.json");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void trainsAsTorchOptimDoes(JsonNode golden) throws Exception {
        String body = mvc.perform(MockMvcRequestBuilders.post("/descent")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(golden.get("request"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode actual = JSON.readTree(body);
        JsonNode expected = golden.get("expected");
        assertAgrees("parameters", doubles(actual.get("parameters")), doubles(expected.get("parameters")));
        assertThat(actual.get("steps").asLong()).isEqualTo(expected.get("steps").asLong());
        JsonNode history = actual.get("history");
        assertThat(history.size()).isEqualTo(expected.get("history").size());
        double[] losses = new double[history.size()];
        for (int e = 0; e < losses.length; e++) {
            assertThat(history.get(e).get("epoch").asInt()).isEqualTo(e + 1);
            losses[e] = history.get(e).get("loss").asDouble();
        }
        assertAgrees("history's losses", losses, doubles(expected.get("history")));
    }
}
