package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GoldenVectorsTest.assertAgrees;
import static dev.mmids.gradient.web.GoldenVectorsTest.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.util.Map;
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
 * The additions of v1.1 against PyTorch in double precision ({@code src/test/python/make_golden_vectors.py},
 * {@code golden/additions.json}): the gradient and the Jacobian in PyTorch's parameter order, checked against
 * {@code parameters_to_vector}; class-index labels against one-hot targets; {@code "reduction": "none"} against
 * a per-sample loop of {@code torch.autograd.grad}; {@code /vjp} and {@code /jvp} against {@code
 * torch.autograd.functional.vjp} and {@code jvp}. Every layer and loss type, single samples and batches.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class AdditionsGoldenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static Stream<Named<JsonNode>> cases() throws IOException {
        return GoldenVectorsTest.cases("/golden/additions.json");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void agreesWithPyTorch(JsonNode golden) throws Exception {
        String body = mvc.perform(
                        MockMvcRequestBuilders.post(golden.get("endpoint").asString())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(JSON.writeValueAsString(golden.get("request"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode actual = JSON.readTree(body);
        for (Map.Entry<String, JsonNode> field : golden.get("expected").properties()) {
            String name = field.getKey();
            JsonNode expected = field.getValue();
            assertThat(actual.has(name)).as("the answer has %s", name).isTrue();
            if (expected.isNumber()) {
                assertAgrees(name, new double[] {actual.get(name).asDouble()}, new double[] {expected.asDouble()});
            } else if (expected.size() > 0 && expected.get(0).isArray()) {
                assertThat(actual.get(name).size()).as(name).isEqualTo(expected.size());
                for (int s = 0; s < expected.size(); s++) {
                    assertAgrees(name + "[" + s + "]", doubles(actual.get(name).get(s)), doubles(expected.get(s)));
                }
            } else {
                assertAgrees(name, doubles(actual.get(name)), doubles(expected));
            }
        }
    }
}
