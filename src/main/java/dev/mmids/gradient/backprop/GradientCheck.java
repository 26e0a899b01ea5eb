package dev.mmids.gradient.backprop;

import dev.mmids.gradient.backprop.Loss.Reduction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * A gradient check as the trusted checkers define it (PyTorch's {@code gradcheck}, DL4J's
 * {@code GradientCheckUtil}): central differences (f(w + εd) - f(w - εd)) / 2ε along a random unit
 * direction d and along coordinates e_k, compared with the analytic ∇f·d and ∂f/∂w_k by the relative
 * error |a - n| / (|a| + |n|). An entry passes when that error is at most {@link #MAX_RELATIVE_ERROR},
 * or when |a - n| is below the floor that rounding alone explains: a difference quotient of f carries
 * an error of about u |f| / ε (u the unit roundoff), so entries near 0 cannot be held to a relative
 * bound.
 */
public final class GradientCheck {

    public static final double EPSILON = 1e-6;
    public static final double MAX_RELATIVE_ERROR = 1e-6;
    public static final double MIN_ABSOLUTE_ERROR = 1e-8;

    /** 100 times the unit roundoff, for the rounding floor 100 u |f| / ε. */
    private static final double ROUNDING = 100 * Math.ulp(1.0) / 2;

    private GradientCheck() {}

    /**
     * One comparison: along coordinate {@code index} of w, or along the random direction when index is -1.
     */
    public record Entry(int index, double analytic, double numerical, double relativeError, boolean passed) {}

    /**
     * @param direction the comparison along the random direction
     * @param coordinates the coordinates compared, the largest relative error first
     */
    public record Report(
            double epsilon, double absoluteErrorFloor, boolean passed, Entry direction, List<Entry> coordinates) {}

    /**
     * Checks {@code gradient}, claimed to be ∇f at the chain's parameters, on the random direction and on
     * up to {@code maxCoordinates} coordinates (all of them when there are no more), chosen with
     * {@code seed} so that the same request checks the same coordinates.
     */
    public static Report check(
            Chain chain,
            DMatrixRMaj X,
            DMatrixRMaj Y,
            Loss loss,
            Reduction reduction,
            double[] gradient,
            int maxCoordinates,
            long seed) {
        double[] w = chain.parameters();
        double f = Math.abs(chain.loss(X, Y, loss, reduction));
        Random random = new Random(seed);

        double[] d = new double[w.length];
        double norm = 0;
        for (int k = 0; k < d.length; k++) {
            d[k] = random.nextGaussian();
            norm += d[k] * d[k];
        }
        double analytic = 0;
        for (int k = 0; k < d.length; k++) {
            d[k] /= Math.sqrt(norm);
            analytic += gradient[k] * d[k];
        }
        double floor = Math.max(MIN_ABSOLUTE_ERROR, ROUNDING * f / EPSILON);
        Entry direction = compare(-1, analytic, along(chain, X, Y, loss, reduction, w, d), floor);

        List<Entry> coordinates = new ArrayList<>();
        for (int k : coordinates(w.length, maxCoordinates, random)) {
            double[] e = new double[w.length];
            e[k] = 1;
            coordinates.add(compare(k, gradient[k], along(chain, X, Y, loss, reduction, w, e), floor));
        }
        coordinates.sort(Comparator.comparingDouble(Entry::relativeError).reversed());
        boolean passed = direction.passed() && coordinates.stream().allMatch(Entry::passed);
        return new Report(EPSILON, floor, passed, direction, coordinates);
    }

    /** (f(w + εv) - f(w - εv)) / 2ε. */
    private static double along(
            Chain chain, DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Reduction reduction, double[] w, double[] v) {
        double[] plus = w.clone();
        double[] minus = w.clone();
        for (int k = 0; k < w.length; k++) {
            plus[k] += EPSILON * v[k];
            minus[k] -= EPSILON * v[k];
        }
        double up = chain.withParameters(plus).loss(X, Y, loss, reduction);
        double down = chain.withParameters(minus).loss(X, Y, loss, reduction);
        return (up - down) / (2 * EPSILON);
    }

    static Entry compare(int index, double analytic, double numerical, double floor) {
        double difference = Math.abs(analytic - numerical);
        double scale = Math.abs(analytic) + Math.abs(numerical);
        double relative = scale == 0 ? 0 : difference / scale;
        return new Entry(index, analytic, numerical, relative, relative <= MAX_RELATIVE_ERROR || difference <= floor);
    }

    /** All of 0..R-1 when R ≤ max, else max distinct ones drawn at random. */
    private static int[] coordinates(int R, int max, Random random) {
        if (R <= max) {
            return java.util.stream.IntStream.range(0, R).toArray();
        }
        return random.ints(0, R).distinct().limit(max).toArray();
    }
}
