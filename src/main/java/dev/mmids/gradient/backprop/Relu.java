package dev.mmids.gradient.backprop;

/** max(0, z), with derivative 0 at z = 0 (PyTorch's convention). */
public final class Relu extends Elementwise {

    public Relu(int n) {
        super(n);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.RELU;
    }

    @Override
    double value(double z) {
        return z > 0 ? z : 0;
    }

    @Override
    double derivative(double z) {
        return z > 0 ? 1 : 0;
    }
}
