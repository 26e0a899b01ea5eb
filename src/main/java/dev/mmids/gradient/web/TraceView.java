package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Trace;
import dev.mmids.gradient.web.model.Matrices;
import java.util.List;

/**
 * The seed's quantities for one sample, in its notation and order.
 *
 * @param forward for i = 1..L: z^i, z^{i+1}, A_i and B_i
 * @param lossGradient q^{L+1} = ∇l_y(z^{L+1})
 * @param backward for i = L..1: p^i = A_i^T q^{i+1} and q^i = B_i^T q^{i+1}; q^1 is ∇_x f
 */
record TraceView(List<ForwardStep> forward, double[] lossGradient, List<BackwardStep> backward) {

    /**
     * @param input z^i
     * @param output z^{i+1}
     * @param A the block of J_{g_i} for w^i, n_{i+1} × r_i, as rows
     * @param B the block of J_{g_i} for z^i, n_{i+1} × n_i, as rows
     */
    record ForwardStep(
            int layer,
            String type,
            double[] input,
            double[] output,
            @JsonProperty("A") double[][] A,
            @JsonProperty("B") double[][] B) {}

    record BackwardStep(int layer, double[] p, double[] q) {}

    static TraceView of(Chain chain, Trace trace) {
        return new TraceView(
                trace.forward().stream()
                        .map(f -> new ForwardStep(
                                f.layer(),
                                chain.layer(f.layer()).kind().id(),
                                f.input(),
                                f.output(),
                                Matrices.rows(f.A()),
                                Matrices.rows(f.B())))
                        .toList(),
                trace.lossGradient(),
                trace.backward().stream()
                        .map(b -> new BackwardStep(b.layer(), b.p(), b.q()))
                        .toList());
    }
}
