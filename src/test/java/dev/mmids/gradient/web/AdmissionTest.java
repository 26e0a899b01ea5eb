package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.expectProblem;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Admission control: a request that does not fit the memory budget or finds every slot busy gets 503. */
@SpringBootTest(
        properties = {
            "gradient.admission.memory-budget=64KB",
            "gradient.admission.max-concurrent-computations=1",
            "gradient.admission.queue-timeout=0ms",
            "gradient.admission.retry-after=3"
        })
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class AdmissionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Admission admission;

    @Test
    void refusesABodyThatWouldNotFitBeforeReadingIt() throws Exception {
        String large = GradientEndpointTest.EXAMPLE_3.replace(
                "\"x\": [1, 0, -1]", "\"x\": [1, 0, -1" + ", 0".repeat(20_000) + "]");

        expectProblem(post(large), 503, "overloaded")
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(jsonPath("$.detail").value(containsString("memory budget")));
    }

    @Test
    void refusesAComputationThatWouldNotFit() throws Exception {
        String wide = """
                {"layers": [{"type": "linear", "outputs": 4000, "bias": false, "parameters": [%s]}],
                 "loss": {"type": "squared_error"}, "x": [1], "y": [%s]}
                """.formatted(zeros(4000), zeros(4000));

        expectProblem(post(wide), 503, "overloaded")
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(jsonPath("$.detail").value(containsString("send a smaller request")));
    }

    @Test
    void refusesAComputationWhileEverySlotIsBusy() throws Exception {
        try (Admission.Reservation busy = admission.reservation()) {
            busy.computation();
            expectProblem(post(GradientEndpointTest.EXAMPLE_3), 503, "overloaded")
                    .andExpect(header().string("Retry-After", "3"))
                    .andExpect(jsonPath("$.detail").value(containsString("computations at once")));
        }
        post(GradientEndpointTest.EXAMPLE_3).andExpect(status().isOk());
    }

    @Test
    void takesASlotBeforeParsingAndOnlyForABody() throws Exception {
        try (Admission.Reservation busy = admission.reservation()) {
            busy.computation();
            // refused before its body is parsed: the 503, not the 400 the body deserves
            expectProblem(post("{\"x\": [1, 2"), 503, "overloaded");
            mvc.perform(MockMvcRequestBuilders.get("/catalog")).andExpect(status().isOk());
        }
        expectProblem(post("{\"x\": [1, 2"), 400, "malformed-json");
    }

    @Test
    void givesBackWhatARequestHeld() throws Exception {
        for (int i = 0; i < 50; i++) {
            post(GradientEndpointTest.EXAMPLE_3).andExpect(status().isOk());
        }
        try (Admission.Reservation all = admission.reservation()) {
            all.grow(60 * 1024);
            all.computation();
        }
    }

    @Test
    void givesBackTheParsersShareOnceTheBodyIsRead() {
        try (Admission.Reservation parsing = admission.reservation();
                Admission.Reservation next = admission.reservation()) {
            parsing.grow(60 * 1024);
            parsing.resize(10 * 1024);
            next.grow(50 * 1024);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> next.grow(8 * 1024))
                    .isInstanceOf(OverloadedException.class);
        }
    }

    private ResultActions post(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/gradient")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String zeros(int n) {
        return String.join(", ", Collections.nCopies(n, "0"));
    }
}
