package dev.mmids.gradient.backprop;

/** z if z > 0 else α(e^z - 1), with derivative α e^z for z ≤ 0, so α at z = 0 (PyTorch's convention). */
public final class Elu extends Elementwise {

    /** α, the scale for z ≤ 0. */
    public static final LayerKind.Setting ALPHA =
            new LayerKind.Setting("alpha", 1.0, "the scale for z ≤ 0", "a finite number", Double::isFinite);

    private final double alpha;

    public Elu(int n, double alpha) {
        super(n);
        this.alpha = ALPHA.require(alpha);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ELU;
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
