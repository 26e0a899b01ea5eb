package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.InvalidLabelException;
import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Reduction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Component;

/**
 * Turns a request into the engine's chain and matrices, checking every rule of the API first: the
 * 400s (missing fields, unknown types, non-finite numbers) before the 422s (limits, forms, sizes,
 * labels), and all of them before any arithmetic. The one place where JSON arrays become matrices.
 */
@Component
class ModelAssembler {

    /** At most this many pointers are listed for one kind of problem; the detail gives the count. */
    private static final int MAX_LISTED = 20;

    private final Limits limits;

    ModelAssembler(Limits limits) {
        this.limits = limits;
    }

    /**
     * A checked request, ready for the engine.
     *
     * @param Y the labels, or null when the request has no loss
     * @param loss null when the request has none
     */
    record Model(Chain chain, DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Reduction reduction, boolean batch) {}

    /** What the three model requests share; a request without a field has null there. */
    record Parts(
            List<LayerSpec> layers,
            double[] parameters,
            double[] x,
            double[] y,
            List<Sample> samples,
            LossSpec loss,
            String reduction) {}

    /** POST /gradient: a loss and labels are required. */
    Model gradient(GradientRequest r) {
        if (r.loss() == null) {
            throw new MissingFieldException(List.of("/loss"));
        }
        return assemble(new Parts(r.layers(), r.parameters(), r.x(), r.y(), r.samples(), r.loss(), r.reduction()));
    }

    /** POST /forward: a loss is optional, and labels come with it. */
    Model forward(ForwardRequest r) {
        return assemble(new Parts(r.layers(), r.parameters(), r.x(), r.y(), r.samples(), r.loss(), r.reduction()));
    }

    /** POST /jacobian: one input, no loss. */
    Model jacobian(JacobianRequest r) {
        if (r.x() == null && r.layers() != null) {
            throw new MissingFieldException(List.of("/x"));
        }
        return assemble(new Parts(r.layers(), r.parameters(), r.x(), null, null, null, null));
    }

    private Model assemble(Parts parts) {
        List<LayerType> types = layerTypes(parts.layers());
        Loss loss = parts.loss() == null ? null : loss(parts.loss());
        Reduction reduction = reduction(parts.reduction());
        requireSampleFields(parts.x(), parts.y(), parts.samples(), loss != null);
        requireFinite(parts);
        if (loss == null) {
            requireNoLabels(parts.y(), parts.samples());
        }

        if (parts.layers().isEmpty()) {
            throw new SizeMismatchException("/layers", "is empty; a network has at least one layer");
        }
        requireWithin(parts.layers().size(), limits.maxLayers(), "/layers", "layers");
        Batch batch = batch(parts.x(), parts.y(), parts.samples());
        Chain chain = chain(parts.layers(), types, parts.parameters(), batch.width(), batch.inputPointer(0));
        if (loss == null) {
            return new Model(chain, batch.inputs(), null, null, reduction, batch.isBatch());
        }
        DMatrixRMaj Y = batch.labels(chain.outputSize());
        try {
            loss.checkLabels(Y);
        } catch (InvalidLabelException e) {
            String pointer = batch.labelPointer(e.sample());
            throw new LabelOutsideDomainException(
                    e.index() < 0 ? pointer : Pointer.element(pointer, e.index()), loss.apiName(), e.problem());
        }
        return new Model(chain, batch.inputs(), Y, loss, reduction, batch.isBatch());
    }

    /**
     * A trace is of one sample, and its matrices must fit the trace limit; checked before any work.
     *
     * @return the numbers the trace holds
     */
    long requireTraceable(Model model) {
        if (model.batch()) {
            throw SampleFormException.traceOfABatch();
        }
        Chain chain = model.chain();
        long entries = chain.outputSize();
        for (int i = 1; i <= chain.depth(); i++) {
            long n = chain.layer(i).inputSize();
            long next = chain.layer(i).outputSize();
            long r = chain.layer(i).parameterCount();
            entries += n + next + next * (r + n) + r + n;
        }
        requireWithin(entries, limits.maxTraceEntries(), "/trace", "trace entries");
        return entries;
    }

