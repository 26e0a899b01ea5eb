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

    /** The one sample's label as a class index. */
    default Integer label() {
        return null;
    }

    /** The cotangent of the one sample's output, for {@code POST /vjp}. */
    default double[] cotangent() {
        return null;
    }

    /** The tangent t of w, for {@code POST /jvp}. */
    default double[] tangent() {
        return null;
    }

    /** The tangent u of x, for {@code POST /jvp}. */
    default double[] inputTangent() {
        return null;
    }

    /** A batch. */
    default List<? extends SampleSpec> samples() {
        return null;
    }

    /** {@code "last-layer-first"} (the default) or {@code "first-layer-first"}: the order of every vector over w. */
    default String order() {
        return null;
    }

    default LossSpec loss() {
        return null;
    }

    /** {@code "mean"}, {@code "sum"} or {@code "none"}. */
    default String reduction() {
        return null;
    }
}
