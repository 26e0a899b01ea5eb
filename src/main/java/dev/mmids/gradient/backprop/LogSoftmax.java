package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/** z_k - log Σ_j e^{z_j}, computed with max(z) subtracted; B = I - 1 γ(z)^T. */
public final class LogSoftmax extends ParameterFree {

    public LogSoftmax(int n) {
        super(n);
    }

    /** log Σ_k e^{a_k} over a[from .. from+n), as max(a) + log Σ_k e^{a_k - max(a)}. */
    static double logSumExp(double[] a, int from, int n) {
        double max = a[from];
        for (int k = from + 1; k < from + n; k++) {
            max = Math.max(max, a[k]);
        }
        double sum = 0;
        for (int k = from; k < from + n; k++) {
            sum += Math.exp(a[k] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LOG_SOFTMAX;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj Z) {
        Shapes.requireColumns(this, Z, n);
        DMatrixRMaj out = new DMatrixRMaj(Z.numRows, n);
        double[] z = Z.data;
        for (int s = 0; s < Z.numRows; s++) {
            int from = s * n;
            double lse = logSumExp(z, from, n);
            for (int k = from; k < from + n; k++) {
                out.data[k] = z[k] - lse;
            }
        }
        return out;
    }

    /** B^T q = q - γ(z) Σ_k q_k for every row, with γ(z) = e^{out}. */
    @Override
    public DMatrixRMaj vjpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj Q) {
        Shapes.requireSameShape(this, Z, Q);
        DMatrixRMaj qIn = new DMatrixRMaj(Z.numRows, n);
        double[] y = out.data;
        double[] q = Q.data;
        for (int s = 0; s < Z.numRows; s++) {
            int from = s * n;
            double sum = 0;
            for (int k = from; k < from + n; k++) {
                sum += q[k];
            }
            for (int k = from; k < from + n; k++) {
                qIn.data[k] = q[k] - Math.exp(y[k]) * sum;
            }
        }
        return qIn;
    }

    /** B d = d - (γ(z)·d) 1 for every row, with γ(z) = e^{out}. */
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
                dot += Math.exp(y[gamma + k]) * d[from + k];
            }
            for (int k = 0; k < n; k++) {
                result.data[from + k] = d[from + k] - dot;
            }
        }
        return result;
    }

    @Override
    public Jacobian jacobian(double[] z) {
        Shapes.requireLength(this, z, n);
        double[] y = new double[n];
        Softmax.softmax(z, 0, n, y);
        DMatrixRMaj B = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                B.unsafe_set(k, j, (k == j ? 1 : 0) - y[j]);
            }
        }
        return inputBlockOnly(B);
    }
}
