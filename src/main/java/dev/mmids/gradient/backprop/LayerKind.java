package dev.mmids.gradient.backprop;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * The kinds of layer the engine computes, each declared once: its name, what it computes, its settings
 * with their defaults and domains, and how to make one. Whoever lists, names or builds layers (the HTTP
 * API, the tests) takes them from here. A kind's class does the arithmetic; its settings live there too.
 */
public enum LayerKind {
    /** The one kind with parameters; its shape comes with it, so it is built by {@link Linear}'s constructor. */
    LINEAR("linear", "W z + b, W is outputs × n", null),
    SIGMOID("sigmoid", "1 / (1 + e^{-z}) for each entry; derivative σ(z) σ(-z)", (n, s) -> new Sigmoid(n)),
    TANH("tanh", "tanh(z) for each entry; derivative 1 - tanh²(z)", (n, s) -> new Tanh(n)),
    RELU("relu", "max(0, z) for each entry; derivative 0 at z = 0", (n, s) -> new Relu(n)),
    LEAKY_RELU(
            "leaky_relu",
            "z if z > 0 else negativeSlope·z for each entry; derivative negativeSlope at z = 0",
            (n, s) -> new LeakyRelu(n, s[0]),
            LeakyRelu.NEGATIVE_SLOPE),
    ELU(
            "elu",
            "z if z > 0 else alpha·(e^z - 1) for each entry; derivative alpha at z = 0",
            (n, s) -> new Elu(n, s[0]),
            Elu.ALPHA),
    SOFTPLUS(
            "softplus",
            "(1/beta) log(1 + e^{beta·z}) for each entry, and z itself where beta·z > threshold",
            (n, s) -> new Softplus(n, s[0], s[1]),
            Softplus.BETA,
            Softplus.THRESHOLD),
    SILU("silu", "z σ(z) for each entry (SiLU, also swish); derivative σ(z) (1 + z σ(-z))", (n, s) -> new Silu(n)),
    SOFTMAX(
            "softmax",
            "e^{z_k} / Σ_j e^{z_j}, computed with max(z) subtracted; B = diag(γ) - γγ^T",
            (n, s) -> new Softmax(n)),
    LOG_SOFTMAX("log_softmax", "z_k - log Σ_j e^{z_j}, computed with max(z) subtracted", (n, s) -> new LogSoftmax(n));

    /**
     * A number a kind takes besides its input, with its default and its domain, checked when a layer is
     * made.
     *
     * @param meaning what it sets, in words
     * @param domain the values it takes, in words
     */
    public record Setting(String name, double defaultValue, String meaning, String domain, DoublePredicate valid) {

        /** The value, or {@link InvalidSettingException} when it is outside the domain. */
        public double require(double value) {
            if (!valid.test(value)) {
                throw new InvalidSettingException(this, value);
            }
            return value;
        }
    }

    /** A setting outside its domain, such as softplus's beta ≤ 0. */
    public static final class InvalidSettingException extends IllegalArgumentException {

        private final transient Setting setting;
        private final double value;

        InvalidSettingException(Setting setting, double value) {
            super(setting.name() + " must be " + setting.domain() + ", got " + value);
            this.setting = setting;
            this.value = value;
        }

        public Setting setting() {
            return setting;
        }

        public double value() {
            return value;
        }
    }

    /** Makes a layer of a kind without parameters on inputs of length n, with its settings' values. */
    @FunctionalInterface
    private interface Factory {
        Layer create(int n, double[] settings);
    }

    private final String id;
    private final String formula;
    private final Factory factory;
    private final List<Setting> settings;

    LayerKind(String id, String formula, Factory factory, Setting... settings) {
        this.id = id;
        this.formula = formula;
        this.factory = factory;
        this.settings = List.of(settings);
    }

    /** The kind's name, in PyTorch's spelling: {@code "leaky_relu"}. */
    public String id() {
        return id;
    }

    /** What a layer of this kind computes, in words. */
    public String formula() {
        return formula;
    }

    public List<Setting> settings() {
        return settings;
    }

    /** Whether layers of this kind have parameters (then they are made by their own constructor). */
    public boolean hasParameters() {
        return factory == null;
    }

    /**
     * A layer of this kind on inputs of length n, with the values of its {@link #settings()} in their order.
     *
     * @throws InvalidSettingException for a value outside its setting's domain
     */
    public Layer create(int n, double... values) {
        if (factory == null) {
            throw new UnsupportedOperationException(id + " layers are made with their parameters: new Linear(...)");
        }
        if (values.length != settings.size()) {
            throw new ShapeMismatchException(id + " takes " + settings.size() + " settings, got " + values.length);
        }
        return factory.create(n, values);
    }

    /** The values of every setting left at its default. */
    public double[] defaults() {
        return settings.stream().mapToDouble(Setting::defaultValue).toArray();
    }

    public static Optional<LayerKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
