package dev.mmids.gradient.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The benchmarks' floors (gradient.bench.floor-endpoint=true) take a gradient request through the same
 * stack and answer a constant's worth: its size in bytes, or the fields of the tree it parses into.
 */
@SpringBootTest(properties = "gradient.bench.floor-endpoint=true")
@AutoConfigureMockMvc
class FloorEndpointsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theBytesFloorReadsTheBodyAndTheTreeFloorParsesIt() throws Exception {
        String body = GradientEndpointTest.EXAMPLE_3;
        mvc.perform(MockMvcRequestBuilders.post("/bench/floor")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bytes").value(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        mvc.perform(MockMvcRequestBuilders.post("/bench/floor/tree")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fields").value(4)); // layers, loss, x, y
        mvc.perform(MockMvcRequestBuilders.post("/bench/floor/tree")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"layers\": ["))
                .andExpect(status().isBadRequest());
    }
}
