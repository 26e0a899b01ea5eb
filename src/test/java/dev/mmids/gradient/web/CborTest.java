package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/** application/cbor in and out: the same answers as JSON, number for number, and the same problems. */
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
