package dev.mmids.gradient.backprop;

/**
 * (1/β) log(1 + e^{βz}), and z itself where βz > threshold (PyTorch's definition); the derivative is
 * σ(βz), and 1 above the threshold.
 */
public final class Softplus extends Elementwise {

    /** β > 0. */
    public static final LayerKind.Setting BETA = new LayerKind.Setting(
            "beta",
            1.0,
            "β, how sharply the layer bends at 0",
            "a finite number > 0",
            b -> b > 0 && Double.isFinite(b));

    /** Where βz is above it, the layer is the identity. */
    public static final LayerKind.Setting THRESHOLD = new LayerKind.Setting(
            "threshold",
            20.0,
            "above it, in units of beta·z, the layer is linear",
            "a finite number",
            Double::isFinite);

    private final double beta;
    private final double threshold;

    public Softplus(int n, double beta, double threshold) {
        super(n);
        this.beta = BETA.require(beta);
        this.threshold = THRESHOLD.require(threshold);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SOFTPLUS;
    }

    /** log(1 + e^t) = max(t, 0) + log1p(e^{-|t|}), which cannot overflow for any threshold. */
    @Override
    double value(double z) {
        double t = beta * z;
        if (t > threshold) {
            return z;
        }
        return (Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)))) / beta;
    }

    @Override
    double derivative(double z) {
        double t = beta * z;
        return t > threshold ? 1 : Sigmoid.logistic(t);
    }
}