    /**
     * J_{O_i} = (A_i, B_i J_{O_{i-1}}) must fit the Jacobian limit at every i; checked before any work.
     *
     * @return the entries of the largest J_{O_i}
     */
    long requireJacobianWithin(Model model) {
        Chain chain = model.chain();
        long columns = 0;
        long largest = 0;
        for (int i = 1; i <= chain.depth(); i++) {
            columns += chain.layer(i).parameterCount();
            largest = Math.max(largest, columns * chain.layer(i).outputSize());
        }
        requireWithin(largest, limits.maxJacobianEntries(), "/layers", "Jacobian entries");
        return largest;
    }

    /** The rows of M, for JSON. */
    static double[][] rows(DMatrixRMaj M) {
        double[][] rows = new double[M.numRows][];
        for (int j = 0; j < M.numRows; j++) {
            rows[j] = Arrays.copyOfRange(M.data, j * M.numCols, (j + 1) * M.numCols);
        }
        return rows;
    }

    // ---- 400: fields present, types known, numbers finite

    private static List<LayerType> layerTypes(List<LayerSpec> layers) {
        if (layers == null) {
            throw new MissingFieldException(List.of("/layers"));
        }
        List<String> missing = new ArrayList<>();
        List<LayerType> types = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String at = Pointer.element("/layers", i);
            if (layer == null) {
                throw new WrongTypeException(at, "a layer object");
            }
            if (layer.type() == null) {
                missing.add(Pointer.field(at, "type"));
                continue;
            }
            LayerType type = LayerType.byApiName(layer.type())
                    .orElseThrow(() -> new UnknownTypeException(
                            Pointer.field(at, "type"), "layer type", layer.type(), LayerType.apiNames()));
            if (type == LayerType.LINEAR && layer.outputs() == null) {
                missing.add(Pointer.field(at, "outputs"));
            }
            types.add(type);
        }
        requireNone(missing);
        return types;
    }

    private static Loss loss(LossSpec loss) {
        if (loss == null || loss.type() == null) {
            throw new MissingFieldException(List.of(loss == null ? "/loss" : "/loss/type"));
        }
        return Arrays.stream(Loss.values())
                .filter(l -> l.apiName().equals(loss.type()))
                .findFirst()
                .orElseThrow(() -> new UnknownTypeException(
                        "/loss/type",
                        "loss type",
                        loss.type(),
                        Arrays.stream(Loss.values()).map(Loss::apiName).toList()));
    }

    private static Reduction reduction(String reduction) {
        if (reduction == null) {
            return Reduction.MEAN;
        }
        return Arrays.stream(Reduction.values())
                .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(reduction))
                .findFirst()
                .orElseThrow(
                        () -> new UnknownTypeException("/reduction", "reduction", reduction, List.of("mean", "sum")));
    }

    /** Labels come with a loss: y beside x, and y in every sample. */
    private static void requireSampleFields(double[] x, double[] y, List<Sample> samples, boolean labels) {
        List<String> missing = new ArrayList<>();
        if (x != null && y == null && labels) {
            missing.add("/y");
        }
        if (samples != null) {
            for (int s = 0; s < samples.size(); s++) {
                String at = Pointer.element("/samples", s);
                Sample sample = samples.get(s);
                if (sample == null) {
                    throw new WrongTypeException(at, "a sample object {\"x\": [...], \"y\": [...]}");
                }
                if (sample.x() == null) {
                    missing.add(Pointer.field(at, "x"));
                }
                if (sample.y() == null && labels) {
                    missing.add(Pointer.field(at, "y"));
                }
            }
        }
        requireNone(missing);
    }

    /** Without a loss, a request has no labels: a 422 that points at them, not a 400 for the loss. */
    private static void requireNoLabels(double[] y, List<Sample> samples) {
        List<String> labels = new ArrayList<>();
        int count = 0;
        if (y != null) {
            labels.add("/y");
            count++;
        }
        for (int s = 0; samples != null && s < samples.size(); s++) {
            if (samples.get(s).y() != null) {
                if (labels.size() < MAX_LISTED) {
                    labels.add(Pointer.field(Pointer.element("/samples", s), "y"));
                }
                count++;
            }
        }
        if (count > 0) {
            throw SampleFormException.labelsWithoutLoss(labels, count);
        }
    }

    private static void requireNone(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new MissingFieldException(missing.subList(0, Math.min(missing.size(), MAX_LISTED)));
        }
    }

    private static void requireFinite(Parts request) {
        FiniteCheck check = new FiniteCheck();
        for (int i = 0; i < request.layers().size(); i++) {
            LayerSpec layer = request.layers().get(i);
            String at = Pointer.element("/layers", i);
            check.array(Pointer.field(at, "parameters"), layer.parameters());
            check.number(Pointer.field(at, "negativeSlope"), layer.negativeSlope());
            check.number(Pointer.field(at, "alpha"), layer.alpha());
            check.number(Pointer.field(at, "beta"), layer.beta());
            check.number(Pointer.field(at, "threshold"), layer.threshold());
        }
        check.array("/parameters", request.parameters());
        check.array("/x", request.x());
        check.array("/y", request.y());
        if (request.samples() != null) {
            for (int s = 0; s < request.samples().size(); s++) {
                String at = Pointer.element("/samples", s);
                check.array(Pointer.field(at, "x"), request.samples().get(s).x());
                check.array(Pointer.field(at, "y"), request.samples().get(s).y());
            }
        }
        check.throwIfAny();
    }

    /** Collects the pointers of non-finite numbers: JSON has no NaN, but Jackson reads "NaN" and 1e999. */
    private static final class FiniteCheck {
        private final List<String> pointers = new ArrayList<>();
        private int count;

        void array(String pointer, double[] values) {
            if (values != null) {
                for (int k = 0; k < values.length; k++) {
                    if (!Double.isFinite(values[k])) {
                        found(Pointer.element(pointer, k));
                    }
                }
            }
        }

        void number(String pointer, Double value) {
            if (value != null && !Double.isFinite(value)) {
                found(pointer);
            }
        }

        private void found(String pointer) {
            if (pointers.size() < MAX_LISTED) {
                pointers.add(pointer);
            }
            count++;
        }

        void throwIfAny() {
            if (count > 0) {
                throw new NonFiniteNumberException(pointers, count);
            }
        }
    }

    // ---- 422: limits, forms, sizes

    static void requireWithin(long actual, long limit, String pointer, String what) {
        if (actual > limit) {
            throw new LimitExceededException(pointer, what, actual, limit);
        }
    }

    /** The samples of a request: one (x, y) or a batch. */
    private record Batch(double[] x, double[] y, List<Sample> samples) {

        boolean isBatch() {
            return samples != null;
        }

        int size() {
            return isBatch() ? samples.size() : 1;
        }

        int width() {
            return isBatch() ? samples.get(0).x().length : x.length;
        }

        String inputPointer(int s) {
            return isBatch() ? Pointer.field(Pointer.element("/samples", s), "x") : "/x";
        }

        String labelPointer(int s) {
            return isBatch() ? Pointer.field(Pointer.element("/samples", s), "y") : "/y";
        }

        double[] input(int s) {
            return isBatch() ? samples.get(s).x() : x;
        }

        double[] label(int s) {
            return isBatch() ? samples.get(s).y() : y;
        }

        /** X, one sample per row. */
        DMatrixRMaj inputs() {
            return rows(width(), this::input);
        }

        /** Y, one sample per row, after checking every label has the network's output length K. */
        DMatrixRMaj labels(int K) {
            for (int s = 0; s < size(); s++) {
                if (label(s).length != K) {
                    throw new SizeMismatchException(
                            labelPointer(s),
                            "has length " + label(s).length + ", but the network's output h_x(w) has length " + K);
                }
            }
            return rows(K, this::label);
        }

        private DMatrixRMaj rows(int width, java.util.function.IntFunction<double[]> row) {
            if (!isBatch()) {
                return DMatrixRMaj.wrap(1, width, row.apply(0));
            }
            DMatrixRMaj M = new DMatrixRMaj(size(), width);
            for (int s = 0; s < size(); s++) {
                System.arraycopy(row.apply(s), 0, M.data, s * width, width);
            }
            return M;
        }
    }

    private Batch batch(double[] x, double[] y, List<Sample> samples) {
        if (x != null && samples != null) {
            throw SampleFormException.both();
        }
        if (x == null && samples == null) {
            throw SampleFormException.neither();
        }
        if (samples != null && y != null) {
            throw SampleFormException.labelBesideBatch();
        }
        if (samples != null) {
            requireWithin(samples.size(), limits.maxSamples(), "/samples", "samples");
        }
        Batch batch = new Batch(x, y, samples);
        int n = batch.width();
        if (n == 0) {
            throw new SizeMismatchException(batch.inputPointer(0), "is empty; an input has at least one entry");
        }
        requireWithin(n, limits.maxLayerOutputs(), batch.inputPointer(0), "entries in x");
        for (int s = 1; s < batch.size(); s++) {
            if (batch.input(s).length != n) {
                throw new SizeMismatchException(
                        batch.inputPointer(s),
                        "has length " + batch.input(s).length + ", but the first sample's x has length " + n);
            }
        }
        return batch;
    }

    /** The engine's chain on inputs of length n: settings, widths and parameter counts checked first. */
    private Chain chain(List<LayerSpec> specs, List<LayerType> types, double[] parameters, int n, String input) {
        int L = specs.size();
        int[] widths = new int[L + 1];
        long[] counts = new long[L];
        widths[0] = n;
        long total = 0;
        for (int i = 0; i < L; i++) {
            requireSettings(specs.get(i), types.get(i), i);
            widths[i + 1] = types.get(i).outputSize(specs.get(i), widths[i]);
            counts[i] = types.get(i).parameterCount(specs.get(i), widths[i]);
            total += counts[i];
            requireWithin(total, limits.maxParameters(), parameters != null ? "/parameters" : "/layers", "parameters");
        }

        double[][] w = parametersOfEachLayer(specs, types, parameters, widths, counts, total, input);
        List<Layer> layers = new ArrayList<>(L);
        for (int i = 0; i < L; i++) {
            layers.add(types.get(i).create(specs.get(i), widths[i], w[i]));
        }
        return new Chain(layers);
    }

    private void requireSettings(LayerSpec spec, LayerType type, int i) {
        String at = Pointer.element("/layers", i);
        for (String field : spec.presentFields()) {
            if (!type.fields().contains(field) && !(field.equals("parameters") && type != LayerType.LINEAR)) {
                throw new InvalidSettingException(
                        Pointer.field(at, field),
                        "does not apply to " + type.apiName()
                                + (type.fields().isEmpty()
                                        ? ", which takes no fields besides type"
                                        : ", which takes " + String.join(", ", type.fields())));
            }
        }
        if (spec.outputs() != null) {
            if (spec.outputs() < 1) {
                throw new InvalidSettingException(
                        Pointer.field(at, "outputs"),
                        "is " + spec.outputs() + "; a linear layer has at least 1 output");
            }
            requireWithin(spec.outputs(), limits.maxLayerOutputs(), Pointer.field(at, "outputs"), "outputs");
        }
        if (spec.beta() != null && !(spec.beta() > 0)) {
            throw new InvalidSettingException(
                    Pointer.field(at, "beta"), "is " + spec.beta() + "; softplus needs beta > 0");
        }
    }

    /** w^1 .. w^L (index i - 1) from whichever form the request uses, with their lengths checked. */
    private static double[][] parametersOfEachLayer(
            List<LayerSpec> specs,
            List<LayerType> types,
            double[] flat,
            int[] widths,
            long[] counts,
            long total,
            String input) {
        int L = specs.size();
        int firstCarrying = -1;
        for (int i = 0; i < L; i++) {
            if (specs.get(i).parameters() != null) {
                if (types.get(i) != LayerType.LINEAR) {
                    throw ParameterFormException.onParameterFreeLayer(
                            Pointer.field(Pointer.element("/layers", i), "parameters"),
                            i + 1,
                            types.get(i).apiName());
                }
                firstCarrying = firstCarrying < 0 ? i : firstCarrying;
            }
        }
        if (flat != null && firstCarrying >= 0) {
            throw ParameterFormException.both(Pointer.field(Pointer.element("/layers", firstCarrying), "parameters"));
        }
        double[][] w = new double[L][];
        if (flat != null) {
            if (flat.length != total) {
                int first = firstWithParameters(counts);
                requireInputWidthFits(
                        specs, widths, first, flat.length - (total - counts[first]), input, "/parameters");
                throw new ParameterCountException(
                        "/parameters",
                        "the network takes " + total + " parameters (" + countsLastFirst(counts) + ")",
                        flat.length);
            }
            int offset = flat.length;
            for (int i = 0; i < L; i++) {
                offset -= (int) counts[i];
                w[i] = Arrays.copyOfRange(flat, offset, offset + (int) counts[i]);
            }
            return w;
        }
        for (int i = 0; i < L; i++) {
            double[] own = specs.get(i).parameters();
            String at = Pointer.element("/layers", i);
            if (own == null && counts[i] > 0) {
                if (firstCarrying < 0) {
                    throw ParameterFormException.neither();
                }
                throw ParameterFormException.missingOnLayer(at, i + 1);
            }
            if (own != null && own.length != counts[i]) {
                if (i == firstWithParameters(counts)) {
                    requireInputWidthFits(specs, widths, i, own.length, input, Pointer.field(at, "parameters"));
                }
                throw new ParameterCountException(
                        Pointer.field(at, "parameters"),
                        "layer " + (i + 1) + " (" + describeLinear(specs.get(i), widths[i]) + ") takes " + counts[i]
                                + " parameters",
                        own.length);
            }
            w[i] = own == null ? new double[0] : own;
        }
        return w;
    }

    private static int firstWithParameters(long[] counts) {
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
    private static void requireInputWidthFits(
            List<LayerSpec> specs, int[] widths, int first, long length, String input, String parameters) {
        LayerSpec layer = specs.get(first);
        if (layer.outputs() == null || layer.outputs() < 1) {
            return;
        }
        long outputs = layer.outputs();
        long weights = length - (layer.bias() == null || layer.bias() ? outputs : 0);
        long implied = weights > 0 && weights % outputs == 0 ? weights / outputs : -1;
        if (implied < 1 || implied == widths[0] || implied > Integer.MAX_VALUE) {
            return;
        }
        String takes = "layer " + (first + 1) + " (" + describeLinear(layer, (int) implied)
                + ") takes inputs of length " + implied;
        throw new SizeMismatchException(List.of(
                new FieldError(input, "has length " + widths[0] + ", but " + takes + ", by its parameters"),
                new FieldError(
                        parameters,
                        "has " + length + " numbers for layer " + (first + 1)
                                + ": the parameters of a linear layer on inputs of length " + implied)));
    }

    private static String countsLastFirst(long[] counts) {
        List<String> parts = new ArrayList<>();
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                parts.add("layer " + (i + 1) + ": " + counts[i]);
            }
        }
        return "last layer first: " + String.join(", ", parts);
    }

    private static String describeLinear(LayerSpec spec, int n) {
        boolean bias = spec.bias() == null || spec.bias();
        return "linear with " + count(spec.outputs(), "output") + ", " + count(n, "input")
                + (bias ? " and bias" : " and no bias");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
