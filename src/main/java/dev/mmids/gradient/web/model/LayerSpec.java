package dev.mmids.gradient.web.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a request: a {@code type} and the fields that type takes (see {@link LayerType}).
 *
 * @param parameters w^i, for a linear layer in the per-layer form
 */
public record LayerSpec(
        String type,
        Integer outputs,
        Boolean bias,
        double[] parameters,
        Double negativeSlope,
        Double alpha,
        Double beta,
        Double threshold) {

    /** The number fields that hold a layer kind's settings ({@code LayerKind.Setting}), by name. */
    static final List<String> SETTINGS = List.of("negativeSlope", "alpha", "beta", "threshold");

    /** An empty {@code parameters} is absent ({@link Absent}). */
    public LayerSpec {
        parameters = Absent.ifEmpty(parameters);
    }

    /** The value of the setting {@code name} (one of {@link #SETTINGS}), or null when the request leaves it out. */
    Double setting(String name) {
        return switch (name) {
            case "negativeSlope" -> negativeSlope;
            case "alpha" -> alpha;
            case "beta" -> beta;
            case "threshold" -> threshold;
            default -> null;
        };
    }

    /** The names of the fields besides {@code type} that the request sets. */
    List<String> presentFields() {
        List<String> present = new ArrayList<>();
        addIfPresent(present, "outputs", outputs);
        addIfPresent(present, "bias", bias);
        addIfPresent(present, "parameters", parameters);
        for (String setting : SETTINGS) {
            addIfPresent(present, setting, setting(setting));
        }
        return present;
    }

    private static void addIfPresent(List<String> present, String name, Object value) {
        if (value != null) {
            present.add(name);
        }
    }
}
