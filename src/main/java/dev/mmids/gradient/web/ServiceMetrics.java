package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * What the service computed, for Prometheus: {@code gradient.computations} answered, and the
 * {@code gradient.parameters} and {@code gradient.samples} they processed, each by endpoint.
 */
@Component
class ServiceMetrics {

    private final MeterRegistry registry;

    /** An endpoint's three counters. */
    private record Computed(Counter answers, Counter parameters, Counter samples) {}

    /** The counters by endpoint, registered once: a registry's lookup costs a request 2% of its time. */
    private final Map<String, Computed> computed = new ConcurrentHashMap<>();

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One answer of {@code endpoint} for the chain's parameters and {@code samples} samples. */
    void computed(String endpoint, Chain chain, int samples) {
        Computed counters = computed.computeIfAbsent(
                endpoint,
                e -> new Computed(
                        counter("gradient.computations", "Answers computed", e),
                        counter("gradient.parameters", "Parameters of the networks computed", e),
                        counter("gradient.samples", "Samples of the requests computed", e)));
        counters.answers().increment();
        counters.parameters().increment(chain.parameterCount());
        counters.samples().increment(samples);
    }

    /**
     * A run of {@code POST /descent} that ended ({@code completed}, {@code diverged}, {@code deadline} or
     * {@code disconnected}): {@code gradient.descent.runs} by outcome, the optimizer's {@code
     * gradient.descent.steps}, and {@code gradient.descent.duration}.
     */
    void descent(String outcome, long steps, long nanos) {
        Counter.builder("gradient.descent.runs")
                .description("Runs of gradient descent, by how they ended")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Counter.builder("gradient.descent.steps")
                .description("Steps of gradient descent taken by completed runs")
                .register(registry)
                .increment(steps);
        Timer.builder("gradient.descent.duration")
                .description("How long runs of gradient descent took")
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String name, String description, String endpoint) {
        return Counter.builder(name)
                .description(description)
                .tag("endpoint", endpoint)
                .register(registry);
    }
}
