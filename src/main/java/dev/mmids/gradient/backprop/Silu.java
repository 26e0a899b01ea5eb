package dev.mmids.gradient.backprop;

/**
 * SiLU, the sigmoid-weighted linear unit (also swish): z σ(z), with derivative σ(z) + z σ'(z) =
 * σ(z) (1 + z σ(-z)).
 */
public final class Silu extends Elementwise {

    public Silu(int n) {
        super(n);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SILU;
    }

    @Override
    double value(double z) {
        return z * Sigmoid.logistic(z);
    }

    /** σ(z) + z σ'(z), with σ'(z) as {@link Sigmoid} computes it, precise where σ(z) rounds to 1. */
    @Override
    double derivative(double z) {
        double e = Math.exp(-Math.abs(z));
        double d = 1 + e;
        return Sigmoid.logistic(z) + z * (e / (d * d));
    }
}
