package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * {@code POST /jvp}: layers, parameters, one input x, the tangent t of w and, optionally, the tangent u
 * of x: the forward recursion applied to (t; u).
 *
 * @param tangent t, r numbers in the request's order
 * @param inputTangent u, n_1 numbers; 0 when absent
 */
public record JvpRequest(
        List<LayerSpec> layers, double[] parameters, double[] x, double[] tangent, double[] inputTangent, String order)
        implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    public JvpRequest {
        parameters = Absent.ifEmpty(parameters);
        inputTangent = Absent.ifEmpty(inputTangent);
    }
}
