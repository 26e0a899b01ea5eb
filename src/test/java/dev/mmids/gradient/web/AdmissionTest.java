package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.expectProblem;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mmids.gradient.web.admission.Admission;
import dev.mmids.gradient.web.problem.LimitExceededProblem;
import dev.mmids.gradient.web.problem.OverloadedProblem;
import dev.mmids.gradient.web.problem.PayloadTooLargeProblem;
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

/**
 * Admission control: a request that finds no room now (every slot busy, the memory budget taken) gets
 * 503 with Retry-After; a request that could never fit the budget gets a 4xx that says so.
 */
@SpringBootTest(
        properties = {
            "gradient.admission.memory-budget=128KB",
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
    void refusesABodyThatCouldNeverFitWith413() throws Exception {
        String large = GradientEndpointTest.EXAMPLE_3.replace(
                "\"x\": [1, 0, -1]", "\"x\": [1, 0, -1" + ", 0".repeat(40_000) + "]");

        expectProblem(post(large), 413, "payload-too-large")
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.detail").value(containsString("gradient.admission.memory-budget")));
    }

    @Test
    void refusesAComputationThatCouldNeverFitWith422() throws Exception {
        // a small body (3 KB) whose forward pass takes 240 KB
        String wide = """
                {"layers": [%s], "x": [%s]}
                """.formatted(String.join(", ", Collections.nCopies(30, "{\"type\": \"sigmoid\"}")), zeros(1000));

        expectProblem(
                        mvc.perform(MockMvcRequestBuilders.post("/forward")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(wide)),
                        422,
                        "limit-exceeded")
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.detail").value(containsString("gradient.admission.memory-budget")));
    }

    @Test
    void refusesMemoryThatIsTakenNowWith503AndMemoryThatIsNotThereWith4xx() {
        try (Admission.Reservation holding = admission.reservation();
                Admission.Reservation next = admission.reservation()) {
            holding.grow(120 * 1024, Admission.Need.COMPUTATION, false);
            assertThatThrownBy(() -> next.grow(16 * 1024, Admission.Need.COMPUTATION, false))
                    .isInstanceOf(OverloadedProblem.class);
            assertThatThrownBy(() -> next.grow(130 * 1024, Admission.Need.COMPUTATION, false))
                    .isInstanceOf(LimitExceededProblem.class);
            assertThatThrownBy(() -> next.grow(130 * 1024, Admission.Need.BODY, false))
                    .isInstanceOf(PayloadTooLargeProblem.class);
        }
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
            all.grow(120 * 1024, Admission.Need.COMPUTATION, false);
            all.computation();
        }
    }

    @Test
    void givesBackWhatItNoLongerNeeds() {
        try (Admission.Reservation parsing = admission.reservation();
                Admission.Reservation next = admission.reservation()) {
            parsing.grow(120 * 1024, Admission.Need.BODY, false);
            parsing.shrinkTo(20 * 1024);
            next.grow(100 * 1024, Admission.Need.COMPUTATION, false);
            assertThatThrownBy(() -> next.grow(16 * 1024, Admission.Need.COMPUTATION, false))
                    .isInstanceOf(OverloadedProblem.class);
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
