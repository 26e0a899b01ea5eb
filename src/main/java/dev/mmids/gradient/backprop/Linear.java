package dev.mmids.gradient.backprop;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * z' = W z + b, W is n' × n. The parameters are w = (vec(W^T); b): the rows of W one after another
 * (PyTorch's {@code weight.flatten()}), then b when the layer has a bias.
 */
public final class Linear implements Layer {

    private final int n;
    private final int outputs;
    private final DMatrixRMaj W;
    private final double[] b;

    /**
     * @param w the parameters (vec(W^T); b), of length {@link #parameterCount(int, int, boolean)}; copied
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
        this.W = new DMatrixRMaj(outputs, inputs);
        System.arraycopy(w, 0, W.data, 0, outputs * inputs);
        this.b = bias ? Arrays.copyOfRange(w, outputs * inputs, w.length) : null;
    }

    /** r = n'·n, plus n' with a bias; a long, because a request may ask for more than an int holds. */
    public static long parameterCount(int inputs, int outputs, boolean bias) {
        return (long) outputs * inputs + (bias ? outputs : 0);
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public int inputSize() {
        return n;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public int parameterCount() {
        return outputs * n + (b == null ? 0 : outputs);
    }

    @Override
    public double[] parameters() {
        double[] w = new double[parameterCount()];
        System.arraycopy(W.data, 0, w, 0, W.data.length);
        if (b != null) {
            System.arraycopy(b, 0, w, W.data.length, b.length);
        }
        return w;
    }

    @Override
    public Linear withParameters(double[] w) {
        return new Linear(n, outputs, b != null, w);
    }

    /** Z' = Z W^T + 1 b^T. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj Z) {
        Shapes.requireColumns(this, Z, n);
        DMatrixRMaj out = new DMatrixRMaj(Z.numRows, outputs);
        CommonOps_DDRM.multTransB(Z, W, out);
        if (b != null) {
            double[] y = out.data;
            for (int s = 0, at = 0; s < Z.numRows; s++) {
                for (int j = 0; j < outputs; j++, at++) {
                    y[at] += b[j];
                }
            }
        }
        return out;
    }

    /** p = (vec(Q^T Z); Q^T 1): the rows q ⊗ z and q, summed over the batch. */
    @Override
    public double[] vjpParameters(DMatrixRMaj Z, DMatrixRMaj Q) {
        Shapes.requireColumns(this, Z, n);
        Shapes.requireSameShape(this, Z, Q);
        double[] p = new double[parameterCount()];
        if (b == null) {
            CommonOps_DDRM.multTransA(Q, Z, DMatrixRMaj.wrap(outputs, n, p));
            return p;
        }
        DMatrixRMaj dW = new DMatrixRMaj(outputs, n);
        CommonOps_DDRM.multTransA(Q, Z, dW);
        System.arraycopy(dW.data, 0, p, 0, dW.data.length);
        double[] q = Q.data;
        for (int s = 0, at = 0; s < Q.numRows; s++) {
            for (int j = 0; j < outputs; j++, at++) {
                p[outputs * n + j] += q[at];
            }
        }
        return p;
    }

    /** B^T q = W^T q for every row: Q W. */
    @Override
    public DMatrixRMaj vjpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj Q) {
        Shapes.requireSameShape(this, Z, Q);
        DMatrixRMaj qIn = new DMatrixRMaj(Q.numRows, n);
        CommonOps_DDRM.mult(Q, W, qIn);
        return qIn;
    }

    /** A = (I ⊗ z^T, I): row j holds z in the columns of W's row j and 1 in the column of b_j; B = W. */
    @Override
    public Jacobian jacobian(double[] z) {
        Shapes.requireLength(this, z, n);
        DMatrixRMaj A = new DMatrixRMaj(outputs, parameterCount());
        for (int j = 0; j < outputs; j++) {
            System.arraycopy(z, 0, A.data, j * A.numCols + j * n, n);
            if (b != null) {
                A.unsafe_set(j, outputs * n + j, 1);
            }
        }
        return new Jacobian(A, W.copy());
    }

    @Override
    public String toString() {
        return "linear(" + n + " → " + outputs + (b == null ? "" : ", bias") + ")";
    }
}
