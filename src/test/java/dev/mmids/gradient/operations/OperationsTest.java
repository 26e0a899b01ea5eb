package dev.mmids.gradient.operations;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** What operations rely on: the probes, the metrics, graceful shutdown, and nothing else of Actuator. */
@SpringBootTest
@AutoConfigureMockMvc
class OperationsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ServerProperties server;

    @Test
    void answersTheLivenessAndReadinessProbes() throws Exception {
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            mvc.perform(get(probe))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"));
        }
    }

    @Test
    void tellsTheBuildsVersionAndWhatComputesTheProducts() throws Exception {
        mvc.perform(get("/actuator/info"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.build.artifact").value("gradient-service"))
                .andExpect(jsonPath("$.build.version").isString())
                .andExpect(jsonPath("$.engine.matrixProducts").isString());
    }

    @Test
    void countsGradientsParametersAndProblemsByTypeAndTimesRequests() throws Exception {
        mvc.perform(post("/gradient").contentType(MediaType.APPLICATION_JSON).content("""
                                {"layers": [{"type": "linear", "outputs": 1, "parameters": [0.5, -1, 0.25]}],
                                 "loss": {"type": "squared_error"}, "x": [1, 2], "y": [3]}
                                """))
                .andExpect(status().isOk());
        mvc.perform(post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"layers\": [{\"type\": \"x\"}], \"loss\": {\"type\": \"squared_error\"}}"))
                .andExpect(status().isBadRequest());

        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString(
                                "gradient_computations_total{application=\"gradient-service\",endpoint=\"gradient\"}")))
                .andExpect(content()
                        .string(containsString(
                                "gradient_parameters_total{application=\"gradient-service\",endpoint=\"gradient\"}")))
                .andExpect(content()
                        .string(containsString(
                                "gradient_samples_total{application=\"gradient-service\",endpoint=\"gradient\"}")))
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "gradient_problems_total{application=\"gradient-service\",status=\"400\",type=\"unknown-type\"}")))
                .andExpect(content().string(containsString("http_server_requests_seconds_bucket{")))
                .andExpect(content().string(containsString("uri=\"/gradient\"")));
    }

    @Test
    void exposesNothingElseOfActuator() throws Exception {
        mvc.perform(get("/actuator"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$._links.health").exists())
                .andExpect(jsonPath("$._links.info").exists())
                .andExpect(jsonPath("$._links.prometheus").exists())
                .andExpect(content().string(not(containsString("\"env\""))));
        for (String path : new String[] {
            "/actuator/env",
            "/actuator/beans",
            "/actuator/configprops",
            "/actuator/metrics",
            "/actuator/loggers",
            "/actuator/heapdump",
            "/actuator/threaddump",
            "/actuator/mappings",
            "/actuator/conditions",
            "/actuator/scheduledtasks"
        }) {
            mvc.perform(get(path))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(post("/actuator/shutdown")).andExpect(status().isNotFound());
    }

    @Test
    void shutsDownGracefully() {
        org.assertj.core.api.Assertions.assertThat(server.getShutdown()).isEqualTo(Shutdown.GRACEFUL);
    }
}
