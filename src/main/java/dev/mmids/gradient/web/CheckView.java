package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.GradientCheck;
import dev.mmids.gradient.web.model.Model;
import java.util.List;

/**
 * A gradient check of the answer by central differences.
 *
 * @param epsilon the step ε of (f(w + εd) - f(w - εd)) / 2ε
 * @param passed whether every comparison passed
 * @param maxRelativeError the bound on |a - n| / (|a| + |n|)
 * @param absoluteErrorFloor below this |a - n|, a comparison passes whatever its relative error: the error
 *     rounding alone explains for this loss
 * @param direction the comparison along a random unit direction d of all parameters
 * @param coordinatesChecked how many coordinates were compared
 * @param largestErrors the coordinates with the largest relative errors, largest first
 */
record CheckView(
        double epsilon,
        boolean passed,
        double maxRelativeError,
        double absoluteErrorFloor,
        Comparison direction,
        int coordinatesChecked,
        List<Comparison> largestErrors) {

    /** How many coordinates the answer lists. */
    static final int LISTED = 10;

    /**
     * @param index the entry of w, absent for the direction
     * @param layer the layer i that entry belongs to, absent for the direction
     * @param analytic ∇f·d or ∂f/∂w_k from the backward pass
     * @param numerical the central difference
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Comparison(
            Integer index, Integer layer, double analytic, double numerical, double relativeError, boolean passed) {

        static Comparison of(GradientCheck.Entry entry, Model model) {
            boolean coordinate = entry.index() >= 0;
            Chain chain = model.chain();
            return new Comparison(
                    coordinate ? model.order().fromEngine(chain, entry.index()) : null,
                    coordinate ? chain.layerOf(entry.index()) : null,
                    entry.analytic(),
                    entry.numerical(),
                    entry.relativeError(),
                    entry.passed());
        }
    }

    static CheckView of(GradientCheck.Report report, Model model) {
        return new CheckView(
                report.epsilon(),
                report.passed(),
                GradientCheck.MAX_RELATIVE_ERROR,
                report.absoluteErrorFloor(),
                Comparison.of(report.direction(), model),
                report.coordinates().size(),
                report.coordinates().stream()
                        .limit(LISTED)
                        .map(e -> Comparison.of(e, model))
                        .toList());
    }
}
