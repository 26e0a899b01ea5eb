package dev.mmids.gradient.web.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The server's limits, checked before the work each one guards. Set them as properties
 * ({@code gradient.limits.max-layers=200}) or environment variables ({@code GRADIENT_LIMITS_MAX_LAYERS=200}).
 *
 * @param maxBodySize the largest request body; larger ones get 413 before they are parsed
 * @param maxLayers the most layers L in one request
 * @param maxParameters the most parameters r_1 + ... + r_L in one request
 * @param maxSamples the most samples in one batch
 * @param maxLayerOutputs the widest vector: any layer's output, and the input x
 * @param maxTraceEntries the most matrix entries in a trace
 * @param maxJacobianEntries the most entries in a Jacobian
 * @param maxPerSampleEntries the most numbers in the per-sample gradients of {@code "reduction": "none"}:
 *     samples × parameters
 * @param computeDeadline the longest a request's computation may run; past it, the answer is a 503
 * @param maxDescentWork the most work in one {@code POST /descent}: epochs × samples × (parameters + activation widths)
 * @param descentDeadline the longest a run of {@code POST /descent} may take; past it, the answer is a 503
 */
@Validated
@ConfigurationProperties("gradient.limits")
public record Limits(
        @NotNull @DefaultValue("64MB") DataSize maxBodySize,
        @Positive @DefaultValue("1000") int maxLayers,
        @Positive @DefaultValue("10000000") int maxParameters,
        @Positive @DefaultValue("100000") int maxSamples,
        @Positive @DefaultValue("1000000") int maxLayerOutputs,
        @Positive @DefaultValue("1000000") long maxTraceEntries,
        @Positive @DefaultValue("10000000") long maxJacobianEntries,
        @Positive @DefaultValue("10000000") long maxPerSampleEntries,
        @NotNull @DefaultValue("30s") Duration computeDeadline,
        @Positive @DefaultValue("100000000000") long maxDescentWork,
        @NotNull @DefaultValue("40s") Duration descentDeadline) {

    /** The largest body the server can hold: the length of the largest Java array. */
    public static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

    public Limits {
        if (maxBodySize != null && (maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() > MAX_BODY_BYTES)) {
            throw new IllegalArgumentException("gradient.limits.max-body-size must be positive and at most "
                    + MAX_BODY_BYTES + " bytes (a body is held in one array), got " + maxBodySize);
        }
        if (computeDeadline != null && (computeDeadline.isNegative() || computeDeadline.isZero())) {
            throw new IllegalArgumentException(
                    "gradient.limits.compute-deadline must be positive, got " + computeDeadline);
        }
        if (descentDeadline != null && (descentDeadline.isNegative() || descentDeadline.isZero())) {
            throw new IllegalArgumentException(
                    "gradient.limits.descent-deadline must be positive, got " + descentDeadline);
        }
    }
}
