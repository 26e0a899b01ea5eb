package dev.mmids.gradient.web.model;

import static dev.mmids.gradient.web.model.RequestChecks.LAYERS;
import static dev.mmids.gradient.web.model.RequestChecks.at;
import static dev.mmids.gradient.web.model.RequestChecks.requireWithin;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.LayerKind;
import dev.mmids.gradient.web.problem.FieldError;
import dev.mmids.gradient.web.problem.InvalidSettingProblem;
import dev.mmids.gradient.web.problem.LimitExceededProblem;
import dev.mmids.gradient.web.problem.ParameterCountProblem;
import dev.mmids.gradient.web.problem.ParameterFormProblem;
import dev.mmids.gradient.web.problem.ShapeMismatchProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's {@link Chain} from a request's layers and parameters: each layer's settings, the widths
 * from x to the output, and the parameters in their form and number, all checked before a layer is made.
 */
final class Networks {

    private Networks() {}

    /**
     * The chain on inputs of length n.
     *
     * @param parameters the top-level w in {@code order}, or null when the layers carry their own
     * @param input the pointer to the first x, blamed when the parameters say it has another width
     */
    static Chain chain(
            List<LayerSpec> specs,
            List<LayerType> types,
            double[] parameters,
            ParameterOrder order,
            int n,
            String input,
            Limits limits) {
        int L = specs.size();
        int[] widths = new int[L + 1];
        long[] counts = new long[L];
        widths[0] = n;
        long total = 0;
        for (int i = 0; i < L; i++) {
            requireSettings(specs.get(i), types.get(i), i, limits);
            widths[i + 1] = types.get(i).outputSize(specs.get(i), widths[i]);
            counts[i] = types.get(i).parameterCount(specs.get(i), widths[i]);
            total += counts[i];
            requireWithin(total, limits.maxParameters(), parameters != null ? "/parameters" : "/layers", "parameters");
        }

        double[][] w = new ParameterLayout(specs, types, widths, counts, total, input, order).split(parameters);
        List<Layer> layers = new ArrayList<>(L);
        for (int i = 0; i < L; i++) {
            layers.add(types.get(i).create(specs.get(i), widths[i], w[i]));
        }
        return new Chain(layers);
    }

    /** The fields a layer carries belong to its type, and its settings are in their domains. */
    private static void requireSettings(LayerSpec spec, LayerType type, int i, Limits limits) {
        for (String field : spec.presentFields()) {
            if (!type.fieldNames().contains(field) && !(field.equals("parameters") && !type.isLinear())) {
                throw new InvalidSettingProblem(
                        at(LAYERS, i, field),
                        "does not apply to " + type.apiName()
                                + (type.fields().isEmpty()
                                        ? ", which takes no fields besides type"
                                        : ", which takes " + String.join(", ", type.fieldNames())));
            }
        }
        if (spec.outputs() != null) {
            if (spec.outputs() < 1) {
                throw new InvalidSettingProblem(
                        at(LAYERS, i, "outputs"), "is " + spec.outputs() + "; a linear layer has at least 1 output");
            }
            if (spec.outputs() > limits.maxLayerOutputs()) { // the pointer is built only when it is needed
                throw new LimitExceededProblem(
                        at(LAYERS, i, "outputs"), "outputs", spec.outputs(), limits.maxLayerOutputs());
            }
        }
        for (LayerKind.Setting setting : type.kind().settings()) {
            Double value = spec.setting(setting.name());
            if (value != null) {
                try {
                    setting.require(value);
                } catch (LayerKind.InvalidSettingException e) {
                    throw new InvalidSettingProblem(
                            at(LAYERS, i, setting.name()),
                            "is " + value + "; " + type.apiName() + " needs " + setting.name() + " to be "
                                    + setting.domain());
                }
            }
        }
    }

