package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * {@code POST /descent}: layers g_1..g_L with their initial parameters, a loss, a training set of samples,
 * and how to train: the optimizer, the epochs, the batch size and whether to shuffle.
 *
 * @param parameters the initial w, in {@code order}, when the layers do not carry their own
 * @param batchSize the samples of each step (default: all of them, full-batch gradient descent)
 * @param shuffle whether each epoch draws a new order of the samples (default false: consecutive slices)
 * @param seed the shuffle's seed, for a reproducible run; only with {@code "shuffle": true}
 */
public record DescentRequest(
        List<LayerSpec> layers,
        LossSpec loss,
        double[] parameters,
        List<Sample> samples,
        String order,
        OptimizerSpec optimizer,
        Integer epochs,
        Integer batchSize,
        Boolean shuffle,
        Long seed)
        implements ApiRequest {

    /** Empty optional arrays are absent ({@link Absent}). */
    public DescentRequest {
        parameters = Absent.ifEmpty(parameters);
    }

    /** A training set is a batch: there is no one-sample form. */
    @Override
    public double[] x() {
        return null;
    }
}
