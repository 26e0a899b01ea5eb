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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service against golden vectors computed by PyTorch in double precision
 * ({@code src/test/python/make_golden_vectors.py}): random networks of every layer and loss type,
 * depths 1 to 5, single samples and batches, both parameter forms, and the course's examples.
 */
@SpringBootTest
@AutoConfigureMockMvc
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
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/gradients.json")) {
            JsonNode golden = JSON.readTree(in);
            List<Named<JsonNode>> cases = new ArrayList<>();
            golden.get("cases").forEach(c -> cases.add(Named.of(c.get("name").asString(), c)));
            return cases.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientMatchesPyTorch(JsonNode golden) throws Exception {
        String body = mvc.perform(MockMvcRequestBuilders.post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(golden.get("request"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode actual = JSON.readTree(body);
        JsonNode expected = golden.get("expected");

        assertAgrees("loss", new double[] {actual.get("loss").asDouble()}, new double[] {
            expected.get("loss").asDouble()
        });
        assertAgrees("gradient", doubles(actual.get("gradient")), doubles(expected.get("gradient")));
        if (expected.has("output")) {
            assertAgrees("output", doubles(actual.get("output")), doubles(expected.get("output")));
        }
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
