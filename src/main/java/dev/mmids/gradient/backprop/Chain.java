package dev.mmids.gradient.backprop;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The progressive function h_x(w) = g_L(w^L; ... g_1(w^1; x)) and its gradient by forward and
 * backward propagation. Stateless once built: one chain may serve any number of threads.
 *
 * <p>Layers are numbered i = 1..L. The parameters are w = (w^L; ...; w^1), last layer first, and so
 * is the gradient (p^L; ...; p^1).
 */
public final class Chain {

    private final List<Layer> layers;
    private final int[] offsets;
    private final int parameterCount;

    /** @param layers g_1 .. g_L, each taking the previous one's output */
    public Chain(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new ShapeMismatchException("a chain needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        for (int i = 2; i <= depth(); i++) {
            if (layer(i).inputSize() != layer(i - 1).outputSize()) {
                throw new ShapeMismatchException("layer " + i + " (" + layer(i) + ") cannot take the output of layer "
                        + (i - 1) + " (" + layer(i - 1) + ")");
            }
        }
        offsets = new int[depth() + 2];
        for (int i = depth(); i >= 1; i--) {
            offsets[i - 1] = Math.addExact(offsets[i], layer(i).parameterCount());
        }
        parameterCount = offsets[0];
    }

    /** L. */
    public int depth() {
        return layers.size();
    }

    /** g_i, for i = 1..L. */
    public Layer layer(int i) {
        return layers.get(i - 1);
    }

    /** Where p^i (and w^i) starts in (p^L; ...; p^1). */
    public int offset(int i) {
        return offsets[i];
    }

    public int inputSize() {
        return layer(1).inputSize();
    }

    public int outputSize() {
        return layer(depth()).outputSize();
    }

    /** r_1 + ... + r_L. */
    public int parameterCount() {
        return parameterCount;
    }

    /** w = (w^L; ...; w^1). */
    public double[] parameters() {
        double[] w = new double[parameterCount];
        for (int i = 1; i <= depth(); i++) {
            double[] wi = layer(i).parameters();
            System.arraycopy(wi, 0, w, offsets[i], wi.length);
        }
        return w;
    }

    /** h_x(w) for every row x of X (m × n_1): m × n_{L+1}. */
    public DMatrixRMaj forward(DMatrixRMaj X) {
        DMatrixRMaj[] z = forwardKeepingInputs(X);
        return z[depth() + 1];
    }

    /**
     * The loss f(w) = reduction over s of l_{y_s}(h_{x_s}(w)) and its gradient (p^L; ...; p^1), by the
     * seed's two loops: forward from x keeping each layer's input z^i, then backward from
     * q^{L+1} = ∇l_y(z^{L+1}) with p^i = A_i^T q^{i+1} and q^i = B_i^T q^{i+1}.
     *
     * <p>When the loss has a stable form on the last layer's input (cross-entropy after softmax, binary
     * cross-entropy after sigmoid), that form gives the loss and q^L directly: equal in exact
     * arithmetic, and finite where a probability underflows to 0.
     *
     * @param X the inputs, one sample per row (m × n_1)
     * @param Y the labels, one sample per row (m × n_{L+1})
     */
    public Gradient gradient(DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Reduction reduction) {
        if (Y.numRows != X.numRows || Y.numCols != outputSize()) {
            throw new ShapeMismatchException("the labels must be " + X.numRows + " × " + outputSize() + ", got "
                    + Y.numRows + " × " + Y.numCols);
        }
        loss.checkLabels(Y);
        int L = depth();
        DMatrixRMaj[] z = forwardKeepingInputs(X);

        Loss onLogits = loss.onLogits(layer(L));
        int top = onLogits == null ? L : L - 1;
        Loss l = onLogits == null ? loss : onLogits;
        double scale = reduction == Reduction.MEAN ? 1.0 / X.numRows : 1.0;
        double f = scale * l.sum(z[top + 1], Y);
        if (!Double.isFinite(f)) {
            throw NonFiniteValueException.inLoss(L + 1, loss, f);
        }

        double[] gradient = new double[parameterCount];
        DMatrixRMaj q = l.gradient(z[top + 1], Y, scale);
        if (firstNonFinite(q.data) >= 0) {
            throw NonFiniteValueException.inLossGradient(L + 1, loss);
        }
        for (int i = top; i >= 1; i--) {
            Layer g = layer(i);
            double[] p = g.vjpParameters(z[i], q);
            requireFinite(p, i, g, "parameter gradient");
            System.arraycopy(p, 0, gradient, offsets[i], p.length);
            if (i > 1) {
                q = g.vjpInput(z[i], z[i + 1], q);
                requireFinite(q.data, i, g, "input gradient");
            }
        }
        return new Gradient(f, gradient, z[L + 1]);
    }

    /** f and ∇f = (p^L; ...; p^1), with h_x(w) for every sample (m × n_{L+1}). */
    public record Gradient(double loss, double[] gradient, DMatrixRMaj output) {}

    /** z^1 = X, z^{i+1} = g_i(w^i; z^i): the entries 1..L+1 of the array. */
    private DMatrixRMaj[] forwardKeepingInputs(DMatrixRMaj X) {
        if (X.numCols != inputSize()) {
            throw new ShapeMismatchException(
                    "layer 1 (" + layer(1) + ") takes inputs of length " + inputSize() + ", got " + X.numCols);
        }
        DMatrixRMaj[] z = new DMatrixRMaj[depth() + 2];
        z[1] = X;
        for (int i = 1; i <= depth(); i++) {
            z[i + 1] = layer(i).forward(z[i]);
            int bad = firstNonFinite(z[i + 1].data);
            if (bad >= 0) {
                int n = z[i + 1].numCols;
                throw NonFiniteValueException.inForwardPass(i, layer(i), bad / n, bad % n, z[i + 1].data[bad]);
            }
        }
        return z;
    }

    private static void requireFinite(double[] values, int i, Layer layer, String quantity) {
        if (firstNonFinite(values) >= 0) {
            throw NonFiniteValueException.inBackwardPass(i, layer, quantity);
        }
    }

    private static int firstNonFinite(double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                return k;
            }
        }
        return -1;
    }
}
