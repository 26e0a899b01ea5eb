package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/**
 * A parameter-free layer applying one scalar function to every entry: z' = φ(z), A is empty and B is
 * diag(φ'(z)). A kind states φ and φ' and nothing else.
 */
public abstract non-sealed class Elementwise extends ParameterFree {

    Elementwise(int n) {
        super(n);
    }

    /** φ(z). */
    abstract double value(double z);

    /** φ'(z), with the convention of PyTorch at a kink. */
    abstract double derivative(double z);

    @Override
    public final DMatrixRMaj forward(DMatrixRMaj Z) {
        Shapes.requireColumns(this, Z, n);
        DMatrixRMaj out = new DMatrixRMaj(Z.numRows, n);
        double[] z = Z.data;
        double[] y = out.data;
        for (int k = 0, size = Z.getNumElements(); k < size; k++) {
            y[k] = value(z[k]);
        }
        return out;
    }

    /** B^T q = q ⊙ φ'(z) for every row. */
    @Override
    public final DMatrixRMaj vjpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj Q) {
        Shapes.requireSameShape(this, Z, Q);
        DMatrixRMaj qIn = new DMatrixRMaj(Z.numRows, n);
        double[] z = Z.data;
        double[] q = Q.data;
        double[] result = qIn.data;
        for (int k = 0, size = Z.getNumElements(); k < size; k++) {
            result[k] = q[k] * derivative(z[k]);
        }
        return qIn;
    }

    /** B d = φ'(z) ⊙ d for every row. */
    @Override
    public final DMatrixRMaj jvpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj D) {
        Shapes.requireTangents(this, Z, D);
        DMatrixRMaj result = new DMatrixRMaj(D.numRows, n);
        double[] d = D.data;
        double[] r = result.data;
        if (Z.numRows == 1) {
            double[] derivatives = new double[n];
            for (int k = 0; k < n; k++) {
                derivatives[k] = derivative(Z.data[k]);
            }
            for (int s = 0, at = 0; s < D.numRows; s++) {
                for (int k = 0; k < n; k++, at++) {
                    r[at] = d[at] * derivatives[k];
                }
            }
        } else {
            double[] z = Z.data;
            for (int k = 0, size = D.getNumElements(); k < size; k++) {
                r[k] = d[k] * derivative(z[k]);
            }
        }
        return result;
    }

    /** A = (n × 0), B = diag(φ'(z)). */
    @Override
    public final Jacobian jacobian(double[] z) {
        Shapes.requireLength(this, z, n);
        DMatrixRMaj B = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            B.unsafe_set(k, k, derivative(z[k]));
        }
        return inputBlockOnly(B);
    }
}
