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

/** The layer types of the API: the fields each takes, their defaults, and the engine's layer they make. */
enum LayerType {
    LINEAR("linear", "outputs", "bias", "parameters") {
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
    SIGMOID("sigmoid") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Sigmoid(n);
        }
    },
    TANH("tanh") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Tanh(n);
        }
    },
    RELU("relu") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Relu(n);
        }
    },
    LEAKY_RELU("leaky_relu", "negativeSlope") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new LeakyRelu(n, orDefault(spec.negativeSlope(), LeakyRelu.DEFAULT_NEGATIVE_SLOPE));
        }
    },
    ELU("elu", "alpha") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Elu(n, orDefault(spec.alpha(), Elu.DEFAULT_ALPHA));
        }
    },
    SOFTPLUS("softplus", "beta", "threshold") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Softplus(
                    n,
                    orDefault(spec.beta(), Softplus.DEFAULT_BETA),
                    orDefault(spec.threshold(), Softplus.DEFAULT_THRESHOLD));
        }
    },
    SOFTMAX("softmax") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new Softmax(n);
        }
    },
    LOG_SOFTMAX("log_softmax") {
        @Override
        Layer create(LayerSpec spec, int n, double[] w) {
            return new LogSoftmax(n);
        }
    };

    private final String apiName;
    private final List<String> fields;

    LayerType(String apiName, String... fields) {
        this.apiName = apiName;
        this.fields = List.of(fields);
    }

    String apiName() {
        return apiName;
    }

    /** The fields besides {@code type} that a layer of this type may carry. */
    List<String> fields() {
        return fields;
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
