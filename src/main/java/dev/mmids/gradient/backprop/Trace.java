package dev.mmids.gradient.backprop;

import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.backprop.compute.Deadline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Every quantity of the seed for one sample, in its order: for each layer i = 1..L its input z^i,
 * output z^{i+1} and blocks A_i, B_i; then q^{L+1} = ∇l_y(z^{L+1}); then p^i and q^i for i = L..1,
 * where q^1 is the gradient with respect to the input x.
 *
 * <p>p^i are the slices of the gradient, from the same backward pass. Where the loss has a stable
 * form on the last layer's input, q^L comes from it, equal to B_L^T q^{L+1} in exact arithmetic.
 */
public record Trace(
        double loss,
        double[] gradient,
        double[] output,
        List<Forward> forward,
        double[] lossGradient,
        List<Backward> backward) {

    /** Layer i of the forward pass: z^i, z^{i+1} = g_i(w^i; z^i) and (A_i B_i) = J_{g_i}(w^i; z^i). */
    public record Forward(int layer, double[] input, double[] output, DMatrixRMaj A, DMatrixRMaj B) {}

    /** Layer i of the backward pass: p^i = A_i^T q^{i+1} and q^i = B_i^T q^{i+1}. */
    public record Backward(int layer, double[] p, double[] q) {}

    /** The trace of f_{x,y}(w) = l_y(h_x(w)) for one sample. */
    public static Trace of(Chain chain, double[] x, double[] y, Loss loss) {
        Chain.Pass pass = chain.propagate(
                DMatrixRMaj.wrap(1, x.length, x), DMatrixRMaj.wrap(1, y.length, y), loss, Reduction.SUM, true);
        int L = chain.depth();
        DMatrixRMaj[] z = pass.z();

        List<Forward> forward = new ArrayList<>(L);
        for (int i = 1; i <= L; i++) {
            Deadline.checkCurrent();
            Layer.Jacobian blocks = chain.layer(i).jacobian(z[i].data);
            forward.add(new Forward(i, z[i].data, z[i + 1].data, blocks.A(), blocks.B()));
        }

        DMatrixRMaj lossGradient = loss.gradient(z[L + 1], DMatrixRMaj.wrap(1, y.length, y), 1);
        for (double v : lossGradient.data) {
            if (!Double.isFinite(v)) {
                throw NonFiniteValueException.inTracedLossGradient(L + 1, loss);
            }
        }

        List<Backward> backward = new ArrayList<>(L);
        for (int i = L; i >= 1; i--) {
            int from = chain.offset(i);
            double[] p = Arrays.copyOfRange(
                    pass.gradient(), from, from + chain.layer(i).parameterCount());
            double[] q =
                    pass.q()[i] != null ? pass.q()[i].data : chain.layer(i).vjpInput(z[i], z[i + 1], lossGradient).data;
            backward.add(new Backward(i, p, q));
        }
        return new Trace(pass.loss(), pass.gradient(), z[L + 1].data, forward, lossGradient.data, backward);
    }
}
