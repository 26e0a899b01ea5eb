package dev.mmids.gradient.web.model;

import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.web.problem.LimitExceededProblem;
import dev.mmids.gradient.web.problem.MissingFieldProblem;
import dev.mmids.gradient.web.problem.NonFiniteNumberProblem;
import dev.mmids.gradient.web.problem.SampleFormProblem;
import dev.mmids.gradient.web.problem.UnknownTypeProblem;
import dev.mmids.gradient.web.problem.WrongTypeProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import tools.jackson.core.JsonPointer;

/**
 * The checks a request passes before its sizes are looked at: the 400s (every required field present,
 * every type known, every number finite), and the rule that labels come with a loss.
 */
final class RequestChecks {

    /** At most this many pointers are listed for one kind of problem; the detail gives the count. */
    static final int MAX_LISTED = 20;

    static final JsonPointer LAYERS = JsonPointer.compile("/layers");
    static final JsonPointer SAMPLES = JsonPointer.compile("/samples");

    private RequestChecks() {}

    /** The pointer to member {@code name} of the element {@code index} of the array at {@code array}. */
    static String at(JsonPointer array, int index, String name) {
        return array.appendIndex(index).appendProperty(name).toString();
    }

    /** The type of every layer: each present and known, and a linear layer's outputs given. */
    static List<LayerType> layerTypes(List<LayerSpec> layers) {
        if (layers == null) {
            throw new MissingFieldProblem(List.of("/layers"));
        }
        List<String> missing = new ArrayList<>();
        List<LayerType> types = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer == null) {
                throw new WrongTypeProblem(LAYERS.appendIndex(i).toString(), "a layer object");
            }
            if (layer.type() == null) {
                missing.add(at(LAYERS, i, "type"));
                continue;
            }
            int index = i;
            LayerType type = LayerType.byApiName(layer.type())
                    .orElseThrow(() -> new UnknownTypeProblem(
                            at(LAYERS, index, "type"), "layer type", layer.type(), LayerType.apiNames()));
            if (type.isLinear() && layer.outputs() == null) {
                missing.add(at(LAYERS, i, "outputs"));
            }
            types.add(type);
        }
        requireNone(missing);
        return types;
    }

    static Loss loss(LossSpec loss) {
        if (loss == null || loss.type() == null) {
            throw new MissingFieldProblem(List.of(loss == null ? "/loss" : "/loss/type"));
        }
        return Arrays.stream(Loss.values())
                .filter(l -> l.id().equals(loss.type()))
                .findFirst()
                .orElseThrow(() -> new UnknownTypeProblem(
                        "/loss/type",
                        "loss type",
                        loss.type(),
                        Arrays.stream(Loss.values()).map(Loss::id).toList()));
    }

    /** The reductions of the API: the engine's, and {@code none}, the mean with every sample's share beside it. */
    static final List<String> REDUCTIONS = List.of("mean", "sum", "none");

    /** The engine's reduction of a request's: {@code none} answers the mean beside the per-sample values. */
    static Reduction reduction(String reduction) {
        if (reduction == null || reduction.equals("none")) {
            return Reduction.MEAN;
        }
        return Arrays.stream(Reduction.values())
                .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(reduction))
                .findFirst()
                .orElseThrow(() -> new UnknownTypeProblem("/reduction", "reduction", reduction, REDUCTIONS));
    }

    /** What each sample needs besides its x: a label (y or a class index) for a loss, a cotangent for a vjp. */
    enum Target {
        NONE,
        LABEL,
        COTANGENT
    }

    /** Every sample has its x and the target the request needs. */
    static void requireSampleFields(ApiRequest request, Target target) {
        List<String> missing = new ArrayList<>();
        if (request.x() != null) {
            requireTarget(request.y(), request.label(), request.cotangent(), target, "/", missing);
        }
        List<? extends SampleSpec> samples = request.samples();
        for (int s = 0; samples != null && s < samples.size(); s++) {
            SampleSpec sample = samples.get(s);
            if (sample == null) {
                throw new WrongTypeProblem(SAMPLES.appendIndex(s).toString(), "a sample object {\"x\": [...], ...}");
            }
            if (sample.x() == null) {
                missing.add(at(SAMPLES, s, "x"));
            }
            requireTarget(
                    sample.y(), sample.label(), sample.cotangent(), target, SAMPLES.appendIndex(s) + "/", missing);
        }
        requireNone(missing);
    }

    private static void requireTarget(
            double[] y, Integer label, double[] cotangent, Target target, String at, List<String> missing) {
        if (target == Target.LABEL && y == null && label == null) {
            missing.add(at + "y");
        }
        if (target == Target.COTANGENT && cotangent == null) {
            missing.add(at + "cotangent");
        }
    }

    /** A label is a vector y or a class index, not both. */
    static void requireOneLabelEach(ApiRequest request) {
        if (request.y() != null && request.label() != null) {
            throw SampleFormProblem.labelTwice("/y", "/label");
        }
        List<? extends SampleSpec> samples = request.samples();
        for (int s = 0; samples != null && s < samples.size(); s++) {
            if (samples.get(s).y() != null && samples.get(s).label() != null) {
                throw SampleFormProblem.labelTwice(at(SAMPLES, s, "y"), at(SAMPLES, s, "label"));
            }
        }
    }

    /** Without a loss, a request has no labels: a 422 that points at them, not a 400 for the loss. */
    static void requireNoLabels(ApiRequest request) {
        List<String> labels = new ArrayList<>();
        int count = 0;
        for (String field : new String[] {"y", "label"}) {
            if (field.equals("y") ? request.y() != null : request.label() != null) {
                labels.add("/" + field);
                count++;
            }
        }
        List<? extends SampleSpec> samples = request.samples();
        for (int s = 0; samples != null && s < samples.size(); s++) {
            SampleSpec sample = samples.get(s);
            for (String field : new String[] {"y", "label"}) {
                if (field.equals("y") ? sample.y() != null : sample.label() != null) {
                    if (labels.size() < MAX_LISTED) {
                        labels.add(at(SAMPLES, s, field));
                    }
                    count++;
                }
            }
        }
        if (count > 0) {
            throw SampleFormProblem.labelsWithoutLoss(labels, count);
        }
    }

    private static final JsonPointer PARAMETERS = JsonPointer.compile("/parameters");
    private static final JsonPointer X = JsonPointer.compile("/x");
    private static final JsonPointer Y = JsonPointer.compile("/y");
    private static final JsonPointer COTANGENT = JsonPointer.compile("/cotangent");
    private static final JsonPointer TANGENT = JsonPointer.compile("/tangent");
    private static final JsonPointer INPUT_TANGENT = JsonPointer.compile("/inputTangent");

    /**
     * JSON has no NaN, but Jackson reads bare NaN, "NaN" and 1e999: each is answered with its pointer. The
     * pointers are built only for the numbers that are not finite, so that a valid request pays for none.
     */
    static void requireFinite(ApiRequest request) {
        FiniteCheck check = new FiniteCheck();
        for (int i = 0; i < request.layers().size(); i++) {
            int index = i;
            LayerSpec layer = request.layers().get(i);
            check.array(() -> LAYERS.appendIndex(index).appendProperty("parameters"), layer.parameters());
            for (String setting : LayerSpec.SETTINGS) {
                check.number(() -> at(LAYERS, index, setting), layer.setting(setting));
            }
        }
        check.array(() -> PARAMETERS, request.parameters());
        check.array(() -> X, request.x());
        check.array(() -> Y, request.y());
        check.array(() -> COTANGENT, request.cotangent());
        check.array(() -> TANGENT, request.tangent());
        check.array(() -> INPUT_TANGENT, request.inputTangent());
        List<? extends SampleSpec> samples = request.samples();
        for (int s = 0; samples != null && s < samples.size(); s++) {
            int index = s;
            SampleSpec sample = samples.get(s);
            check.array(() -> SAMPLES.appendIndex(index).appendProperty("x"), sample.x());
            check.array(() -> SAMPLES.appendIndex(index).appendProperty("y"), sample.y());
            check.array(() -> SAMPLES.appendIndex(index).appendProperty("cotangent"), sample.cotangent());
        }
        check.throwIfAny();
    }

    static void requireWithin(long actual, long limit, String pointer, String what) {
        if (actual > limit) {
            throw new LimitExceededProblem(pointer, what, actual, limit);
        }
    }

    private static void requireNone(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new MissingFieldProblem(missing.subList(0, Math.min(missing.size(), MAX_LISTED)));
        }
    }

    /** Collects the pointers of non-finite numbers, the first {@link #MAX_LISTED} of them, and their count. */
    private static final class FiniteCheck {
        private final List<String> pointers = new ArrayList<>();
        private int count;

        void array(Supplier<JsonPointer> pointer, double[] values) {
            for (int k = 0; values != null && k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    found(pointer.get().appendIndex(k).toString());
                }
            }
        }

        void number(Supplier<String> pointer, Double value) {
            if (value != null && !Double.isFinite(value)) {
                found(pointer.get());
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
                throw new NonFiniteNumberProblem(pointers, count);
            }
        }
    }
}
