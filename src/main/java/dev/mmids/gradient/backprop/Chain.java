package dev.mmids.gradient.backprop;

import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.backprop.compute.Deadline;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * @param layers g_1 .. g_L, each taking the previous one's output. A computation of the chain ends by
     *     the {@link Deadline} its caller entered, checked between layers.
     */
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
        Pass pass = propagate(X, Y, loss, reduction, false);
        return new Gradient(pass.loss(), pass.gradient(), pass.z()[depth() + 1]);
    }

    /** f and ∇f = (p^L; ...; p^1), with h_x(w) for every sample (m × n_{L+1}). */
    public record Gradient(double loss, double[] gradient, DMatrixRMaj output) {}

    /** f alone, by the forward pass: what a gradient check differentiates numerically. */
    public double loss(DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Reduction reduction) {
        requireLabels(X, Y, loss);
        DMatrixRMaj[] z = forwardKeepingInputs(X);
        Loss l = stable(loss);
        return reducedLoss(l, z[top(l, loss) + 1], Y, loss, reduction);
    }

    /**
     * The forward and the backward loop. With {@code keep}, every q^i (i = 1..L; from the stable
     * form where the loss has one) stays in the pass, q^1 included, for a trace.
     */
    Pass propagate(DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Reduction reduction, boolean keep) {
        requireLabels(X, Y, loss);
        DMatrixRMaj[] z = forwardKeepingInputs(X);
        Start start = start(z, Y, loss, reduction);
        double[] p = new double[parameterCount];
        DMatrixRMaj[] kept = keep ? new DMatrixRMaj[depth() + 2] : null;
        backward(z, start.q(), start.top(), p, null, keep, kept);
        if (keep) {
            kept[start.top() + 1] = start.q();
        }
        return new Pass(start.loss(), p, z, kept);
    }

    /**
     * The seed's backward loop from q^{top+1}: for i = top..1, p^i = A_i^T q^{i+1} and q^i = B_i^T
     * q^{i+1}. The p^i are summed over the batch into p, when it is given, and kept sample by sample in
     * each[s], when it is given; q^1 is computed only {@code toInput}, and every q^i is kept in {@code kept} when it is given.
     *
     * @return q^1, or null
     */
    DMatrixRMaj backward(
            DMatrixRMaj[] z, DMatrixRMaj q, int top, double[] p, double[][] each, boolean toInput, DMatrixRMaj[] kept) {
        for (int i = top; i >= 1; i--) {
            Layer g = layer(i);
            vjpParameters(g, z[i], q, p, each, offsets[i]); // p^i = A_i^T q^{i+1}
            q = i > 1 || toInput ? g.vjpInput(z[i], z[i + 1], q) : null; // q^i = B_i^T q^{i+1}
            stepDone(i, p, each, q, kept);
        }
        return q;
    }

    private static void vjpParameters(Layer g, DMatrixRMaj Z, DMatrixRMaj Q, double[] p, double[][] each, int at) {
        if (p != null) {
            g.vjpParameters(Z, Q, p, at);
        }
        if (each != null) {
            g.vjpParametersEach(Z, Q, each, at);
        }
    }

    /**
     * Where the backward loop starts: f and q^{top+1} = ∇l_y(z^{top+1}). With the loss's stable form on the
     * last layer's input (cross-entropy after softmax, binary cross-entropy after sigmoid) the loop starts
     * below the last layer, at top = L - 1; otherwise at top = L.
     */
    record Start(int top, double loss, DMatrixRMaj q, Loss stable) {}

    Start start(DMatrixRMaj[] z, DMatrixRMaj Y, Loss loss, Reduction reduction) {
        Loss l = stable(loss);
        int top = top(l, loss);
        DMatrixRMaj Z = z[top + 1];
        double f = reducedLoss(l, Z, Y, loss, reduction);
        DMatrixRMaj q = l.gradient(Z, Y, reduction == Reduction.MEAN ? 1.0 / Z.numRows : 1.0);
        if (Shapes.firstNonFinite(q.data) >= 0) {
            throw NonFiniteValueException.inLossGradient(depth() + 1, loss);
        }
        return new Start(top, f, q, l);
    }

    /** The loss the backward loop starts from: the given one, or its stable form on the last layer's input. */
    Loss stable(Loss loss) {
        Loss onLogits = loss.onLogits(layer(depth()));
        return onLogits == null ? loss : onLogits;
    }

    /** The layer the backward loop starts at for the loss {@code l}, the stable form of {@code given}. */
    int top(Loss l, Loss given) {
        return l == given ? depth() : depth() - 1;
    }

    /**
     * After the step of layer i: p^i and q^i must be finite, q^i is kept for a trace, and the deadline is
     * checked before the next step.
     */
    private void stepDone(int i, double[] p, double[][] each, DMatrixRMaj q, DMatrixRMaj[] kept) {
        Layer g = layer(i);
        if (p != null) {
            Shapes.requireFinite(p, offsets[i], g.parameterCount(), i, g, "parameter gradient");
        }
        for (int s = 0; each != null && s < each.length; s++) {
            Shapes.requireFinite(each[s], offsets[i], g.parameterCount(), i, g, "parameter gradient");
        }
        if (q != null) {
            Shapes.requireFinite(q.data, 0, q.data.length, i, g, "input gradient");
        }
        if (kept != null) {
            kept[i] = q;
        }
        Deadline.checkCurrent();
    }

    /** What one run of the two loops leaves: f, ∇f, z^1..z^{L+1}, and q^1..q^{L+1} where kept. */
    record Pass(double loss, double[] gradient, DMatrixRMaj[] z, DMatrixRMaj[] q) {}

    /** J_{h_x}(w) for one input x, by the seed's recursion: see {@link Derivatives#jacobian}. */
    public OutputJacobian jacobian(double[] x) {
        return Derivatives.jacobian(this, x);
    }

    /** h_x(w) and J_{h_x}(w) (n_{L+1} × (r_1 + ... + r_L)). */
    public record OutputJacobian(double[] output, DMatrixRMaj J) {}

    /** The layer i whose parameters hold entry k of w. */
    public int layerOf(int k) {
        for (int i = 1; i <= depth(); i++) {
            if (k >= offsets[i] && k < offsets[i] + layer(i).parameterCount()) {
                return i;
            }
        }
        throw new IndexOutOfBoundsException("w has " + parameterCount + " entries, not " + (k + 1));
    }

    /** The same layers with other parameters w = (w^L; ...; w^1). */
    public Chain withParameters(double[] w) {
        if (w.length != parameterCount) {
            throw new ShapeMismatchException("the chain has " + parameterCount + " parameters, got " + w.length);
        }
        List<Layer> others = new ArrayList<>(depth());
        for (int i = 1; i <= depth(); i++) {
            others.add(
                    layer(i).withParameters(Arrays.copyOfRange(w, offsets[i], offsets[i] + layer(i).parameterCount())));
        }
        return new Chain(others);
    }

    void requireLabels(DMatrixRMaj X, DMatrixRMaj Y, Loss loss) {
        if (Y.numRows != X.numRows || Y.numCols != outputSize()) {
            throw new ShapeMismatchException("the labels must be " + X.numRows + " × " + outputSize() + ", got "
                    + Y.numRows + " × " + Y.numCols);
        }
        loss.checkLabels(Y);
    }

    /** The reduced loss of the outputs Z by l, the given loss or its stable form on the last layer's input. */
    private double reducedLoss(Loss l, DMatrixRMaj Z, DMatrixRMaj Y, Loss given, Reduction reduction) {
        double f = (reduction == Reduction.MEAN ? 1.0 / Z.numRows : 1.0) * l.sum(Z, Y);
        if (!Double.isFinite(f)) {
            throw NonFiniteValueException.inLoss(depth() + 1, given, f);
        }
        return f;
    }

    /** z^1 = X, z^{i+1} = g_i(w^i; z^i): the entries 1..L+1 of the array. */
    DMatrixRMaj[] forwardKeepingInputs(DMatrixRMaj X) {
        if (X.numCols != inputSize()) {
            throw new ShapeMismatchException(
                    "layer 1 (" + layer(1) + ") takes inputs of length " + inputSize() + ", got " + X.numCols);
        }
        DMatrixRMaj[] z = new DMatrixRMaj[depth() + 2];
        z[1] = X;
        for (int i = 1; i <= depth(); i++) {
            z[i + 1] = forwardThrough(z[i], i);
        }
        return z;
    }

    /** z^{i+1} = g_i(w^i; z^i), which must be finite. */
    DMatrixRMaj forwardThrough(DMatrixRMaj z, int i) {
        Deadline.checkCurrent();
        DMatrixRMaj out = layer(i).forward(z);
        int bad = Shapes.firstNonFinite(out.data);
        if (bad >= 0) {
            int n = out.numCols;
            throw NonFiniteValueException.inForwardPass(i, layer(i), bad / n, bad % n, out.data[bad]);
        }
        return out;
    }
}
