package dev.mmids.gradient.backprop;

import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.backprop.compute.Deadline;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The chain's derivatives beyond the gradient of a reduced loss, each by the seed's own loops: the
 * backward loop started from a client's cotangent (a vector-Jacobian product), the backward loop kept
 * sample by sample (per-sample gradients), and the forward recursion applied to a vector instead of a
 * matrix (a Jacobian-vector product). None builds a Jacobian.
 */
public final class Derivatives {

    private Derivatives() {}

    /**
     * The losses and gradients of every sample, and their means.
     *
     * @param loss (1/m) Σ_s l_{y_s}(h_{x_s}(w)), as {@link Chain#gradient} gives it with the mean
     * @param gradient (1/m) Σ_s gradients[s]
     * @param losses l_{y_s}(h_{x_s}(w)) for each sample s
     * @param gradients ∇_w l_{y_s}(h_{x_s}(w)) for each sample s, in the order (p^L; ...; p^1)
     */
    public record PerSample(double loss, double[] gradient, double[] losses, double[][] gradients) {}

    /**
     * Per-sample losses and gradients in one forward and one backward pass over the batch: the backward
     * loop's rows q_s are already each sample's, so each layer writes its products A(z_s)^T q_s sample by
     * sample (for a linear layer, the outer products q_s z_s^T) instead of summing them.
     */
    public static PerSample perSample(Chain chain, DMatrixRMaj X, DMatrixRMaj Y, Loss loss) {
        chain.requireLabels(X, Y, loss);
        DMatrixRMaj[] z = chain.forwardKeepingInputs(X);
        Chain.Start start = chain.start(z, Y, loss, Reduction.SUM);
        int m = X.numRows;
        double[] losses = start.stable().values(z[start.top() + 1], Y);
        double[][] gradients = new double[m][chain.parameterCount()];
        double[] gradient = new double[chain.parameterCount()];
        // the sum by the batch's products, as the mean reduction computes it, not by reading every sample's
        chain.backward(z, start.q(), start.top(), gradient, gradients, false, null);
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        double scale = 1.0 / m;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] *= scale;
        }
        return new PerSample(scale * sum, gradient, losses, gradients);
    }

    /**
     * The vector-Jacobian products of a batch.
     *
     * @param output h_{x_s}(w) for every sample, m × n_{L+1}
     * @param gradient Σ_s J_w(h_{x_s})^T v_s = (p^L; ...; p^1)
     * @param inputGradients J_x(h_{x_s})^T v_s = q^1 for every sample, m × n_1
     */
    public record Vjp(DMatrixRMaj output, double[] gradient, DMatrixRMaj inputGradients) {}

    /** The backward loop started from q^{L+1} = v_s, one cotangent per row of V (m × n_{L+1}). */
    public static Vjp vjp(Chain chain, DMatrixRMaj X, DMatrixRMaj V) {
        if (V.numRows != X.numRows || V.numCols != chain.outputSize()) {
            throw new ShapeMismatchException("the cotangents must be " + X.numRows + " × " + chain.outputSize()
                    + ", got " + V.numRows + " × " + V.numCols);
        }
        DMatrixRMaj[] z = chain.forwardKeepingInputs(X);
        double[] p = new double[chain.parameterCount()];
        DMatrixRMaj q1 = chain.backward(z, V, chain.depth(), p, null, true, null);
        return new Vjp(z[chain.depth() + 1], p, q1);
    }

    /**
     * A Jacobian-vector product at one input.
     *
     * @param output h_x(w)
     * @param tangentOutput J_w(h_x) t + J_x(h_x) u
     */
    public record Jvp(double[] output, double[] tangentOutput) {}

    /**
     * The seed's recursion J_{O_i} = (A_i, B_i J_{O_{i-1}}) applied to the vector (t; u) instead of the
     * identity: d^1 = u, d^{i+1} = A_i t^i + B_i d^i, in one forward pass beside z^{i+1} = g_i(w^i; z^i).
     *
     * @param t the tangent of w, in the order (w^L; ...; w^1)
     * @param u the tangent of x
     */
    public static Jvp jvp(Chain chain, double[] x, double[] t, double[] u) {
        if (t.length != chain.parameterCount() || u.length != chain.inputSize() || x.length != chain.inputSize()) {
            throw new ShapeMismatchException("the chain takes x and u of length " + chain.inputSize()
                    + " and t of length " + chain.parameterCount() + ", got " + x.length + ", " + u.length
                    + " and " + t.length);
        }
        DMatrixRMaj z = DMatrixRMaj.wrap(1, x.length, x);
        DMatrixRMaj d = DMatrixRMaj.wrap(1, u.length, u);
        for (int i = 1; i <= chain.depth(); i++) {
            Layer g = chain.layer(i);
            DMatrixRMaj out = chain.forwardThrough(z, i);
            DMatrixRMaj next = g.jvpInput(z, out, d); // B_i d^i
            double[] At = g.jvpParameters(z, t, chain.offset(i)).data; // A_i t^i
            for (int k = 0; k < next.data.length; k++) {
                next.data[k] += At[k];
            }
            if (Shapes.firstNonFinite(next.data) >= 0) {
                throw NonFiniteValueException.inJacobian(i, g);
            }
            Deadline.checkCurrent();
            z = out;
            d = next;
        }
        return new Jvp(z.data, d.data);
    }

    /**
     * J_{h_x}(w) for one input x, by the seed's recursion J_{O_i} = (A_i, B_i J_{O_{i-1}}) from the
     * empty J_{O_0}: n_{L+1} rows, one column per parameter in the order of w = (w^L; ...; w^1).
     *
     * <p>The recursion runs on the transposes, one row per column of J_{O_i}: the rows of (B_i J_{O_{i-1}})^T
     * are B_i applied to each row of J_{O_{i-1}}^T, which every layer computes from its structure
     * ({@link Layer#jvpInput}) without building B_i, so that no step holds more than the Jacobians
     * themselves and A_i.
     */
    public static Chain.OutputJacobian jacobian(Chain chain, double[] x) {
        DMatrixRMaj z = DMatrixRMaj.wrap(1, x.length, x);
        DMatrixRMaj JT = new DMatrixRMaj(0, x.length);
        for (int i = 1; i <= chain.depth(); i++) {
            Layer g = chain.layer(i);
            DMatrixRMaj out = chain.forwardThrough(z, i);
            DMatrixRMaj BJT = g.jvpInput(z, out, JT);
            DMatrixRMaj AT = CommonOps_DDRM.transpose(g.parameterBlock(z.data), null);
            JT = CommonOps_DDRM.concatRowsMulti(AT, BJT);
            if (Shapes.firstNonFinite(JT.data) >= 0) {
                throw NonFiniteValueException.inJacobian(i, g);
            }
            z = out;
        }
        return new Chain.OutputJacobian(z.data, CommonOps_DDRM.transpose(JT, null));
    }

    /** l_{y_s}(h_{x_s}(w)) for every sample s, by the forward pass. */
    public static double[] losses(Chain chain, DMatrixRMaj X, DMatrixRMaj Y, Loss loss) {
        chain.requireLabels(X, Y, loss);
        DMatrixRMaj[] z = chain.forwardKeepingInputs(X);
        Loss stable = chain.stable(loss);
        double[] losses = stable.values(z[chain.top(stable, loss) + 1], Y);
        for (double l : losses) {
            if (!Double.isFinite(l)) {
                throw NonFiniteValueException.inLoss(chain.depth() + 1, loss, l);
            }
        }
        return losses;
    }
}
