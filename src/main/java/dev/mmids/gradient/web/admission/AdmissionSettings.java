package dev.mmids.gradient.web.admission;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much work the server takes on at once, and how long it waits for slow clients: beyond the
 * first, requests wait up to the queue timeout and are then answered 503 with Retry-After, so that a
 * burst degrades into waits and refusals and never into an out-of-memory error; beyond the second, a
 * connection is cut, so that a client that trickles its bytes holds nothing for long.
 *
 * @param maxConcurrentComputations requests worked on at once, from parsing their body to the end of
 *     their computation (0: four per core)
 * @param memoryBudget the memory that requests in progress may hold, as the service counts it from their
 *     sizes before it reads, parses or computes (0: half the JVM's maximum heap)
 * @param queueTimeout how long a request waits for a computation slot or memory before the 503
 * @param retryAfter the Retry-After of the 503
 * @param headerTimeout the longest a client may take to send a request's line and headers
 * @param transferTimeout the time a body or an answer may take beyond what its size earns at the minimum
 *     transfer rate; a body that falls behind gets 408, an answer that is not read is cut off
 * @param minTransferRate the slowest a body may be sent and an answer read, in bytes per second
 */
@Validated
@ConfigurationProperties("gradient.admission")
public record AdmissionSettings(
        @DefaultValue("0") int maxConcurrentComputations,
        @DefaultValue("0B") DataSize memoryBudget,
        @DefaultValue("2s") Duration queueTimeout,
        @Positive @DefaultValue("2") int retryAfter,
        @NotNull @DefaultValue("10s") Duration headerTimeout,
        @NotNull @DefaultValue("10s") Duration transferTimeout,
        @NotNull @DefaultValue("256KB") DataSize minTransferRate) {

    public AdmissionSettings {
        if (minTransferRate != null && minTransferRate.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "gradient.admission.min-transfer-rate must be positive, got " + minTransferRate);
        }
    }

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

    /** The latest a transfer that started at {@code start} (nanoTime) may have moved {@code bytes}, plus one more. */
    long transferDeadline(long start, long bytes) {
        long earned = (long) Math.min(Long.MAX_VALUE / 4, 1e9 * (bytes + 1) / minTransferRate.toBytes());
        return start + transferTimeout.toNanos() + earned;
    }
}
