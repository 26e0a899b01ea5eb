package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

/**
 * What operations rely on: the probes and metrics on a port of their own, nothing else of Actuator, and
 * a graceful shutdown longer than a computation may run.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "gradient.limits.max-body-size=4KB"})
class OperationsTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ServerProperties server;

    @Value("${spring.lifecycle.timeout-per-shutdown-phase}")
    Duration shutdownGrace;

    @Value("${gradient.limits.compute-deadline}")
    Duration computeDeadline;

    @Test
    void answersTheLivenessAndReadinessProbesOnTheManagementPortOnly() throws Exception {
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> answer = get(managementPort, probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"UP\"");

            HttpResponse<String> onTheApi = get(port, probe);
            assertThat(onTheApi.statusCode()).as(probe + " on the API's port").isEqualTo(404);
            assertThat(onTheApi.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void tellsTheBuildsVersionAndWhatComputesTheProducts() throws Exception {
        String info = get(managementPort, "/actuator/info").body();
        assertThat(info).contains("\"artifact\":\"gradient-service\"").contains("\"matrixProducts\"");
    }

    @Test
    void countsGradientsParametersProblemsAndRefusalsAndTimesRequests() throws Exception {
        assertThat(post("""
                        {"layers": [{"type": "linear", "outputs": 1, "parameters": [0.5, -1, 0.25]}],
                         "loss": {"type": "squared_error"}, "x": [1, 2], "y": [3]}
                        """).statusCode()).isEqualTo(200);
        assertThat(post("{\"layers\": [{\"type\": \"x\"}], \"loss\": {\"type\": \"squared_error\"}}")
                        .statusCode())
                .isEqualTo(400);
        // refused by the body filter before Spring MVC: still timed and counted
        assertThat(post("{\"x\": [" + "0, ".repeat(3000) + "0]}").statusCode()).isEqualTo(413);

        String metrics = get(managementPort, "/actuator/prometheus").body();
        assertThat(metrics)
                .contains("gradient_computations_total{application=\"gradient-service\",endpoint=\"gradient\"}")
                .contains("gradient_parameters_total{application=\"gradient-service\",endpoint=\"gradient\"}")
                .contains("gradient_samples_total{application=\"gradient-service\",endpoint=\"gradient\"}")
                .contains(
                        "gradient_problems_total{application=\"gradient-service\",status=\"400\",type=\"unknown-type\"}")
                .contains(
                        "gradient_problems_total{application=\"gradient-service\",status=\"413\",type=\"payload-too-large\"}")
                .contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"413\"[^}]*uri=\"/gradient\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/gradient\"");
    }

    @Test
    void exposesNothingElseOfActuator() throws Exception {
        String links = get(managementPort, "/actuator").body();
        assertThat(links)
                .contains("\"health\"")
                .contains("\"info\"")
                .contains("\"prometheus\"")
                .doesNotContain("\"env\"");
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
            assertThat(get(managementPort, path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> shutdown = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/shutdown"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shutdown.statusCode()).isIn(404, 405);
    }

    @Test
    void shutsDownGracefullyGivingAComputationInFlightTimeToFinish() {
        assertThat(server.getShutdown()).isEqualTo(Shutdown.GRACEFUL);
        assertThat(shutdownGrace).isGreaterThan(computeDeadline);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/gradient"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
