package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * {@code POST /gradient}: layers g_1..g_L, their parameters in one of two forms, a loss, and either one
 * sample (x, y) or a batch with its reduction.
 *
 * @param parameters w = (w^L; ...; w^1), when the layers do not carry their own
 * @param label the one sample's label as a class index, instead of y
 * @param reduction {@code "mean"} (the default), {@code "sum"}, or {@code "none"}: the mean, and every
 *     sample's loss and gradient beside it
 * @param order the order of the flat vectors over w: {@code "last-layer-first"} (the default) or {@code
 *     "first-layer-first"}
 * @param trace whether to add every intermediate quantity of the seed (one sample only)
 * @param check whether to add a gradient check by central differences
 */
public record GradientRequest(
        List<LayerSpec> layers,
        LossSpec loss,
        double[] parameters,
        double[] x,
        double[] y,
        Integer label,
        List<Sample> samples,
        String reduction,
        Boolean trace,
        Boolean check,
        String order)
        implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    public GradientRequest {
        parameters = Absent.ifEmpty(parameters);
        x = Absent.ifEmpty(x);
        y = Absent.ifEmpty(y);
        samples = Absent.ifEmpty(samples);
    }
}
