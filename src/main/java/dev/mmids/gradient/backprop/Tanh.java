package dev.mmids.gradient.backprop;

/** tanh(z), tanh'(z) = 1 - tanh²(z). */
public final class Tanh extends Elementwise {

    public Tanh(int n) {
        super(n);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.TANH;
    }

    @Override
    double value(double z) {
        return Math.tanh(z);
    }

    /** 1 - tanh²(z) = 4 e^{-2|z|} / (1 + e^{-2|z|})², free of the cancellation of 1 - tanh² where |tanh| is near 1. */
    @Override
    double derivative(double z) {
        double e = Math.exp(-2 * Math.abs(z));
        double d = 1 + e;
        return 4 * e / (d * d);
    }
}
