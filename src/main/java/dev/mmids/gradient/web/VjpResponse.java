package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to {@code POST /vjp}.
 *
 * @param output h_x(w), for one sample
 * @param outputs h_{x_s}(w) for every sample of a batch
 * @param gradient J_w(h_x)^T v = (p^L; ...; p^1) in the request's order; for a batch, the sum over its
 *     samples
 * @param inputGradient J_x(h_x)^T v = q^1, for one sample
 * @param inputGradients each sample's q^1, for a batch
 * @param layout where each p^i sits in {@code gradient}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VjpResponse(
        double[] output,
        double[][] outputs,
        double[] gradient,
        double[] inputGradient,
        double[][] inputGradients,
        List<LayoutEntry> layout) {}
