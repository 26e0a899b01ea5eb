package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * application/cbor in and out: the same answers as JSON, number for number, and the same problems; RFC 8746
 * typed arrays of floats decoded exactly where numbers belong, and every other tag refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class CborTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CBORMapper CBOR = CBORMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void answersCborWithTheNumbersOfTheJsonAnswer() throws Exception {
        JsonNode request = JSON.readTree(GradientEndpointTest.EXAMPLE_3);

        byte[] cbor = post("/gradient", request);
        String json = mvc.perform(MockMvcRequestBuilders.post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsBytes(request)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        JsonNode fromCbor = CBOR.readTree(cbor);
        assertThat(fromCbor).isEqualTo(JSON.readTree(json));
        assertThat(fromCbor.get("loss").asDouble()).isEqualTo(0.20843195582579133);
    }

    @Test
    void answersTheJacobianAndTheForwardPassInCbor() throws Exception {
        ObjectNode jacobian = (ObjectNode) JSON.readTree(SeedEndpointsTest.EXAMPLE_5);
        jacobian.remove("loss");
        jacobian.remove("y");
        JsonNode answer = CBOR.readTree(post("/jacobian", jacobian));
        assertThat(answer.get("jacobian").get(1).get(4).asDouble()).isEqualTo(2.0);

        JsonNode forward = CBOR.readTree(post("/forward", JSON.readTree(SeedEndpointsTest.EXAMPLE_5)));
        assertThat(forward.get("loss").asDouble()).isEqualTo(0.5);
    }

    @Test
    void rejectsANanThatCborCanCarryWithAProblem() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(GradientEndpointTest.EXAMPLE_3);
        request.putArray("x").add(1.0).add(Double.NaN).add(-1.0);

        GradientEndpointTest.expectProblem(
                        mvc.perform(MockMvcRequestBuilders.post("/gradient")
                                .contentType(MediaType.APPLICATION_CBOR)
                                .content(CBOR.writeValueAsBytes(request))),
                        400,
                        "non-finite-number")
                .andExpect(GradientEndpointTest.pointer("/x/1"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "tag {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {81, 82, 85, 86})
    void decodesTypedArraysOfEveryWidthAndByteOrderExactly(int tag) throws Exception {
        JsonNode request = JSON.readTree(GradientEndpointTest.EXAMPLE_3);
        byte[] typed = TypedArrays.cbor(
                request,
                java.util.Map.of("/x", tag, "/y", tag, "/layers/0/parameters", tag, "/layers/2/parameters", tag));

        JsonNode answer = CBOR.readTree(post("/gradient", typed));

        assertThat(answer).isEqualTo(CBOR.readTree(post("/gradient", request)));
        assertThat(answer.get("loss").asDouble()).isEqualTo(0.20843195582579133);
    }

    @Test
    void decodesTheFloat64ArraysJavaScriptClientsSendBitForBit() throws Exception {
        double[] x = {0.1, -2.5e-300, Math.PI, -0.0, Double.MIN_VALUE, 1.7976931348623157e308};
        JsonNode request = JSON.readTree("""
                {"layers": [{"type": "relu"}], "x": [0, 0, 0, 0, 0, 0]}
                """);
        ((ObjectNode) request)
                .putArray("x")
                .addAll(java.util.Arrays.stream(x)
                        .mapToObj(JSON.getNodeFactory()::numberNode)
                        .toList());

        JsonNode answer = JSON.readTree(mvc.perform(MockMvcRequestBuilders.post("/forward")
                        .contentType(MediaType.APPLICATION_CBOR)
                        .content(TypedArrays.cbor(request, java.util.Map.of("/x", 86))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

        double[] expected = java.util.Arrays.stream(x).map(v -> Math.max(0, v)).toArray();
        for (int k = 0; k < x.length; k++) {
            assertThat(answer.get("output").get(k).asDouble()).isEqualTo(expected[k]);
        }
    }

    @Test
    void rejectsAByteStringWithoutATypedArrayTagWhereNumbersBelong() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(GradientEndpointTest.EXAMPLE_3);
        request.put("x", TypedArrays.encode(new double[] {1, 0, -1}, 82));

        GradientEndpointTest.expectProblem(postCbor(CBOR.writeValueAsBytes(request)), 400, "wrong-type")
                .andExpect(GradientEndpointTest.pointer("/x"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "tag {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {64, 72, 80, 84, 0, 2, 55799})
    void rejectsEveryOtherTagWithItsPointer(int tag) throws Exception {
        JsonNode request = JSON.readTree(GradientEndpointTest.EXAMPLE_3);
        byte[] tagged = TypedArrays.cbor(request, java.util.Map.of("/layers/2/parameters", tag));

        GradientEndpointTest.expectProblem(postCbor(tagged), 400, "wrong-type")
                .andExpect(GradientEndpointTest.pointer("/layers/2/parameters"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("tag " + tag)));
    }

    @Test
    void rejectsARunOfTagsAtItsFirstTag() throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(0xA1); // a map of one pair
        body.write(0x61); // a text string of one byte
        body.write('x');
        for (int k = 0; k < 600_000; k++) {
            body.write(0xC6); // tag 6
        }
        body.write(0x80); // an empty array

        GradientEndpointTest.expectProblem(postCbor(body.toByteArray()), 400, "wrong-type")
                .andExpect(GradientEndpointTest.pointer("/x"));
    }

    @Test
    void rejectsATypedArrayThatIsNotAWholeNumberOfElements() throws Exception {
        GradientEndpointTest.expectProblem(postCbor(TypedArrays.cbor("x", 86, new byte[23])), 400, "wrong-type")
                .andExpect(GradientEndpointTest.pointer("/x"));
    }

    private ResultActions postCbor(byte[] body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                .contentType(MediaType.APPLICATION_CBOR)
                .content(body));
    }

    private byte[] post(String path, byte[] cbor) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_CBOR)
                        .accept(MediaType.APPLICATION_CBOR)
                        .content(cbor))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_CBOR))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    private byte[] post(String path, JsonNode request) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_CBOR)
                        .accept(MediaType.APPLICATION_CBOR)
                        .content(CBOR.writeValueAsBytes(request)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_CBOR))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }
}
