package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * {@code POST /vjp}: layers, parameters, and one input x with the cotangent v of its output, or a batch
 * of them: the backward pass started from q^{L+1} = v.
 */
public record VjpRequest(
        List<LayerSpec> layers,
        double[] parameters,
        double[] x,
        double[] cotangent,
        List<VjpSample> samples,
        String order)
        implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    public VjpRequest {
        parameters = Absent.ifEmpty(parameters);
        x = Absent.ifEmpty(x);
        cotangent = Absent.ifEmpty(cotangent);
        samples = Absent.ifEmpty(samples);
    }
}
