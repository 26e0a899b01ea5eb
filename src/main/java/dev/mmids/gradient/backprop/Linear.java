package dev.mmids.gradient.backprop;

import dev.mmids.gradient.backprop.compute.Products;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * z' = W z + b, W is n' × n. The parameters are w = (vec(W^T); b): the rows of W one after another
 * (PyTorch's {@code weight.flatten()}), then b when the layer has a bias.
 */
public final class Linear implements Layer {

    private final int n;
    private final int outputs;
    private final boolean bias;
    /** w itself: W row by row in its first n'·n entries, b in the n' after. */
    private final double[] w;

    /**
     * @param w the parameters (vec(W^T); b), of length {@link #parameterCount(int, int, boolean)}; taken,
     *     not copied, so the caller must not change it afterwards
     */
    public Linear(int inputs, int outputs, boolean bias, double[] w) {
        if (inputs < 1 || outputs < 1) {
            throw new ShapeMismatchException("linear needs positive sizes, got " + outputs + " × " + inputs);
        }
        long r = parameterCount(inputs, outputs, bias);
        if (w.length != r) {
            throw new ShapeMismatchException("linear " + outputs + " × " + inputs + (bias ? " with" : " without")
                    + " bias has " + r + " parameters, got " + w.length);
        }
        this.n = inputs;
        this.outputs = outputs;
        this.bias = bias;
        this.w = w;
    }

    /** r = n'·n, plus n' with a bias; a long, because a request may ask for more than an int holds. */
    public static long parameterCount(int inputs, int outputs, boolean bias) {
        return (long) outputs * inputs + (bias ? outputs : 0);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LINEAR;
    }

    @Override
    public int inputSize() {
        return n;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    /** Whether the layer adds b, the last n' entries of w. */
    public boolean hasBias() {
        return bias;
    }

    @Override
    public int parameterCount() {
        return w.length;
    }

    @Override
    public double[] parameters() {
        return w.clone();
    }

    @Override
    public Linear withParameters(double[] w) {
        return new Linear(n, outputs, bias, w);
    }

    /** Z' = Z W^T + 1 b^T. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj Z) {
        Shapes.requireColumns(this, Z, n);
        int m = Z.numRows;
        DMatrixRMaj out = new DMatrixRMaj(m, outputs);
        Products.multTransB(m, outputs, n, Z.data, w, out.data, 0);
        if (bias) {
            double[] y = out.data;
            for (int s = 0, at = 0; s < m; s++) {
                for (int j = 0; j < outputs; j++, at++) {
                    y[at] += w[outputs * n + j];
                }
            }
        }
        return out;
    }

    /**
     * p = (vec(Q^T Z); Q^T 1): the rows q ⊗ z and q, summed over the batch. For one sample q ⊗ z is
     * written entry by entry: an outer product only moves memory.
     */
    @Override
    public void vjpParameters(DMatrixRMaj Z, DMatrixRMaj Q, double[] p, int offset) {
        Shapes.requireColumns(this, Z, n);
        Shapes.requireSameShape(this, Z, Q);
        int m = Z.numRows;
        double[] q = Q.data;
        double[] z = Z.data;
        if (m == 1) {
            for (int j = 0, at = offset; j < outputs; j++, at += n) {
                double qj = q[j];
                for (int k = 0; k < n; k++) {
                    p[at + k] = qj * z[k] + 0.0; // + 0.0 turns a product -0.0 into 0.0, as a sum would
                }
            }
        } else {
            Products.multTransA(outputs, n, m, q, z, p, offset);
        }
        if (bias) {
            int b = offset + outputs * n;
            Arrays.fill(p, b, b + outputs, 0);
            for (int s = 0, at = 0; s < m; s++) {
                for (int j = 0; j < outputs; j++, at++) {
                    p[b + j] += q[at];
                }
            }
        }
    }

    /** p_s = (vec(q_s z_s^T); q_s) for every row s: the outer products, entry by entry. */
    @Override
    public void vjpParametersEach(DMatrixRMaj Z, DMatrixRMaj Q, double[][] P, int offset) {
        Shapes.requireColumns(this, Z, n);
        Shapes.requireSameShape(this, Z, Q);
        double[] q = Q.data;
        double[] z = Z.data;
        for (int s = 0; s < Z.numRows; s++) {
            double[] p = P[s];
            for (int j = 0, at = offset; j < outputs; j++, at += n) {
                double qj = q[s * outputs + j];
                for (int k = 0; k < n; k++) {
                    p[at + k] = qj * z[s * n + k] + 0.0;
                }
            }
            if (bias) {
                System.arraycopy(q, s * outputs, p, offset + outputs * n, outputs);
            }
        }
    }

    /**
     * A t = T z + t_b for every row, where t = (vec(T^T); t_b) has the layout of w: the layer's output
     * moved by its parameters' tangent. Z T^T, plus t_b on every row.
     */
    @Override
    public DMatrixRMaj jvpParameters(DMatrixRMaj Z, double[] t, int offset) {
        Shapes.requireColumns(this, Z, n);
        int m = Z.numRows;
        DMatrixRMaj out = new DMatrixRMaj(m, outputs);
        double[] T = Arrays.copyOfRange(t, offset, offset + outputs * n);
        Products.multTransB(m, outputs, n, Z.data, T, out.data, 0);
        if (bias) {
            for (int s = 0, at = 0; s < m; s++) {
                for (int j = 0; j < outputs; j++, at++) {
                    out.data[at] += t[offset + outputs * n + j];
                }
            }
        }
        return out;
    }

    /** B^T q = W^T q for every row: Q W. */
    @Override
    public DMatrixRMaj vjpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj Q) {
        Shapes.requireSameShape(this, Z, Q);
        DMatrixRMaj qIn = new DMatrixRMaj(Q.numRows, n);
        Products.mult(Q.numRows, n, outputs, Q.data, w, qIn.data, 0);
        return qIn;
    }

    /** B d = W d for every row: D W^T. */
    @Override
    public DMatrixRMaj jvpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj D) {
        Shapes.requireTangents(this, Z, D);
        DMatrixRMaj result = new DMatrixRMaj(D.numRows, outputs);
        Products.multTransB(D.numRows, outputs, n, D.data, w, result.data, 0);
        return result;
    }

    /** A = (I ⊗ z^T, I): row j holds z in the columns of W's row j and 1 in the column of b_j. */
    @Override
    public DMatrixRMaj parameterBlock(double[] z) {
        Shapes.requireLength(this, z, n);
        DMatrixRMaj A = new DMatrixRMaj(outputs, parameterCount());
        for (int j = 0; j < outputs; j++) {
            System.arraycopy(z, 0, A.data, j * A.numCols + j * n, n);
            if (bias) {
                A.unsafe_set(j, outputs * n + j, 1);
            }
        }
        return A;
    }

    /** A as {@link #parameterBlock}, B = W. */
    @Override
    public Jacobian jacobian(double[] z) {
        return new Jacobian(parameterBlock(z), DMatrixRMaj.wrap(outputs, n, Arrays.copyOf(w, outputs * n)));
    }

    @Override
    public String toString() {
        return "linear(" + n + " → " + outputs + (bias ? ", bias" : "") + ")";
    }
}
