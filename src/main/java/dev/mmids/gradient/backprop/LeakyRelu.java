package dev.mmids.gradient.backprop;

/** z if z > 0 else s·z, with derivative s at z = 0 (PyTorch's convention). */
public final class LeakyRelu extends Elementwise {

    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    private final double negativeSlope;

    public LeakyRelu(int n, double negativeSlope) {
        super(n);
        this.negativeSlope = Shapes.requireFinite("negativeSlope", negativeSlope);
    }

    @Override
    public String name() {
        return "leaky_relu";
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
