package dev.mmids.gradient.web.model;

import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.LayerKind;
import dev.mmids.gradient.backprop.Linear;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A layer type of the API: one of the engine's {@link LayerKind}s, whose name, formula, settings and
 * defaults it takes as they are there, with the JSON fields a layer of that kind carries. A linear layer
 * has its shape and parameters as fields; every other kind has its settings, each a number with the
 * engine's default. {@code GET /catalog} lists the types as they are here.
 */
public final class LayerType {

    /**
     * A field a layer type takes besides {@code type}.
     *
     * @param type its JSON type, in words
     * @param defaultValue the default as JSON text, or null when there is none
     */
    public record Field(String name, String type, boolean required, String defaultValue, String description) {}

    private static final List<Field> LINEAR_FIELDS = List.of(
            new Field("outputs", "integer", true, null, "n', the number of rows of W; at least 1"),
            new Field("bias", "boolean", false, "true", "whether the layer adds b"),
            new Field("parameters", "array of numbers", false, null, "w, in the per-layer form"));

    private static final List<LayerType> TYPES =
            Arrays.stream(LayerKind.values()).map(LayerType::new).toList();

    /** The types by API name: every request looks its layers up here. */
    private static final Map<String, LayerType> BY_API_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(LayerType::apiName, t -> t));

    private final LayerKind kind;
    private final List<Field> fields;
    private final List<String> fieldNames;

    private LayerType(LayerKind kind) {
        this.kind = kind;
        this.fields = kind.hasParameters()
                ? LINEAR_FIELDS
                : kind.settings().stream()
                        .map(s -> new Field(
                                s.name(),
                                "number",
                                false,
                                Double.toString(s.defaultValue()),
                                s.meaning() + "; " + s.domain()))
                        .toList();
        this.fieldNames = fields.stream().map(Field::name).toList();
    }

    /** Every type, in the engine's order of kinds. */
    public static List<LayerType> all() {
        return TYPES;
    }

    public static Optional<LayerType> byApiName(String name) {
        return Optional.ofNullable(BY_API_NAME.get(name));
    }

    public static List<String> apiNames() {
        return TYPES.stream().map(LayerType::apiName).toList();
    }

    public LayerKind kind() {
        return kind;
    }

    public String apiName() {
        return kind.id();
    }

    public String formula() {
        return kind.formula();
    }

    /** r, in words. */
    public String parameters() {
        return isLinear() ? "outputs·n, plus outputs with a bias" : "0";
    }

    /** How w^i is laid out, in words. */
    public String layout() {
        return isLinear()
                ? "w = (vec(W^T); b): the rows of W one after another (PyTorch's weight.flatten()), then b"
                : "no parameters";
    }

    public List<Field> fields() {
        return fields;
    }

    /** The names of the fields besides {@code type} that a layer of this type may carry. */
    List<String> fieldNames() {
        return fieldNames;
    }

    /** Whether this is the linear layer, the one with parameters and a shape of its own. */
    boolean isLinear() {
        return kind.hasParameters();
    }

    /** n', for inputs of length n. */
    int outputSize(LayerSpec spec, int n) {
        return isLinear() ? spec.outputs() : n;
    }

    /** r, for inputs of length n. */
    long parameterCount(LayerSpec spec, int n) {
        return isLinear() ? Linear.parameterCount(n, spec.outputs(), bias(spec)) : 0;
    }

    /** The engine's layer for inputs of length n with parameters w (of length {@link #parameterCount}). */
    Layer create(LayerSpec spec, int n, double[] w) {
        if (isLinear()) {
            return new Linear(n, spec.outputs(), bias(spec), w);
        }
        return kind.create(
                n,
                kind.settings().stream()
                        .mapToDouble(s -> {
                            Double value = spec.setting(s.name());
                            return value == null ? s.defaultValue() : value;
                        })
                        .toArray());
    }

    static boolean bias(LayerSpec spec) {
        return spec.bias() == null || spec.bias();
    }

    @Override
    public String toString() {
        return apiName();
    }
}
