package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The application over real HTTP on a random port: Tomcat, the filters and the error pages included. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gradient.limits.max-body-size=16KB")
class ApplicationHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void computesTheCoursesExampleOverHttp() throws Exception {
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(GradientEndpointTest.EXAMPLE_3));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("loss").asDouble()).isCloseTo(0.2084319558, org.assertj.core.data.Offset.offset(1e-10));
        assertThat(body.get("gradient").size()).isEqualTo(10);
    }

    @Test
    void rejectsADeclaredOversizedBodyWith413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(oversized()));

        assertProblem(response, 413, "payload-too-large");
        assertThat(response.body()).contains("16384 bytes");
    }

    @Test
    void rejectsAChunkedOversizedBodyWith413() throws Exception {
        byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response =
                send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void answersUnknownPathsWithAProblem() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/nothing/here"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 404, "not-found");
    }

    @Test
    void answersARequestTomcatCannotParseWithAProblem() throws Exception {
        String raw = rawRequest("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("Content-Type: application/problem+json");
        assertThat(raw).contains(GradientEndpointTest.PROBLEM + "bad-request");
        assertThat(raw).doesNotContain("Tomcat").doesNotContain("<html");
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/gradient"))
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String oversized() {
        return GradientEndpointTest.EXAMPLE_3.replace(
                "\"x\": [1, 0, -1]", "\"x\": [1, 0, -1" + ", 0".repeat(10_000) + "]");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(GradientEndpointTest.PROBLEM + kind);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
