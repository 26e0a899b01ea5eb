package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mmids.gradient.web.problem.ProblemKind;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of the whole request path (bytes, JSON or CBOR, binding, the checks, the
 * engine, the answer) with Jazzer. The first byte picks the endpoint and the format, the rest is the
 * body. Whatever the bytes, the answer must be a 2xx with finite numbers or a problem that is not a
 * 5xx (503 only as admission control's), and it must conform to openapi.yaml (ContractConformance).
 *
 * <p>The normal test run replays the corpus in {@code RequestFuzzTestInputs}, in a JVM of its own
 * (surefire's execution {@code fuzz-corpus}). To fuzz for as long as asked:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=30m ./mvnw test-compile surefire:test@fuzz-corpus}; a finding
 * is written to the inputs directory, where it becomes a regression test.
 */
@SpringBootTest(properties = {"gradient.limits.max-body-size=256KB", "logging.level.root=warn"})
@AutoConfigureMockMvc(print = MockMvcPrint.NONE) // printing on failure keeps every request's lines until the end
@Import(ContractConformance.class)
class RequestFuzzTest {

    private static final String[] ENDPOINTS = {"/gradient", "/jacobian", "/forward"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @FuzzTest(maxDuration = "5m")
    void answersEveryBodyWithNumbersOrAProblem(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xff;
        String endpoint = ENDPOINTS[selector % ENDPOINTS.length];
        MediaType type = (selector & 0x80) != 0 ? MediaType.APPLICATION_CBOR : MediaType.APPLICATION_JSON;
        byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);

        MockHttpServletResponse response = mvc.perform(
                        MockMvcRequestBuilders.post(endpoint).contentType(type).content(body))
                .andReturn()
                .getResponse();

        int status = response.getStatus();
        String answer = response.getContentAsString(StandardCharsets.UTF_8);
        if (status / 100 == 2) {
            if (type.equals(MediaType.APPLICATION_JSON)) {
                assertFinite(JSON.readTree(answer), answer);
            }
        } else {
            assertThat(response.getContentType()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer);
            assertThat(status).as(answer).isLessThan(500).isNotEqualTo(0);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("type").asString()).startsWith(ProblemKind.TYPE_PREFIX);
        }
    }

    private static void assertFinite(JsonNode node, String answer) {
        if (node.isNumber()) {
            assertThat(Double.isFinite(node.asDouble())).as(answer).isTrue();
        } else if (node.isString()) {
            assertThat(node.asString()).as(answer).isNotIn("NaN", "Infinity", "-Infinity");
        }
        node.forEach(child -> assertFinite(child, answer));
    }
}
