package dev.mmids.gradient.backprop;

/** σ(z) = 1 / (1 + e^{-z}), σ'(z) = σ(z) σ(-z). */
public final class Sigmoid extends Elementwise {

    public Sigmoid(int n) {
        super(n);
    }

    /** σ(t), from e^{-|t|} so that neither branch overflows. */
    static double logistic(double t) {
        double e = Math.exp(-Math.abs(t));
        return t >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SIGMOID;
    }

    @Override
    double value(double z) {
        return logistic(z);
    }

    /** σ(z) σ(-z) = e^{-|z|} / (1 + e^{-|z|})², which keeps its relative precision where σ(z) rounds to 1. */
    @Override
    double derivative(double z) {
        double e = Math.exp(-Math.abs(z));
        double d = 1 + e;
        return e / (d * d);
    }
}