    /** w^1 .. w^L (index i - 1) from whichever form the request uses, with their lengths checked. */
    private record ParameterLayout(
            List<LayerSpec> specs,
            List<LayerType> types,
            int[] widths,
            long[] counts,
            long total,
            String input,
            ParameterOrder order) {

        double[][] split(double[] flat) {
            int L = specs.size();
            int firstCarrying = -1;
            for (int i = 0; i < L; i++) {
                if (specs.get(i).parameters() != null) {
                    if (!types.get(i).isLinear()) {
                        throw ParameterFormProblem.onParameterFreeLayer(
                                at(LAYERS, i, "parameters"), i + 1, types.get(i).apiName());
                    }
                    firstCarrying = firstCarrying < 0 ? i : firstCarrying;
                }
            }
            if (flat != null && firstCarrying >= 0) {
                throw ParameterFormProblem.both(at(LAYERS, firstCarrying, "parameters"));
            }
            return flat != null ? fromTopLevel(flat) : fromLayers(firstCarrying);
        }

        private double[][] fromTopLevel(double[] flat) {
            if (flat.length != total) {
                int first = firstWithParameters();
                requireInputWidthFits(first, flat.length - (total - counts[first]), "/parameters");
                throw new ParameterCountProblem(
                        "/parameters",
                        "the network takes " + total + " parameters (" + countsInOrder() + ")",
                        flat.length);
            }
            double[][] w = new double[specs.size()][];
            int offset = 0;
            for (int i : order.layers(specs.size())) {
                w[i - 1] = Arrays.copyOfRange(flat, offset, offset + (int) counts[i - 1]);
                offset += (int) counts[i - 1];
            }
            return w;
        }

        private double[][] fromLayers(int firstCarrying) {
            double[][] w = new double[specs.size()][];
            for (int i = 0; i < specs.size(); i++) {
                double[] own = specs.get(i).parameters();
                if (own == null && counts[i] > 0) {
                    if (firstCarrying < 0) {
                        throw ParameterFormProblem.neither();
                    }
                    throw ParameterFormProblem.missingOnLayer(
                            LAYERS.appendIndex(i).toString(), i + 1);
                }
                if (own != null && own.length != counts[i]) {
                    if (i == firstWithParameters()) {
                        requireInputWidthFits(i, own.length, at(LAYERS, i, "parameters"));
                    }
                    throw new ParameterCountProblem(
                            at(LAYERS, i, "parameters"),
                            "layer " + (i + 1) + " (" + describeLinear(specs.get(i), widths[i]) + ") takes " + counts[i]
                                    + " parameters",
                            own.length);
                }
                w[i] = own == null ? new double[0] : own;
            }
            return w;
        }

        private int firstWithParameters() {
            int first = 0;
            while (first < counts.length - 1 && counts[first] == 0) {
                first++;
            }
            return first;
        }

        /**
         * When the first linear layer's parameters are what it takes on inputs of another length, the input is
         * at fault, not the parameters: every layer before it keeps the width of x.
         *
         * @param length the parameters the request gives that layer
         */
        private void requireInputWidthFits(int first, long length, String parameters) {
            LayerSpec layer = specs.get(first);
            if (layer.outputs() == null || layer.outputs() < 1) {
                return;
            }
            long outputs = layer.outputs();
            long weights = length - (LayerType.bias(layer) ? outputs : 0);
            long implied = weights > 0 && weights % outputs == 0 ? weights / outputs : -1;
            if (implied < 1 || implied == widths[0] || implied > Integer.MAX_VALUE) {
                return;
            }
            String takes = "layer " + (first + 1) + " (" + describeLinear(layer, (int) implied)
                    + ") takes inputs of length " + implied;
            throw new ShapeMismatchProblem(List.of(
                    new FieldError(input, "has length " + widths[0] + ", but " + takes + ", by its parameters"),
                    new FieldError(
                            parameters,
                            "has " + length + " numbers for layer " + (first + 1)
                                    + ": the parameters of a linear layer on inputs of length " + implied)));
        }

        private String countsInOrder() {
            List<String> parts = new ArrayList<>();
            for (int i : order.layers(counts.length)) {
                if (counts[i - 1] > 0) {
                    parts.add("layer " + i + ": " + counts[i - 1]);
                }
            }
            return order.id().replace('-', ' ') + ": " + String.join(", ", parts);
        }
    }

    private static String describeLinear(LayerSpec spec, int n) {
        return "linear with " + count(spec.outputs(), "output") + ", " + count(n, "input")
                + (LayerType.bias(spec) ? " and bias" : " and no bias");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
