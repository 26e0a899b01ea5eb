package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /descent} streamed as Server-Sent Events over real HTTP, with one computation slot: the
 * events and their order, the result equal to the answer without the stream, a problem that arises in
 * the middle of the stream, the run's deadline, and a client that disconnects, whose run stops and
 * whose slot is free for the next request at once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gradient.admission.max-concurrent-computations=1",
            "gradient.limits.descent-deadline=3s"
        })
class DescentStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Example 3's network, two samples, plain SGD. */
    static final String RUN = """
            {"layers": [{"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
                        {"type": "sigmoid"},
                        {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]},
                        {"type": "softmax"}],
             "loss": {"type": "cross_entropy"},
             "samples": [{"x": [1, 0, -1], "label": 1}, {"x": [0, 1, 1], "label": 0}],
             "optimizer": {"type": "sgd", "learningRate": 0.5}, "epochs": %d}
            """;

    /** Least squares with a step far too large: w grows by a factor of about 200 each step, then overflows. */
    static final String DIVERGING = """
            {"layers": [{"type": "linear", "outputs": 1, "parameters": [1, 0]}], "loss": {"type": "squared_error"},
             "samples": [{"x": [10], "y": [0]}], "optimizer": {"type": "sgd", "learningRate": 1}, "epochs": 1000}""";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    record Event(String name, JsonNode data) {}

    @Test
    void streamsAProgressEventPerEpochThenTheAnswer() throws Exception {
        List<Event> events = stream(RUN.formatted(5));
        assertThat(events)
                .extracting(Event::name)
                .containsExactly("progress", "progress", "progress", "progress", "progress", "result");
        for (int e = 0; e < 5; e++) {
            JsonNode progress = events.get(e).data();
            assertThat(progress.get("epoch").asInt()).isEqualTo(e + 1);
            assertThat(progress.get("steps").asLong()).isEqualTo(e + 1);
            assertThat(progress.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        }
        HttpResponse<String> plain = post(RUN.formatted(5), "application/json");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(events.get(5).data()).isEqualTo(JSON.readTree(plain.body()));
        assertThat(events.get(4).data().get("loss"))
                .isEqualTo(JSON.readTree(plain.body()).get("history").get(4).get("loss"));
    }

    @Test
    void aRunThatDivergesInTheStreamEndsWithAProblemEvent() throws Exception {
        List<Event> events = stream(DIVERGING);
        assertThat(events.get(0).name()).isEqualTo("progress");
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("problem");
        assertThat(last.data().get("type").asString()).endsWith("/non-finite-result");
        assertThat(last.data().get("detail").asString()).contains("epoch").contains("step");
        assertThat(last.data().get("errors").get(0).get("pointer").asString()).isEqualTo("/optimizer/learningRate");
    }

    @Test
    void aRunPastItsDeadlineIs503WithoutTheStreamAndAProblemEventInIt() throws Exception {
        String endless = RUN.formatted(100_000_000);
        HttpResponse<String> plain = post(endless, "application/json");
        assertThat(plain.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(plain.body()).get("detail").asString()).contains("descent-deadline");
        List<Event> events = stream(endless);
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("problem");
        assertThat(last.data().get("type").asString()).endsWith("/deadline-exceeded");
    }

    @Test
    void aClientThatDisconnectsStopsTheRunAndFreesItsSlot() throws Exception {
        double before = disconnected();
        String body = RUN.formatted(100_000_000);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /descent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Accept: text/event-stream\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("event: progress")) {
                // the status line and headers
            }
            assertThat(line).isEqualTo("event: progress");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (disconnected() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(disconnected()).as("runs ended by a disconnect").isEqualTo(before + 1);
        // the only computation slot is free: a request is answered at once, not after admission's wait
        long start = System.nanoTime();
        HttpResponse<String> next = post(RUN.formatted(1), "application/json");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aClientThatDisconnectsInTheMiddleOfALongEpochIsNoticedWithinASecond() throws Exception {
        // one epoch of 1,000 steps on a 1000 × 1000 layer: seconds before its first progress event
        String zeros = "[" + "0,".repeat(999) + "0]";
        String sample = "{\"x\": " + zeros + ", \"y\": " + zeros + "}";
        String body = "{\"layers\": [{\"type\": \"linear\", \"outputs\": 1000, \"bias\": false, \"parameters\": ["
                + "0,".repeat(999_999) + "0]}], \"loss\": {\"type\": \"squared_error\"}, \"samples\": ["
                + (sample + ",").repeat(999) + sample
                + "], \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}, \"epochs\": 1, \"batchSize\": 1}";
        double before = disconnected();
        try (Socket socket = new Socket("localhost", port)) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /descent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Accept: text/event-stream\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 ");
        }
        long closed = System.nanoTime();
        long deadline = closed + Duration.ofSeconds(3).toNanos();
        while (disconnected() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(disconnected())
                .as("runs ended by a disconnect, not by their deadline")
                .isEqualTo(before + 1);
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofMillis(2500));
    }

    private double disconnected() {
        var counter = registry.find("gradient.descent.runs")
                .tag("outcome", "disconnected")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> post(String body, String accept) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/descent"))
                        .header("Content-Type", "application/json")
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The events of a stream, read to its end. */
    private List<Event> stream(String body) throws Exception {
        HttpResponse<String> response = post(body, "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                events.add(new Event(name, JSON.readTree(line.substring("data: ".length()))));
            }
        }
        return events;
    }
}
