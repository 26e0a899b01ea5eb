package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to {@code POST /forward}.
 *
 * @param outputs h_x(w) for every sample, in order
 * @param output h_x(w), for a one-sample request
 * @param loss f reduced over the samples, when the request has a loss
 * @param reduction how the loss was reduced, when the request has a loss
 * @param losses every sample's loss, for {@code "reduction": "none"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ForwardResponse(
        double[][] outputs, double[] output, Double loss, int sampleCount, String reduction, double[] losses) {}
