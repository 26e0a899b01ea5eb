package dev.mmids.gradient.web.server;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Sends the service its own requests before readiness turns UP, so that the JIT compiles the paths real
 * requests take before any arrives: every endpoint, answers and problems, small networks and a training
 * batch, over HTTP through the whole stack, from one thread per core. Spring Boot reports the application
 * ready (the readiness probe UP) only once the runners have returned. Off (0s) by default. A request that
 * fails (no answer within 10 s) ends the warm-up early, with a warning, and the service reports ready
 * without the rest of it: it works unwarmed, only slower at first.
 *
 * <p>The warm-up ends when the JIT has settled: when, over the last second, it compiled for less than
 * {@code gradient.warm-up.settled-below} (the JVM's total compilation time, all compiler threads), and at
 * the latest after {@code gradient.warm-up.duration}. A fixed time is either too short, and the first
 * real requests share the cores with a compiler still at work (BENCHMARKS.md measures it), or longer than
 * needed. Where the JVM does not report compilation time, or with {@code settled-below} 0, the warm-up runs
 * for the whole duration.
 *
 * <p>With {@code gradient.warm-up.exit=true} the application exits once warmed up: a training run, which the
 * container image's build uses to make the JVM's AOT cache ({@code -XX:AOTCacheOutput}), written as the JVM
 * exits, with the classes and profiles of every endpoint.
 */
@Component
class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private static final String COURSE = """
            "layers": [{"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
                       {"type": "sigmoid"},
                       {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]},
                       {"type": "softmax"}]""";

    private static final String LINEAR = """
            "layers": [{"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
                       {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]}],
             "x": [1, 0, -1]""";

    /** The requests of every endpoint, as clients send them, small and of a training batch's size; one is a problem. */
    static final List<String[]> REQUESTS = List.of(
            new String[] {
                "/gradient",
                "{" + COURSE + ", \"loss\": {\"type\": \"cross_entropy\"}, \"x\": [1, 0, -1], \"y\": [0, 1]}"
            },
            new String[] {
                "/gradient",
                "{" + COURSE
                        + ", \"loss\": {\"type\": \"cross_entropy\"}, \"reduction\": \"none\", \"order\": \"first-layer-first\","
                        + " \"samples\": [{\"x\": [1, 0, -1], \"label\": 1}, {\"x\": [0, 1, 1], \"y\": [1, 0]}]}"
            },
            new String[] {
                "/gradient",
                "{" + COURSE
                        + ", \"loss\": {\"type\": \"cross_entropy\"}, \"x\": [1, 0, -1], \"y\": [0, 1], \"trace\": true,"
                        + " \"check\": true}"
            },
            new String[] {"/forward", "{" + COURSE + ", \"samples\": [{\"x\": [1, 0, -1]}, {\"x\": [0, 1, 1]}]}"},
            new String[] {"/jacobian", "{" + COURSE + ", \"x\": [1, 0, -1]}"},
            new String[] {"/vjp", "{" + LINEAR + ", \"cotangent\": [1, 0]}"},
            new String[] {"/jvp", "{" + LINEAR + ", \"tangent\": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]}"},
            new String[] {
                "/descent",
                "{" + COURSE
                        + ", \"loss\": {\"type\": \"cross_entropy\"}, \"samples\": [{\"x\": [1, 0, -1], \"label\": 1}],"
                        + " \"optimizer\": {\"type\": \"adam\"}, \"epochs\": 3}"
            },
            new String[] {"/gradient", "{" + COURSE + ", \"loss\": {\"type\": \"cross_entropy\"}, \"x\": [1, 0]}"},
            new String[] {"/gradient", batch()});

    /**
     * A training step's request of the size clients send: a batch of 64 samples of 64 inputs through a
     * 64-32-10 network with a ReLU, whose products run in BLAS (a small network's run in plain loops),
     * with labels and cross-entropy on the logits. Its numbers are fixed, for the same warm-up every time.
     */
    private static String batch() {
        SplittableRandom random = new SplittableRandom(17);
        StringBuilder json =
                new StringBuilder("{\"layers\": [{\"type\": \"linear\", \"outputs\": 32}, {\"type\": \"relu\"},"
                        + " {\"type\": \"linear\", \"outputs\": 10}], \"loss\": {\"type\": \"cross_entropy_logits\"},"
                        + " \"parameters\": [");
        for (int i = 0; i < 10 * 32 + 10 + 32 * 64 + 32; i++) {
            json.append(i == 0 ? "" : ", ").append(random.nextDouble(-0.125, 0.125));
        }
        json.append("], \"samples\": [");
        for (int k = 0; k < 64; k++) {
            json.append(k == 0 ? "{\"x\": [" : ", {\"x\": [");
            for (int i = 0; i < 64; i++) {
                json.append(i == 0 ? "" : ", ").append(random.nextDouble());
            }
            json.append("], \"label\": ").append(random.nextInt(10)).append('}');
        }
        return json.append("]}").toString();
    }

    /** Sends one request of the warm-up to the service's port and waits for its answer. */
    @FunctionalInterface
    interface Sender {
        void send(int port, String path, String body) throws Exception;
    }

    private final ApplicationContext context;
    private final Duration duration;
    private final Duration settledBelow;
    private final boolean exit;
    private final Sender sender;

    @Autowired
    WarmUp(
            ApplicationContext context,
            @Value("${gradient.warm-up.duration:0s}") Duration duration,
            @Value("${gradient.warm-up.settled-below:100ms}") Duration settledBelow,
            @Value("${gradient.warm-up.exit:false}") boolean exit) {
        this(context, duration, settledBelow, exit, overHttp());
    }

    WarmUp(ApplicationContext context, Duration duration, Duration settledBelow, boolean exit, Sender sender) {
        this.context = context;
        this.duration = duration;
        this.settledBelow = settledBelow;
        this.exit = exit;
        this.sender = sender;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        if (duration.isZero() || duration.isNegative() || !(context instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        if (port <= 0) {
            return;
        }
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        String ended;
        List<Long> compiledPerSecond = new ArrayList<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(senders.submit(() -> {
                    while (!stop.get()) {
                        for (String[] request : REQUESTS) {
                            sender.send(port, request[0], request[1]);
                            sent.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            ended = waitUntilSettled(end, running, compiledPerSecond);
            stop.set(true);
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException failed) {
            if (exit) {
                throw failed; // a training run that fails must fail the image's build
            }
            // the service works without the warm-up, only slower at first: it goes on to report ready
            log.warn(
                    "The warm-up stopped at a request that failed: {}",
                    failed.getCause().toString());
            ended = "stopped by a request that failed";
        } finally {
            stop.set(true);
            senders.shutdownNow();
        }
        log.info(
                "Warmed up with {} requests in {} ms, {}; the JIT's milliseconds per second: {}",
                sent.get(),
                (System.nanoTime() - start) / 1_000_000,
                ended,
                compiledPerSecond);
        if (exit) {
            log.info("Exiting after the warm-up (gradient.warm-up.exit)");
            System.exit(SpringApplication.exit(context));
        }
    }

    /**
     * Waits, a second at a time, until the JIT compiled for less than {@code settledBelow} over the last
     * second, or the end, or a sender's failure; says which.
     */
    private String waitUntilSettled(long end, List<Future<?>> running, List<Long> compiledPerSecond) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watch = settledBelow.toMillis() > 0 && jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiled = watch ? jit.getTotalCompilationTime() : 0;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return "at the end of gradient.warm-up.duration";
            }
            Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
            for (Future<?> future : running) {
                if (future.isDone()) {
                    future.get(); // a sender's failure ends the warm-up with its exception
                }
            }
            if (watch && left >= 1_000_000_000L) {
                long now = jit.getTotalCompilationTime();
                compiledPerSecond.add(now - compiled);
                if (now - compiled < settledBelow.toMillis()) {
                    return "the JIT settled";
                }
                compiled = now;
            }
        }
    }

    /** Sends over HTTP/1.1 through the whole stack, as clients do. */
    private static Sender overHttp() {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        return (port, path, body) -> client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
