package dev.mmids.gradient.web;

import java.util.List;

/**
 * {@code POST /gradient}: layers g_1..g_L, their parameters in one of two forms, a loss, and either one
 * sample (x, y) or a batch with its reduction.
 *
 * @param parameters w = (w^L; ...; w^1), when the layers do not carry their own
 * @param reduction {@code "mean"} (the default) or {@code "sum"}
 */
record GradientRequest(
        List<LayerSpec> layers,
        LossSpec loss,
        double[] parameters,
        double[] x,
        double[] y,
        List<Sample> samples,
        String reduction) {}
