package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What the service computed, for Prometheus: {@code gradient.computations} answered, and the
 * {@code gradient.parameters} and {@code gradient.samples} they processed, each by endpoint.
 */
@Component
class ServiceMetrics {

    private final MeterRegistry registry;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One answer of {@code endpoint} for the chain's parameters and {@code samples} samples. */
    void computed(String endpoint, Chain chain, int samples) {
        counter("gradient.computations", "Answers computed", endpoint).increment();
        counter("gradient.parameters", "Parameters of the networks computed", endpoint)
                .increment(chain.parameterCount());
        counter("gradient.samples", "Samples of the requests computed", endpoint)
                .increment(samples);
    }

    private Counter counter(String name, String description, String endpoint) {
        return Counter.builder(name)
                .description(description)
                .tag("endpoint", endpoint)
                .register(registry);
    }
}
