package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to {@code POST /descent}, and the data of its stream's {@code result} event.
 *
 * @param parameters the trained w, in the request's order
 * @param layout where each layer's w^i sits in {@code parameters}
 * @param steps the optimizer's steps taken: epochs × ⌈samples / batch size⌉
 * @param history one entry per epoch
 * @param seed the shuffle's seed (the request's, or the one drawn for it), when shuffled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DescentResponse(
        double[] parameters, List<LayoutEntry> layout, long steps, List<DescentEpoch> history, Long seed) {}
