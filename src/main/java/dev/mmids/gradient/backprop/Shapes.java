package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/** Shape and value checks made before any arithmetic, so that a mistake names the layer and the sizes. */
final class Shapes {

    private Shapes() {}

    static void requireColumns(Layer layer, DMatrixRMaj Z, int n) {
        if (Z.numCols != n) {
            throw new ShapeMismatchException(layer + " takes inputs of length " + n + ", got " + Z.numCols);
        }
    }

    static void requireSameShape(Layer layer, DMatrixRMaj Z, DMatrixRMaj Q) {
        if (Q.numRows != Z.numRows || Q.numCols != layer.outputSize()) {
            throw new ShapeMismatchException(layer + " takes upstream gradients of shape " + Z.numRows + " × "
                    + layer.outputSize() + ", got " + Q.numRows + " × " + Q.numCols);
        }
    }

    /** D holds tangents of the layer's input, one per row, each at its own row of Z or all at Z's one row. */
    static void requireTangents(Layer layer, DMatrixRMaj Z, DMatrixRMaj D) {
        if (D.numCols != layer.inputSize()
                || Z.numCols != layer.inputSize()
                || (Z.numRows != D.numRows && Z.numRows != 1)) {
            throw new ShapeMismatchException(layer + " takes tangents of shape " + Z.numRows + " × " + layer.inputSize()
                    + " at inputs of shape " + Z.numRows + " × " + Z.numCols + ", got " + D.numRows + " × "
                    + D.numCols);
        }
    }

    static void requireLength(Layer layer, double[] z, int n) {
        if (z.length != n) {
            throw new ShapeMismatchException(layer + " takes inputs of length " + n + ", got " + z.length);
        }
    }

    /** y is a probability vector: entries ≥ 0 that sum to 1, for the sample at [from .. from+K). */
    static void requireProbabilityVector(double[] y, int from, int K) {
        double sum = 0;
        for (int k = from; k < from + K; k++) {
            if (y[k] < 0) {
                throw new InvalidLabelException(
                        from / K, k - from, "is negative (" + y[k] + "); a probability vector has entries ≥ 0");
            }
            sum += y[k];
        }
        if (Math.abs(sum - 1) > Loss.SIMPLEX_TOLERANCE) {
            throw new InvalidLabelException(
                    from / K,
                    -1,
                    "sums to " + sum + "; a probability vector sums to 1 (within " + Loss.SIMPLEX_TOLERANCE + ")");
        }
    }

    /** Every entry of y is in [0, 1], for the sample at [from .. from+K). */
    static void requireUnitInterval(double[] y, int from, int K) {
        for (int k = from; k < from + K; k++) {
            if (y[k] < 0 || y[k] > 1) {
                throw new InvalidLabelException(from / K, k - from, "is " + y[k] + ", outside [0, 1]");
            }
        }
    }

    /** Throws {@link NonFiniteValueException} when an entry of values[from .. from+length) is not finite. */
    static void requireFinite(double[] values, int from, int length, int i, Layer layer, String quantity) {
        for (int k = from; k < from + length; k++) {
            if (!Double.isFinite(values[k])) {
                throw NonFiniteValueException.inBackwardPass(i, layer, quantity);
            }
        }
    }

    static int firstNonFinite(double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                return k;
            }
        }
        return -1;
    }
}
