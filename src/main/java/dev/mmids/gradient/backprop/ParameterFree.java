package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/** A layer without parameters that keeps the width n: r = 0, n' = n, p is empty and A is n × 0. */
abstract sealed class ParameterFree implements Layer permits Elementwise, Softmax, LogSoftmax {

    static final double[] NO_PARAMETERS = new double[0];

    final int n;

    ParameterFree(int n) {
        if (n < 1) {
            throw new ShapeMismatchException(kind() + " needs a positive width, got " + n);
        }
        this.n = n;
    }

    @Override
    public final int inputSize() {
        return n;
    }

    @Override
    public final int outputSize() {
        return n;
    }

    @Override
    public final int parameterCount() {
        return 0;
    }

    @Override
    public final double[] parameters() {
        return NO_PARAMETERS;
    }

    @Override
    public final Layer withParameters(double[] w) {
        if (w.length != 0) {
            throw new ShapeMismatchException(kind() + " has no parameters, got " + w.length);
        }
        return this;
    }

    /** A^T q is empty: nothing to write. */
    @Override
    public final void vjpParameters(DMatrixRMaj Z, DMatrixRMaj Q, double[] p, int offset) {}

    /** Every A(z_s)^T q_s is empty. */
    @Override
    public final void vjpParametersEach(DMatrixRMaj Z, DMatrixRMaj Q, double[][] P, int offset) {}

    /** A t = 0: the layer has no parameters to move. */
    @Override
    public final DMatrixRMaj jvpParameters(DMatrixRMaj Z, double[] t, int offset) {
        Shapes.requireColumns(this, Z, n);
        return new DMatrixRMaj(Z.numRows, n);
    }

    /** A = (n × 0). */
    @Override
    public final DMatrixRMaj parameterBlock(double[] z) {
        Shapes.requireLength(this, z, n);
        return new DMatrixRMaj(n, 0);
    }

    /** (A, B) with A = (n × 0). */
    final Jacobian inputBlockOnly(DMatrixRMaj B) {
        return new Jacobian(new DMatrixRMaj(n, 0), B);
    }

    /** The row of Z under row s of a matrix of tangents: its own, or Z's only row. */
    static int rowOf(DMatrixRMaj Z, int s) {
        return Z.numRows == 1 ? 0 : s;
    }

    @Override
    public String toString() {
        return kind() + "(" + n + ")";
    }
}
