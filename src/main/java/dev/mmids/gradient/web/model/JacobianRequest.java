package dev.mmids.gradient.web.model;

import java.util.List;

/** {@code POST /jacobian}: layers, parameters and one input x. */
public record JacobianRequest(List<LayerSpec> layers, double[] parameters, double[] x, String order)
        implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    public JacobianRequest {
        parameters = Absent.ifEmpty(parameters);
    }
}
