package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * {@code POST /forward}: layers, parameters and one sample or a batch; with a loss, labels too.
 *
 * @param loss optional; when given, every sample needs its y
 */
public record ForwardRequest(
        List<LayerSpec> layers,
        LossSpec loss,
        double[] parameters,
        double[] x,
        double[] y,
        Integer label,
        List<Sample> samples,
        String reduction,
        String order)
        implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    public ForwardRequest {
        parameters = Absent.ifEmpty(parameters);
        x = Absent.ifEmpty(x);
        y = Absent.ifEmpty(y);
        samples = Absent.ifEmpty(samples);
    }
}
