package dev.mmids.gradient.web;

import static org.hamcrest.Matchers.closeTo;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Null in every optional field, as openapi-generator's restclient sends it for a field set to null: the
 * same answer as without the field. Here without {@code ContractConformance}, whose validator reads a
 * nullable reference ({@code reduction}, {@code loss} on /forward) as excluding null.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NullFieldsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void readsNullAsAbsentInEveryOptionalField() throws Exception {
        post(
                        "/gradient",
                        GradientEndpointTest.EXAMPLE_3.replace(
                                "\"y\": [0, 1]",
                                "\"y\": [0, 1], \"reduction\": null, \"trace\": null, \"check\": null, \"parameters\": null,"
                                        + " \"samples\": null"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss", closeTo(0.2084319558, 1e-10), Double.class))
                .andExpect(jsonPath("$.reduction").value("mean"));
        post("/forward", """
                        {"layers": [{"type": "relu", "outputs": null, "bias": null, "parameters": null,
                                     "negativeSlope": null, "alpha": null, "beta": null, "threshold": null}],
                         "loss": null, "x": [1, -2], "y": null, "samples": null, "reduction": null}
                        """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.output[0]").value(1.0));
    }

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
