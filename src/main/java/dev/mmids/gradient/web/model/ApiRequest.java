package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * What the API's requests share: layers, their parameters and samples, and perhaps a loss. A request
 * without one of the fields has null there. Each is read by the request reader from JSON or CBOR with the
 * same rules, its parse charged to the request's memory.
 */
public interface ApiRequest {

    List<LayerSpec> layers();

    /** w = (w^L; ...; w^1), when the layers do not carry their own. */
    double[] parameters();

    /** The one sample's input. */
    double[] x();

    /** The one sample's label. */
    default double[] y() {
        return null;
    }

    /** A batch. */
    default List<Sample> samples() {
        return null;
    }

    default LossSpec loss() {
        return null;
    }

    /** {@code "mean"} or {@code "sum"}. */
    default String reduction() {
        return null;
    }
}
