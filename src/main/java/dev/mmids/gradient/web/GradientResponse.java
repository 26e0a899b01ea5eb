package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to {@code POST /gradient}.
 *
 * @param loss f, reduced over the samples
 * @param gradient ∇f = (p^L; ...; p^1), or (p^1; ...; p^L) in the order first-layer-first
 * @param layout where each p^i sits in {@code gradient}, in its order
 * @param output h_x(w), for one sample only
 * @param trace every quantity of the seed, when asked for
 * @param check the gradient check, when asked for
 * @param losses every sample's loss, for {@code "reduction": "none"}
 * @param gradients every sample's gradient, in the order of {@code gradient}, for {@code "reduction": "none"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GradientResponse(
        double loss,
        double[] gradient,
        List<LayoutEntry> layout,
        double[] output,
        int sampleCount,
        String reduction,
        TraceView trace,
        CheckView check,
        double[] losses,
        double[][] gradients) {}
