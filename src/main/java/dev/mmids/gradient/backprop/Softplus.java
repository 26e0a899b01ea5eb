package dev.mmids.gradient.backprop;

/**
 * (1/β) log(1 + e^{βz}), and z itself where βz > threshold (PyTorch's definition); the derivative is
 * σ(βz), and 1 above the threshold.
 */
public final class Softplus extends Elementwise {

    public static final double DEFAULT_BETA = 1.0;
    public static final double DEFAULT_THRESHOLD = 20.0;

    private final double beta;
    private final double threshold;

    public Softplus(int n, double beta, double threshold) {
        super(n);
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("softplus needs a finite beta > 0, got " + beta);
        }
        this.beta = beta;
        this.threshold = Shapes.requireFinite("threshold", threshold);
    }

    @Override
    public String name() {
        return "softplus";
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
