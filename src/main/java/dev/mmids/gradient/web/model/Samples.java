package dev.mmids.gradient.web.model;

import static dev.mmids.gradient.web.model.RequestChecks.SAMPLES;
import static dev.mmids.gradient.web.model.RequestChecks.requireWithin;

import dev.mmids.gradient.web.problem.SampleFormProblem;
import dev.mmids.gradient.web.problem.ShapeMismatchProblem;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The samples of a request, one (x, y) or a batch, checked for their form and widths; they become X and
 * Y, one sample per row.
 */
final class Samples {

    private final double[] x;
    private final double[] y;
    private final List<Sample> batch;

    private Samples(double[] x, double[] y, List<Sample> batch) {
        this.x = x;
        this.y = y;
        this.batch = batch;
    }

    /** The request's samples in exactly one form, at most the limit of them, every x of one width. */
    static Samples of(ApiRequest request, Limits limits) {
        double[] x = request.x();
        List<Sample> batch = request.samples();
        if (x != null && batch != null) {
            throw SampleFormProblem.both();
        }
        if (x == null && batch == null) {
            throw SampleFormProblem.neither();
        }
        if (batch != null && request.y() != null) {
            throw SampleFormProblem.labelBesideBatch();
        }
        if (batch != null) {
            requireWithin(batch.size(), limits.maxSamples(), "/samples", "samples");
        }
        Samples samples = new Samples(x, request.y(), batch);
        int n = samples.width();
        if (n == 0) {
            throw new ShapeMismatchProblem(samples.inputPointer(0), "is empty; an input has at least one entry");
        }
        requireWithin(n, limits.maxLayerOutputs(), samples.inputPointer(0), "entries in x");
        for (int s = 1; s < samples.size(); s++) {
            if (samples.input(s).length != n) {
                throw new ShapeMismatchProblem(
                        samples.inputPointer(s),
                        "has length " + samples.input(s).length + ", but the first sample's x has length " + n);
            }
        }
        return samples;
    }

    boolean isBatch() {
        return batch != null;
    }

    int size() {
        return isBatch() ? batch.size() : 1;
    }

    /** n, the length of every x. */
    int width() {
        return input(0).length;
    }

    String inputPointer(int s) {
        return isBatch() ? RequestChecks.at(SAMPLES, s, "x") : "/x";
    }

    String labelPointer(int s) {
        return isBatch() ? RequestChecks.at(SAMPLES, s, "y") : "/y";
    }

    private double[] input(int s) {
        return isBatch() ? batch.get(s).x() : x;
    }

    private double[] label(int s) {
        return isBatch() ? batch.get(s).y() : y;
    }

    /** X, one sample per row. */
    DMatrixRMaj inputs() {
        return Matrices.ofRows(size(), width(), this::input);
    }

    /** Y, one sample per row, after checking every label has the network's output length K. */
    DMatrixRMaj labels(int K) {
        for (int s = 0; s < size(); s++) {
            if (label(s).length != K) {
                throw new ShapeMismatchProblem(
                        labelPointer(s),
                        "has length " + label(s).length + ", but the network's output h_x(w) has length " + K);
            }
        }
        return Matrices.ofRows(size(), K, this::label);
    }
}
