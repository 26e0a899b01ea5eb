package dev.mmids.gradient.web;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much work the server takes on at once: beyond it, requests wait up to the queue timeout and
 * are then answered 503 with Retry-After, so that a burst degrades into waits and refusals and never
 * into an out-of-memory error.
 *
 * @param maxConcurrentComputations requests worked on at once, from parsing their body to the end of
 *     their answer (0: four per core)
 * @param memoryBudget the memory that requests in progress may hold, as the service estimates it
 *     from their sizes before it reads or computes (0: half the JVM's maximum heap)
 * @param queueTimeout how long a request waits for a computation slot or memory before the 503
 * @param retryAfter the Retry-After of the 503
 */
@Validated
@ConfigurationProperties("gradient.admission")
record AdmissionSettings(
        @DefaultValue("0") int maxConcurrentComputations,
        @DefaultValue("0B") DataSize memoryBudget,
        @DefaultValue("2s") Duration queueTimeout,
        @Positive @DefaultValue("2") int retryAfter) {

    int computations() {
        return maxConcurrentComputations > 0
                ? maxConcurrentComputations
                : 4 * Runtime.getRuntime().availableProcessors();
    }

    long memoryBytes() {
        return memoryBudget.toBytes() > 0
                ? memoryBudget.toBytes()
                : Runtime.getRuntime().maxMemory() / 2;
    }
}
