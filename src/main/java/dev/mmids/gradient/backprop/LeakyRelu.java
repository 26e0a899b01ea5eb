package dev.mmids.gradient.backprop;

/** z if z > 0 else s·z, with derivative s at z = 0 (PyTorch's convention). */
public final class LeakyRelu extends Elementwise {

    /** s, the slope for z ≤ 0. */
    public static final LayerKind.Setting NEGATIVE_SLOPE =
            new LayerKind.Setting("negativeSlope", 0.01, "the slope for z ≤ 0", "a finite number", Double::isFinite);

    private final double negativeSlope;

    public LeakyRelu(int n, double negativeSlope) {
        super(n);
        this.negativeSlope = NEGATIVE_SLOPE.require(negativeSlope);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LEAKY_RELU;
    }

    @Override
    double value(double z) {
        return z > 0 ? z : negativeSlope * z;
    }

    @Override
    double derivative(double z) {
        return z > 0 ? 1 : negativeSlope;
    }
}
