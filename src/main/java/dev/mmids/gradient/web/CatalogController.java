package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mmids.gradient.backprop.GradientCheck;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.web.model.LayerType;
import dev.mmids.gradient.web.model.Limits;
import dev.mmids.gradient.web.model.ParameterOrder;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /catalog}: what the server computes and the limits in force, for clients to discover. */
@RestController
class CatalogController {

    private final CatalogResponse catalog;

    CatalogController(Limits limits, GradientCheckSettings check) {
        this.catalog = new CatalogResponse(
                LayerType.all().stream().map(LayerEntry::of).toList(),
                Arrays.stream(Loss.values()).map(LossEntry::of).toList(),
                List.of("mean", "sum", "none"),
                ParameterOrder.ids(),
                LimitsEntry.of(limits),
                new CheckEntry(GradientCheck.EPSILON, GradientCheck.MAX_RELATIVE_ERROR, check.coordinates()));
    }

    @GetMapping(path = "/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
    CatalogResponse catalog() {
        return catalog;
    }

    record CatalogResponse(
            List<LayerEntry> layers,
            List<LossEntry> losses,
            List<String> reductions,
            List<String> orders,
            LimitsEntry limits,
            CheckEntry check) {}

    /**
     * @param parameters r, the number of parameters, in words
     * @param layout how w^i is laid out
     */
    record LayerEntry(String type, String formula, String parameters, String layout, List<FieldEntry> fields) {

        static LayerEntry of(LayerType type) {
            return new LayerEntry(
                    type.apiName(),
                    type.formula(),
                    type.parameters(),
                    type.layout(),
                    type.fields().stream().map(FieldEntry::of).toList());
        }
    }

    /** @param defaultValue the default as JSON text, absent when the field has none */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FieldEntry(
            String name,
            String type,
            boolean required,
            @JsonProperty("default") String defaultValue,
            String description) {

        static FieldEntry of(LayerType.Field field) {
            return new FieldEntry(
                    field.name(), field.type(), field.required(), field.defaultValue(), field.description());
        }
    }

    /**
     * @param formula l_y(z) for one sample of output length K
     * @param gradient ∇l_y(z)
     * @param labels what y must satisfy
     * @param classLabels whether a sample may give {@code "label": k} instead of y
     */
    record LossEntry(String type, String formula, String gradient, String labels, boolean classLabels) {

        LossEntry(Loss loss, String formula, String gradient, String labels) {
            this(loss.id(), formula, gradient, labels, loss.hasClasses());
        }

        static LossEntry of(Loss loss) {
            return switch (loss) {
                case CROSS_ENTROPY ->
                    new LossEntry(
                            loss,
                            "-Σ_k y_k log z_k, z a probability vector (end the network with softmax); computed from"
                                    + " the logits after a final softmax",
                            "-y ⊘ z",
                            PROBABILITY_VECTOR);
                case CROSS_ENTROPY_LOGITS ->
                    new LossEntry(
                            loss,
                            "-Σ_k y_k log softmax(z)_k (PyTorch's CrossEntropyLoss with probability targets)",
                            "(Σ_k y_k) softmax(z) - y",
                            PROBABILITY_VECTOR);
                case SQUARED_ERROR ->
                    new LossEntry(loss, "Σ_k (z_k - y_k)² (the course's, without ½)", "2 (z - y)", ANY);
                case HALF_SQUARED_ERROR -> new LossEntry(loss, "½ Σ_k (z_k - y_k)²", "z - y", ANY);
                case MEAN_SQUARED_ERROR ->
                    new LossEntry(loss, "(1/K) Σ_k (z_k - y_k)² (PyTorch's MSELoss)", "(2/K) (z - y)", ANY);
                case BINARY_CROSS_ENTROPY ->
                    new LossEntry(
                            loss,
                            "-Σ_k [y_k log z_k + (1 - y_k) log(1 - z_k)], z in (0, 1) (end the network with sigmoid);"
                                    + " computed from the logits after a final sigmoid",
                            "-y ⊘ z + (1 - y) ⊘ (1 - z)",
                            UNIT_INTERVAL);
                case BINARY_CROSS_ENTROPY_LOGITS ->
                    new LossEntry(
                            loss,
                            "the same on σ(z): Σ_k [max(z_k, 0) - z_k y_k + log(1 + e^{-|z_k|})] (PyTorch's"
                                    + " BCEWithLogitsLoss, summed)",
                            "σ(z) - y",
                            UNIT_INTERVAL);
            };
        }

        private static final String PROBABILITY_VECTOR = "y_k ≥ 0 and Σ_k y_k = 1 within 1e-6";
        private static final String UNIT_INTERVAL = "each y_k in [0, 1]";
        private static final String ANY = "any finite numbers";
    }

    record LimitsEntry(
            long maxBodyBytes,
            int maxLayers,
            int maxParameters,
            int maxSamples,
            int maxLayerOutputs,
            long maxTraceEntries,
            long maxJacobianEntries,
            long maxPerSampleEntries,
            long computeDeadlineMillis,
            long maxDescentWork,
            long descentDeadlineMillis) {

        static LimitsEntry of(Limits limits) {
            return new LimitsEntry(
                    limits.maxBodySize().toBytes(),
                    limits.maxLayers(),
                    limits.maxParameters(),
                    limits.maxSamples(),
                    limits.maxLayerOutputs(),
                    limits.maxTraceEntries(),
                    limits.maxJacobianEntries(),
                    limits.maxPerSampleEntries(),
                    limits.computeDeadline().toMillis(),
                    limits.maxDescentWork(),
                    limits.descentDeadline().toMillis());
        }
    }

    /**
     * How {@code "check": true} checks a gradient.
     *
     * @param coordinates the most coordinates compared besides the random direction
     */
    record CheckEntry(double epsilon, double maxRelativeError, int coordinates) {}
}
