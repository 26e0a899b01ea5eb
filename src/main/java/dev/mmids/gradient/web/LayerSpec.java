package dev.mmids.gradient.web;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a request: a {@code type} and the fields that type takes (see {@link LayerType}).
 *
 * @param parameters w^i, for a linear layer in the per-layer form
 */
record LayerSpec(
        String type,
        Integer outputs,
        Boolean bias,
        double[] parameters,
        Double negativeSlope,
        Double alpha,
        Double beta,
        Double threshold) {

    /** An empty {@code parameters} is absent ({@link Absent}). */
    LayerSpec {
        parameters = Absent.ifEmpty(parameters);
    }

    /** The names of the fields besides {@code type} that the request sets. */
    List<String> presentFields() {
        List<String> present = new ArrayList<>();
        addIfPresent(present, "outputs", outputs);
        addIfPresent(present, "bias", bias);
        addIfPresent(present, "parameters", parameters);
        addIfPresent(present, "negativeSlope", negativeSlope);
        addIfPresent(present, "alpha", alpha);
        addIfPresent(present, "beta", beta);
        addIfPresent(present, "threshold", threshold);
        return present;
    }

    private static void addIfPresent(List<String> present, String name, Object value) {
        if (value != null) {
            present.add(name);
        }
    }
}
