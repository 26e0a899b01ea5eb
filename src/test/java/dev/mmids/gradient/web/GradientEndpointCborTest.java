package dev.mmids.gradient.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Every test of {@link GradientEndpointTest} once more, each request sent as CBOR: the same answers and the
 * same problems with the same pointers, because both formats are read by the same rules. The JSON text of
 * each request is copied token by token into CBOR (a repeated key stays repeated, 1e999 becomes Infinity);
 * text that is not JSON at all is sent as it is, which is not CBOR either. Where a test is about JSON's
 * own text, it is replaced by its CBOR counterpart.
 */
class GradientEndpointCborTest extends GradientEndpointTest {

    /** Reads bare NaN and Infinity too: CBOR carries them as the floats they are. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final CBORMapper CBOR = CBORMapper.builder().build();

    @Override
    ResultActions send(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                .contentType(MediaType.APPLICATION_CBOR)
                .accept(MediaType.APPLICATION_JSON)
                .content(cbor(body)));
    }

    /** The JSON text as CBOR, token by token; text that is not one JSON value, unchanged. */
    static byte[] cbor(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser parser = JSON.createParser(json);
                JsonGenerator generator = CBOR.createGenerator(out)) {
            if (parser.nextToken() == null) {
                return json.getBytes();
            }
            generator.copyCurrentStructure(parser);
            if (parser.nextToken() != null) {
                return json.getBytes();
            }
        } catch (JacksonException notJson) {
            return json.getBytes();
        }
        return out.toByteArray();
    }

    @Override
    @Test
    void rejectsABodyThatIsNotJson() throws Exception {
        byte[] whole = cbor(EXAMPLE_3);
        expectProblem(post(java.util.Arrays.copyOf(whole, whole.length / 2)), 400, "malformed-json");
        expectProblem(post(cbor("[1, 2]")), 400, "malformed-json");
        expectProblem(post(cbor("{\"x\": [1], \"x\": [2]}")), 400, "malformed-json")
                .andExpect(jsonPath("$.detail", containsString("repeats a key")));
        byte[] twice = new byte[2 * whole.length];
        System.arraycopy(whole, 0, twice, 0, whole.length);
        System.arraycopy(whole, 0, twice, whole.length, whole.length);
        expectProblem(post(twice), 400, "malformed-json");
    }

    @Override
    @Test
    void rejectsABodyOverTheLimitBeforeReadingIt() throws Exception {
        // CBOR takes one byte for a 0: twice as many zeros as in JSON for the same 4 KB
        String large = EXAMPLE_3.replace("\"x\": [1, 0, -1]", "\"x\": [1, 0, -1" + ", 0".repeat(4200) + "]");
        expectProblem(send(large), 413, "payload-too-large")
                .andExpect(jsonPath("$.detail", containsString("4096 bytes")));
    }

    private ResultActions post(byte[] body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                .contentType(MediaType.APPLICATION_CBOR)
                .content(body));
    }
}
