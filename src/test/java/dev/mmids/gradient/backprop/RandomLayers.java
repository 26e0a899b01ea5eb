package dev.mmids.gradient.backprop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Random layers and chains of every kind, for tests that hold each kind to the oracles. */
final class RandomLayers {

    /**
     * Every kind of layer the engine declares ({@link LayerKind}), and variants that reach other branches:
     * linear without bias, softplus with a threshold inside the inputs' range.
     */
    static final List<String> KINDS = Stream.concat(
                    Arrays.stream(LayerKind.values()).map(LayerKind::id),
                    Stream.of("linear without bias", "softplus with a low threshold"))
            .toList();

    private RandomLayers() {}

    /**
     * A layer of the given kind taking inputs of length n, with random parameters and, for the kinds listed
     * here, random settings; every other kind with its default settings.
     */
    static Layer of(String kind, int n, Random random) {
        return switch (kind) {
            case "linear" -> linear(n, 1 + random.nextInt(4), true, random);
            case "linear without bias" -> linear(n, 1 + random.nextInt(4), false, random);
            case "leaky_relu" -> new LeakyRelu(n, 0.5 * random.nextDouble());
            case "elu" -> new Elu(n, 0.5 + random.nextDouble());
            case "softplus" -> new Softplus(n, 0.5 + 2 * random.nextDouble(), Softplus.THRESHOLD.defaultValue());
            case "softplus with a low threshold" -> new Softplus(n, 1.5, 0.7);
            default -> {
                LayerKind known = LayerKind.byId(kind).orElseThrow(() -> new IllegalArgumentException(kind));
                yield known.create(n, known.defaults());
            }
        };
    }

    static Linear linear(int n, int outputs, boolean bias, Random random) {
        return new Linear(n, outputs, bias, normal(random, (int) Linear.parameterCount(n, outputs, bias), 1));
    }

    /** The same kind of layer with other parameters w (a linear layer; others have none). */
    static Layer withParameters(Layer layer, double[] w) {
        if (layer instanceof Linear linear) {
            boolean bias = w.length > linear.outputSize() * linear.inputSize();
            return new Linear(linear.inputSize(), linear.outputSize(), bias, w);
        }
        return layer;
    }

    /** The same chain with other parameters w = (w^L; ...; w^1). */
    static Chain withParameters(Chain chain, double[] w) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 1; i <= chain.depth(); i++) {
            int from = chain.offset(i);
            int r = chain.layer(i).parameterCount();
            layers.add(withParameters(chain.layer(i), java.util.Arrays.copyOfRange(w, from, from + r)));
        }
        return new Chain(layers);
    }

    /** A chain of 1..maxDepth random layers on inputs of length n. */
    static Chain chain(int n, int maxDepth, Random random) {
        int depth = 1 + random.nextInt(maxDepth);
        List<Layer> layers = new ArrayList<>();
        int width = n;
        for (int i = 0; i < depth; i++) {
            Layer layer = of(KINDS.get(random.nextInt(KINDS.size())), width, random);
            layers.add(layer);
            width = layer.outputSize();
        }
        return new Chain(layers);
    }

    static double[] normal(Random random, int length, double scale) {
        double[] v = new double[length];
        for (int k = 0; k < length; k++) {
            v[k] = scale * random.nextGaussian();
        }
        return v;
    }
}
