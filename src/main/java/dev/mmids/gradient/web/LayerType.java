package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Elu;
import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.LeakyRelu;
import dev.mmids.gradient.backprop.Linear;
import dev.mmids.gradient.backprop.LogSoftmax;
import dev.mmids.gradient.backprop.Relu;
import dev.mmids.gradient.backprop.Sigmoid;
import dev.mmids.gradient.backprop.Softmax;
import dev.mmids.gradient.backprop.Softplus;
import dev.mmids.gradient.backprop.Tanh;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The layer types of the API: what each computes, the fields it takes with their defaults, and the
 * engine's layer it makes. {@code GET /catalog} lists them as they are here.
 */
enum LayerType {
    LINEAR(
            "linear",
            "W z + b, W is outputs × n",
            "outputs·n, plus outputs with a bias",
            "w = (vec(W^T); b): the rows of W one after another (PyTorch's weight.flatten()), then b",
            new Setting("outputs", "integer", true, null, "n', the number of rows of W; at least 1"),
            new Setting("bias", "boolean", false, "true", "whether the layer adds b"),
            new Setting("parameters", "array of numbers", false, null, "w, in the per-layer form")) {
        @Override
        int outputSize(LayerSpec spec, int n) {
            return spec.outputs();
        }

        @Override
        long parameterCount(LayerSpec spec, int n) {
            return Linear.parameterCount(n, spec.outputs(), bias(spec));
        }

        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Linear(n, spec.outputs(), bias(spec), w);
        }

        private static boolean bias(LayerSpec spec) {
            return spec.bias() == null || spec.bias();
        }
    },
    SIGMOID("sigmoid", "1 / (1 + e^{-z}) for each entry; derivative σ(z) σ(-z)") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Sigmoid(n);
        }
    },
    TANH("tanh", "tanh(z) for each entry; derivative 1 - tanh²(z)") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Tanh(n);
        }
    },
    RELU("relu", "max(0, z) for each entry; derivative 0 at z = 0") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Relu(n);
        }
    },
    LEAKY_RELU(
            "leaky_relu",
            "z if z > 0 else negativeSlope·z for each entry; derivative negativeSlope at z = 0",
            new Setting("negativeSlope", "number", false, "0.01", "the slope for z ≤ 0")) {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new LeakyRelu(n, orDefault(spec.negativeSlope(), LeakyRelu.DEFAULT_NEGATIVE_SLOPE));
        }
    },
    ELU(
            "elu",
            "z if z > 0 else alpha·(e^z - 1) for each entry; derivative alpha at z = 0",
            new Setting("alpha", "number", false, "1.0", "the scale for z ≤ 0")) {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Elu(n, orDefault(spec.alpha(), Elu.DEFAULT_ALPHA));
        }
    },
    SOFTPLUS(
            "softplus",
            "(1/beta) log(1 + e^{beta·z}) for each entry, and z itself where beta·z > threshold",
            new Setting("beta", "number", false, "1.0", "β > 0"),
            new Setting("threshold", "number", false, "20.0", "above it, in units of beta·z, the layer is linear")) {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Softplus(
                    n,
                    orDefault(spec.beta(), Softplus.DEFAULT_BETA),
                    orDefault(spec.threshold(), Softplus.DEFAULT_THRESHOLD));
        }
    },
    SOFTMAX("softmax", "e^{z_k} / Σ_j e^{z_j}, computed with max(z) subtracted; B = diag(γ) - γγ^T") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Softmax(n);
        }
    },
    LOG_SOFTMAX("log_softmax", "z_k - log Σ_j e^{z_j}, computed with max(z) subtracted") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new LogSoftmax(n);
        }
    };

    /**
     * A field a layer type takes besides {@code type}.
     *
     * @param type its JSON type, in words
     * @param defaultValue the default as JSON text, or null when there is none
     */
    record Setting(String name, String type, boolean required, String defaultValue, String description) {}

    private static final String NO_PARAMETERS = "0";
    private static final String NO_LAYOUT = "no parameters";

    private final String apiName;
    private final String formula;
    private final String parameters;
    private final String layout;
    private final List<Setting> settings;

    LayerType(String apiName, String formula, String parameters, String layout, Setting... settings) {
        this.apiName = apiName;
        this.formula = formula;
        this.parameters = parameters;
        this.layout = layout;
        this.settings = List.of(settings);
    }

    LayerType(String apiName, String formula, Setting... settings) {
        this(apiName, formula, NO_PARAMETERS, NO_LAYOUT, settings);
    }

    String apiName() {
        return apiName;
    }

    String formula() {
        return formula;
    }

    /** r, in words. */
    String parameters() {
        return parameters;
    }

    /** How w^i is laid out, in words. */
    String layout() {
        return layout;
    }

    List<Setting> settings() {
        return settings;
    }

    /** The names of the fields besides {@code type} that a layer of this type may carry. */
    List<String> fields() {
        return settings.stream().map(Setting::name).toList();
    }

    /** n', for inputs of length n. */
    int outputSize(LayerSpec spec, int n) {
        return n;
    }

    /** r, for inputs of length n. */
    long parameterCount(LayerSpec spec, int n) {
        return 0;
    }

    /** The engine's layer for inputs of length n with parameters w (of length {@link #parameterCount}). */
    abstract Layer create(LayerSpec spec, int n, double[] w);

    static Optional<LayerType> byApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
    }

    static List<String> apiNames() {
        return Arrays.stream(values()).map(LayerType::apiName).toList();
    }

    private static double orDefault(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
