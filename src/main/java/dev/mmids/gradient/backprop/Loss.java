package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/**
 * The losses l_y(z) of one sample, each with its value and its gradient ∇l_y(z) side by side. A
 * batch holds one sample per row of Z and Y (m × K).
 */
public enum Loss {
    /** -Σ_k y_k log z_k, for a probability vector z; ∇ = -y ⊘ z. */
    CROSS_ENTROPY("cross_entropy") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            double sum = 0;
            for (int k = from; k < from + K; k++) {
                requireProbability(this, z, from, K, k);
                if (y[k] != 0) {
                    if (!(z[k] > 0)) {
                        throw new OutputOutsideDomainException(
                                this, from / K, k - from, z[k], "is not positive where y is");
                    }
                    sum -= y[k] * Math.log(z[k]);
                }
            }
            return sum;
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            for (int k = from; k < from + K; k++) {
                g[k] = y[k] == 0 ? 0 : -scale * y[k] / z[k];
            }
        }

        @Override
        void checkLabel(double[] y, int from, int K) {
            Shapes.requireProbabilityVector(y, from, K);
        }

        /** After a final softmax, the loss of its input z is -Σ y_k log γ(z)_k: cross_entropy_logits. */
        @Override
        public Loss onLogits(Layer last) {
            return last instanceof Softmax ? CROSS_ENTROPY_LOGITS : null;
        }
    },

    /** -Σ_k y_k log γ(z)_k = Σ_k y_k (lse(z) - z_k); ∇ = (Σ_k y_k) γ(z) - y. */
    CROSS_ENTROPY_LOGITS("cross_entropy_logits") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            double lse = LogSoftmax.logSumExp(z, from, K);
            double sum = 0;
            for (int k = from; k < from + K; k++) {
                sum += y[k] * (lse - z[k]);
            }
            return sum;
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            Softmax.softmax(z, from, K, g);
            double mass = 0;
            for (int k = from; k < from + K; k++) {
                mass += y[k];
            }
            for (int k = from; k < from + K; k++) {
                g[k] = scale * (mass * g[k] - y[k]);
            }
        }

        @Override
        void checkLabel(double[] y, int from, int K) {
            Shapes.requireProbabilityVector(y, from, K);
        }
    },

    /** Σ_k (z_k - y_k)²; ∇ = 2 (z - y). */
    SQUARED_ERROR("squared_error") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            return sumOfSquares(z, y, from, K);
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            difference(z, y, from, K, 2 * scale, g);
        }
    },

    /** ½ Σ_k (z_k - y_k)²; ∇ = z - y. */
    HALF_SQUARED_ERROR("half_squared_error") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            return sumOfSquares(z, y, from, K) / 2;
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            difference(z, y, from, K, scale, g);
        }
    },

    /** (1/K) Σ_k (z_k - y_k)²; ∇ = (2/K) (z - y). */
    MEAN_SQUARED_ERROR("mean_squared_error") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            return sumOfSquares(z, y, from, K) / K;
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            difference(z, y, from, K, 2 * scale / K, g);
        }
    },

    /** -Σ_k [y_k log z_k + (1 - y_k) log(1 - z_k)], for z in (0, 1); ∇ = -y ⊘ z + (1 - y) ⊘ (1 - z). */
    BINARY_CROSS_ENTROPY("binary_cross_entropy") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            double sum = 0;
            for (int k = from; k < from + K; k++) {
                requireProbability(this, z, from, K, k);
                if (y[k] != 0) {
                    if (!(z[k] > 0)) {
                        throw new OutputOutsideDomainException(
                                this, from / K, k - from, z[k], "is not positive where y is");
                    }
                    sum -= y[k] * Math.log(z[k]);
                }
                if (y[k] != 1) {
                    if (!(z[k] < 1)) {
                        throw new OutputOutsideDomainException(
                                this, from / K, k - from, z[k], "is not below 1 where 1 - y is positive");
                    }
                    sum -= (1 - y[k]) * Math.log1p(-z[k]);
                }
            }
            return sum;
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            for (int k = from; k < from + K; k++) {
                double d = 0;
                if (y[k] != 0) {
                    d -= y[k] / z[k];
                }
                if (y[k] != 1) {
                    d += (1 - y[k]) / (1 - z[k]);
                }
                g[k] = scale * d;
            }
        }

        @Override
        void checkLabel(double[] y, int from, int K) {
            Shapes.requireUnitInterval(y, from, K);
        }

        /** After a final sigmoid, the loss of its input z is binary_cross_entropy_logits. */
        @Override
        public Loss onLogits(Layer last) {
            return last instanceof Sigmoid ? BINARY_CROSS_ENTROPY_LOGITS : null;
        }
    },

    /** The same on σ(z): Σ_k [max(z_k, 0) - z_k y_k + log(1 + e^{-|z_k|})]; ∇ = σ(z) - y. */
    BINARY_CROSS_ENTROPY_LOGITS("binary_cross_entropy_logits") {
        @Override
        double value(double[] z, double[] y, int from, int K) {
            double sum = 0;
            for (int k = from; k < from + K; k++) {
                sum += Math.max(z[k], 0) - z[k] * y[k] + Math.log1p(Math.exp(-Math.abs(z[k])));
            }
            return sum;
        }

        @Override
        void gradient(double[] z, double[] y, int from, int K, double scale, double[] g) {
            for (int k = from; k < from + K; k++) {
                g[k] = scale * (Sigmoid.logistic(z[k]) - y[k]);
            }
        }

        @Override
        void checkLabel(double[] y, int from, int K) {
            Shapes.requireUnitInterval(y, from, K);
        }
    };

    /** How far the entries of a probability vector y may sum from 1. */
    public static final double SIMPLEX_TOLERANCE = 1e-6;

    /** How the per-sample losses and gradients of a batch combine. */
    public enum Reduction {
        /** (1/m) Σ_s, the course's empirical risk. */
        MEAN,
        /** Σ_s. */
        SUM
    }

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** The loss's name, in PyTorch's spelling where PyTorch has it: {@code "cross_entropy"}. */
    public String id() {
        return id;
    }

    /** Whether y is a distribution over the outputs as classes, so that a class k can stand for e_{k+1}. */
    public boolean hasClasses() {
        return this == CROSS_ENTROPY || this == CROSS_ENTROPY_LOGITS;
    }

    /** l_y(z) for the sample in z[from .. from+K) and y[from .. from+K). */
    abstract double value(double[] z, double[] y, int from, int K);

    /** Writes scale · ∇l_y(z) for the sample at [from .. from+K) to g[from .. from+K). */
    abstract void gradient(double[] z, double[] y, int from, int K, double scale, double[] g);

    /** Throws {@link InvalidLabelException} when y is outside the loss's domain; any finite y is fine by default. */
    void checkLabel(double[] y, int from, int K) {}

    /**
     * The loss that, applied to the input of the network's {@code last} layer, equals this loss applied
     * to its output and is computed stably (no logarithm of an underflowed probability); null when
     * there is none.
     */
    public Loss onLogits(Layer last) {
        return null;
    }

    /** Σ_s l_{y_s}(z_s) over the rows of Z and Y (m × K). */
    public double sum(DMatrixRMaj Z, DMatrixRMaj Y) {
        double sum = 0;
        for (double value : values(Z, Y)) {
            sum += value;
        }
        return sum;
    }

    /** l_{y_s}(z_s) for every row s of Z and Y (m × K). */
    public double[] values(DMatrixRMaj Z, DMatrixRMaj Y) {
        requireSameShape(Z, Y);
        double[] values = new double[Z.numRows];
        for (int s = 0, K = Z.numCols; s < Z.numRows; s++) {
            values[s] = value(Z.data, Y.data, s * K, K);
        }
        return values;
    }

    /** The rows scale · ∇l_{y_s}(z_s), m × K. */
    public DMatrixRMaj gradient(DMatrixRMaj Z, DMatrixRMaj Y, double scale) {
        requireSameShape(Z, Y);
        DMatrixRMaj G = new DMatrixRMaj(Z.numRows, Z.numCols);
        for (int s = 0, K = Z.numCols; s < Z.numRows; s++) {
            gradient(Z.data, Y.data, s * K, K, scale, G.data);
        }
        return G;
    }

    /** Throws {@link InvalidLabelException} naming the first row of Y outside the loss's domain. */
    public void checkLabels(DMatrixRMaj Y) {
        for (int s = 0, K = Y.numCols; s < Y.numRows; s++) {
            checkLabel(Y.data, s * K, K);
        }
    }

    private void requireSameShape(DMatrixRMaj Z, DMatrixRMaj Y) {
        if (Z.numRows != Y.numRows || Z.numCols != Y.numCols) {
            throw new ShapeMismatchException(id + " takes labels of the outputs' shape " + Z.numRows + " × " + Z.numCols
                    + ", got " + Y.numRows + " × " + Y.numCols);
        }
    }

    private static double sumOfSquares(double[] z, double[] y, int from, int K) {
        double sum = 0;
        for (int k = from; k < from + K; k++) {
            double d = z[k] - y[k];
            sum += d * d;
        }
        return sum;
    }

    private static void difference(double[] z, double[] y, int from, int K, double scale, double[] g) {
        for (int k = from; k < from + K; k++) {
            g[k] = scale * (z[k] - y[k]);
        }
    }

    /** The losses on probabilities take outputs in [0, 1]; any other output means the network does not end as it should. */
    private static void requireProbability(Loss loss, double[] z, int from, int K, int k) {
        if (!(z[k] >= 0 && z[k] <= 1)) {
            throw new OutputOutsideDomainException(loss, from / K, k - from, z[k], "is not a probability in [0, 1]");
        }
    }
}
