package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to {@code POST /gradient}.
 *
 * @param loss f, reduced over the samples
 * @param gradient ∇f = (p^L; ...; p^1)
 * @param layout where each p^i sits in {@code gradient}, layer L first
 * @param output h_x(w), for one sample only
 * @param trace every quantity of the seed, when asked for
 * @param check the gradient check, when asked for
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
        CheckView check) {}
