package dev.mmids.gradient.backprop;

/** z if z > 0 else α(e^z - 1), with derivative α e^z for z ≤ 0, so α at z = 0 (PyTorch's convention). */
public final class Elu extends Elementwise {

    public static final double DEFAULT_ALPHA = 1.0;

    private final double alpha;

    public Elu(int n, double alpha) {
        super(n);
        this.alpha = Shapes.requireFinite("alpha", alpha);
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    double value(double z) {
        return z > 0 ? z : alpha * Math.expm1(z);
    }

    @Override
    double derivative(double z) {
        return z > 0 ? 1 : alpha * Math.exp(z);
    }
}
