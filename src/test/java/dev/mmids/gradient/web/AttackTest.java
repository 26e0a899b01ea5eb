package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast cases of the adversarial suite, over real HTTP against Tomcat with few threads and short
 * timeouts: every attack gets its 4xx problem (or a closed connection, for bytes that never make a
 * request), and while the slow ones go on, an ordinary request and the liveness probe still answer within
 * two seconds. {@code bench/reliability/attack.py} runs the large and slow cases against the built jar with
 * the image's JVM flags.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gradient.limits.max-body-size=1MB",
            "gradient.admission.memory-budget=256MB",
            "gradient.admission.max-concurrent-computations=2",
            "gradient.admission.header-timeout=1s",
            "gradient.admission.transfer-timeout=1s",
            "gradient.admission.min-transfer-rate=64KB",
            "server.tomcat.connection-timeout=20s",
            "server.tomcat.threads.max=8",
            "server.tomcat.threads.min-spare=2"
        })
class AttackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROMPT = Duration.ofSeconds(2);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService attackers = Executors.newCachedThreadPool();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void stopAttackers() {
        attackers.shutdownNow();
    }

    // ---- slow clients

    @Test
    void slowBodiesHoldNoThreadAndGet408() throws Exception {
        List<Future<String>> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(attackers.submit(() -> trickle(
                    "POST /gradient HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n",
                    "{\"x\": [" + "0, ".repeat(200),
                    Duration.ofMillis(200))));
        }
        Thread.sleep(500);
        ordinaryRequestsAnswerPromptly();
        for (Future<String> answer : slow) {
            String raw = answer.get();
            assertThat(raw)
                    .startsWith("HTTP/1.1 408")
                    .contains("application/problem+json")
                    .contains("request-timeout");
        }
        ordinaryRequestsAnswerPromptly();
    }

    @Test
    void slowHeadersAreClosedAtTheHeaderTimeout() throws Exception {
        long start = System.nanoTime();
        List<Future<String>> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(attackers.submit(() -> trickle(
                    "", "GET /catalog HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200), Duration.ofMillis(200))));
        }
        Thread.sleep(500);
        ordinaryRequestsAnswerPromptly();
        for (Future<String> answer : slow) {
            assertThat(answer.get())
                    .as("a request whose headers never end is closed, unanswered")
                    .isEmpty();
        }
        // the header timeout (1 s), checked at the next byte (every 200 ms), not the 44 s the trickle takes
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void answersReadSlowlyHoldNoComputationSlot() throws Exception {
        // a Jacobian of 700 × 700 entries: about 10 MB of JSON, more than the socket buffers take; each is read
        // half a kilobyte at a time, often enough that no write waits long enough for Tomcat to give up
        String jacobian = "{\"layers\": [{\"type\": \"linear\", \"outputs\": 700, \"bias\": false, \"parameters\": ["
                + String.join(",", Collections.nCopies(700, "0.001")) + "]}, {\"type\": \"softmax\"}], \"x\": [1]}";
        List<Socket> unread = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Socket socket = new Socket("localhost", port);
            byte[] body = jacobian.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream()
                    .write(("POST /jacobian HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            unread.add(socket);
            attackers.submit(() -> {
                byte[] sip = new byte[512];
                while (socket.getInputStream().read(sip) > 0) {
                    Thread.sleep(300);
                }
                return null;
            });
        }
        Thread.sleep(3000);
        try {
            ordinaryRequestsAnswerPromptly();
        } finally {
            for (Socket socket : unread) {
                socket.close();
            }
        }
    }

    // ---- the body limit, however the body is framed

    @Test
    void countsTheBytesReadHoweverTheBodyIsFramed() throws Exception {
        String oversized = "{\"x\": [" + "0, ".repeat(400_000) + "0]}";
        for (String encoding : new String[] {"chunked", "chunked,", "CHUNKED", ",chunked"}) {
            String raw = exchange("POST /gradient HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: " + encoding + "\r\n\r\n" + chunked(oversized));
            assertProblem(raw, 413, "payload-too-large");
        }
        assertProblem(
                exchange("POST /gradient HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 50000000\r\n\r\n{"),
                413,
                "payload-too-large");
        ordinaryRequestsAnswerPromptly();
    }

    @Test
    void refusesFramingTomcatCannotTrust() throws Exception {
        assertThat(exchange("POST /gradient HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"))
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json");
        assertThat(exchange("POST /gradient HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 501");
    }

    @Test
    void refusesBodiesInEncodingsItDoesNotRead() throws Exception {
        HttpResponse<String> gzip = client.send(
                post("/gradient")
                        .header("Content-Encoding", "gzip")
                        .POST(body(GradientEndpointTest.EXAMPLE_3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(gzip, 415, "unsupported-media-type");
        assertThat(gzip.headers().firstValue("Accept-Encoding")).hasValue("identity");

        HttpResponse<String> utf16 = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/gradient"))
                        .header("Content-Type", "application/json; charset=utf-16")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                GradientEndpointTest.EXAMPLE_3, StandardCharsets.UTF_16))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(utf16, 415, "unsupported-media-type");
    }

    @Test
    void parsesNoFormOnAnyMethodOrPath() throws Exception {
        String form = "a=" + "b".repeat(2_000_000);
        for (String method : new String[] {"PUT", "PATCH", "DELETE", "POST"}) {
            for (String path : new String[] {"/gradient", "/catalog", "/anything"}) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .method(method, HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(413);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
        ordinaryRequestsAnswerPromptly();
    }

    @Test
    void holdsEveryEncodedFormOfAPathToTheSameRules() throws Exception {
        String oversized = "{\"x\": [" + "0, ".repeat(400_000) + "0]}";
        for (String path :
                new String[] {"/gradient", "/gradient;a=b", "//gradient", "/%67radient", "/gradient/", "/x/../gradient"
                }) {
            HttpResponse<String> large =
                    client.send(post(path).POST(body(oversized)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(large.statusCode()).as(path).isIn(400, 404, 413);
            assertThat(large.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");

            HttpResponse<String> ordinary = client.send(
                    post(path).POST(body(GradientEndpointTest.EXAMPLE_3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ordinary.statusCode()).as(path).isIn(200, 400, 404);
            if (ordinary.statusCode() != 200) {
                assertThat(ordinary.headers().firstValue("Content-Type"))
                        .as(path)
                        .hasValue("application/problem+json");
            }
        }
    }

    // ---- memory

    @Test
    void computesTheJacobianOfAWideParameterFreeLayerWithoutItsDenseBlock() throws Exception {
        String wide = "{\"layers\": [{\"type\": \"sigmoid\"}], \"x\": [" + "0, ".repeat(19_999) + "0]}";
        HttpResponse<String> answer =
                client.send(post("/jacobian").POST(body(wide)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode jacobian = JSON.readTree(answer.body());
        assertThat(jacobian.get("output").size()).isEqualTo(20_000);
        assertThat(jacobian.get("jacobian").get(0).size()).isZero();
    }

    @Test
    void refusesWhatCouldNeverFitWith4xxAndNoRetryAfter() throws Exception {
        // 1,000 wide softmax layers: activations of 1,000 × 40,000 numbers, 320 MB, more than the whole budget
        String layers = String.join(", ", Collections.nCopies(1000, "{\"type\": \"softmax\"}"));
        HttpResponse<String> computation = client.send(
                post("/forward")
                        .POST(body("{\"layers\": [" + layers + "], \"x\": [" + "0, ".repeat(39_999) + "0]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(computation, 422, "limit-exceeded");
        assertThat(computation.headers().firstValue("Retry-After")).isEmpty();
        assertThat(computation.body()).contains("gradient.admission.memory-budget");
        ordinaryRequestsAnswerPromptly();
    }

    // ---- helpers

    /** An ordinary request and the liveness probe answer, each within two seconds. */
    private void ordinaryRequestsAnswerPromptly() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> gradient = client.send(
                post("/gradient")
                        .timeout(PROMPT)
                        .POST(body(GradientEndpointTest.EXAMPLE_3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gradient.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);

        start = System.nanoTime();
        HttpResponse<String> liveness = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health/liveness"))
                        .timeout(PROMPT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    /**
     * Sends {@code head} at once, then {@code body} one byte every {@code pause}, until the server answers or
     * closes the connection; returns what it answered ("" when it closed without a word).
     */
    private String trickle(String head, String body, Duration pause) throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) pause.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (int k = 0; k < body.length(); k++) {
                try {
                    out.write(body.charAt(k));
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                try {
                    int n;
                    byte[] buffer = new byte[4096];
                    while ((n = in.read(buffer)) > 0) {
                        answer.write(buffer, 0, n);
                    }
                    if (n < 0) {
                        break;
                    }
                } catch (SocketTimeoutException nothingYet) {
                    if (answer.size() > 0) {
                        break;
                    }
                } catch (IOException reset) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection or 5 s pass. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedEarly) {
                // the server may answer and close before the whole request is sent
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException endOfAnswer) {
                // a reset after the answer, or the timeout
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String chunked(String body) {
        StringBuilder chunks = new StringBuilder();
        for (int at = 0; at < body.length(); at += 8192) {
            String chunk = body.substring(at, Math.min(body.length(), at + 8192));
            chunks.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private static void assertProblem(String raw, int status, String kind) {
        assertThat(raw)
                .startsWith("HTTP/1.1 " + status)
                .contains("application/problem+json")
                .contains(kind);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(GradientEndpointTest.PROBLEM + kind);
    }
}
