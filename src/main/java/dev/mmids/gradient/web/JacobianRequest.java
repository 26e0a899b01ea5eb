package dev.mmids.gradient.web;

import java.util.List;

/** {@code POST /jacobian}: layers, parameters and one input x. */
record JacobianRequest(List<LayerSpec> layers, double[] parameters, double[] x) implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    JacobianRequest {
        parameters = Absent.ifEmpty(parameters);
    }
}
