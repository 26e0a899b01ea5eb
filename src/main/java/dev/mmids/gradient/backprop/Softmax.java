package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/** γ(z)_k = e^{z_k} / Σ_j e^{z_j}, computed with max(z) subtracted; B = diag(γ) - γ γ^T. */
public final class Softmax extends ParameterFree {

    public Softmax(int n) {
        super(n);
    }

    /** Writes γ(a[from .. from+n)) = e^{a_k - lse(a)} to y[from .. from+n). */
    static void softmax(double[] a, int from, int n, double[] y) {
        double lse = LogSoftmax.logSumExp(a, from, n);
        for (int k = from; k < from + n; k++) {
            y[k] = Math.exp(a[k] - lse);
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SOFTMAX;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj Z) {
        Shapes.requireColumns(this, Z, n);
        DMatrixRMaj out = new DMatrixRMaj(Z.numRows, n);
        for (int s = 0; s < Z.numRows; s++) {
            softmax(Z.data, s * n, n, out.data);
        }
        return out;
    }

    /** B^T q = γ ⊙ (q - (γ·q) 1) for every row, with γ the layer's output. */
    @Override
    public DMatrixRMaj vjpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj Q) {
        Shapes.requireSameShape(this, Z, Q);
        DMatrixRMaj qIn = new DMatrixRMaj(Z.numRows, n);
        double[] y = out.data;
        double[] q = Q.data;
        for (int s = 0; s < Z.numRows; s++) {
            int from = s * n;
            double dot = 0;
            for (int k = from; k < from + n; k++) {
                dot += y[k] * q[k];
            }
            for (int k = from; k < from + n; k++) {
                qIn.data[k] = y[k] * (q[k] - dot);
            }
        }
        return qIn;
    }

    /** B d = γ ⊙ (d - (γ·d) 1) for every row: B is symmetric, so this is the product of {@link #vjpInput}. */
    @Override
    public DMatrixRMaj jvpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj D) {
        Shapes.requireTangents(this, Z, D);
        DMatrixRMaj result = new DMatrixRMaj(D.numRows, n);
        double[] y = out.data;
        double[] d = D.data;
        for (int s = 0; s < D.numRows; s++) {
            int from = s * n;
            int gamma = rowOf(Z, s) * n;
            double dot = 0;
            for (int k = 0; k < n; k++) {
                dot += y[gamma + k] * d[from + k];
            }
            for (int k = 0; k < n; k++) {
                result.data[from + k] = y[gamma + k] * (d[from + k] - dot);
            }
        }
        return result;
    }

    @Override
    public Jacobian jacobian(double[] z) {
        Shapes.requireLength(this, z, n);
        double[] y = new double[n];
        softmax(z, 0, n, y);
        DMatrixRMaj B = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                B.unsafe_set(k, j, (k == j ? y[k] : 0) - y[k] * y[j]);
            }
        }
        return inputBlockOnly(B);
    }
}
