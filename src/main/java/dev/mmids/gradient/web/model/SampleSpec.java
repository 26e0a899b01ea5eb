package dev.mmids.gradient.web.model;

/**
 * One sample of a batch: its input x and, by endpoint, its target: a label y or a class index for a
 * loss, or a cotangent for a vector-Jacobian product. What a sample does not have is null.
 */
public interface SampleSpec {

    double[] x();

    /** The label as a vector. */
    default double[] y() {
        return null;
    }

    /** The label as a class index k, meaning y = e_{k+1}. */
    default Integer label() {
        return null;
    }

    /** The cotangent v of h_x(w), for {@code POST /vjp}. */
    default double[] cotangent() {
        return null;
    }
}
