package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.expectProblem;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The parser's limits and the compute deadline, each answered with a problem. */
@SpringBootTest(properties = "gradient.limits.compute-deadline=1ns")
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class HardeningTest {

    @Autowired
    MockMvc mvc;

    @Test
    void stopsAComputationPastTheDeadline() throws Exception {
        expectProblem(post(GradientEndpointTest.EXAMPLE_3), 503, "deadline-exceeded")
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail").value(containsString("gradient.limits.compute-deadline")));
    }

    @Test
    void rejectsANumberLongerThanAnyDouble() throws Exception {
        expectProblem(
                        post(GradientEndpointTest.EXAMPLE_3.replace(
                                "[1, 0, -1]", "[1, 0." + "1".repeat(100) + ", -1]")),
                        400,
                        "malformed-json")
                .andExpect(GradientEndpointTest.pointer("/x/1"))
                .andExpect(jsonPath("$.detail").value(containsString("longer than the 64 characters")));
    }

    @Test
    void rejectsAStringLongerThanAnyTypeName() throws Exception {
        expectProblem(
                        post(GradientEndpointTest.EXAMPLE_3.replace("\"sigmoid\"", "\"" + "s".repeat(5000) + "\"")),
                        400,
                        "malformed-json")
                .andExpect(jsonPath("$.detail").value(containsString("longer than the 1000 characters")));
    }

    @Test
    void rejectsDeepNesting() throws Exception {
        expectProblem(post("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400, "malformed-json");
    }

    private ResultActions post(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
