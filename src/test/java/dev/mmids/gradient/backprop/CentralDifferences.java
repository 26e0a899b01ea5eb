package dev.mmids.gradient.backprop;

import java.util.function.ToDoubleFunction;

/** The numerical oracle: derivatives by central differences, and the one tolerance they are held to. */
final class CentralDifferences {

    /**
     * Central differences with step {@link #STEP} have truncation error about h²|f'''|/6 ≈ 1e-11 and
     * rounding error about ε|f|/h ≈ 1e-11 for values of order 1; analytic and numerical derivatives
     * must agree to this, relative to max(1, |numerical|).
     */
    static final double TOLERANCE = 1e-7;

    static final double STEP = 1e-5;

    private CentralDifferences() {}

    /** ∂f/∂v_k at v for every k, by (f(v + h e_k) - f(v - h e_k)) / 2h. */
    static double[] gradient(ToDoubleFunction<double[]> f, double[] v) {
        double[] g = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            double[] plus = v.clone();
            double[] minus = v.clone();
            plus[k] += STEP;
            minus[k] -= STEP;
            g[k] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * STEP);
        }
        return g;
    }

    /** The Jacobian of F: R^N → R^M at v, M × N as rows, by central differences. */
    static double[][] jacobian(java.util.function.Function<double[], double[]> F, double[] v, int M) {
        double[][] J = new double[M][v.length];
        for (int k = 0; k < v.length; k++) {
            double[] plus = v.clone();
            double[] minus = v.clone();
            plus[k] += STEP;
            minus[k] -= STEP;
            double[] up = F.apply(plus);
            double[] down = F.apply(minus);
            for (int j = 0; j < M; j++) {
                J[j][k] = (up[j] - down[j]) / (2 * STEP);
            }
        }
        return J;
    }

    /** Whether analytic and numerical values agree within {@link #TOLERANCE} everywhere. */
    static boolean agree(double[] analytic, double[] numerical) {
        return worstError(analytic, numerical) <= TOLERANCE;
    }

    /** max_k |a_k - n_k| / max(1, |n_k|), or +∞ when the lengths differ. */
    static double worstError(double[] analytic, double[] numerical) {
        if (analytic.length != numerical.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int k = 0; k < analytic.length; k++) {
            worst = Math.max(worst, Math.abs(analytic[k] - numerical[k]) / Math.max(1, Math.abs(numerical[k])));
        }
        return worst;
    }
}
