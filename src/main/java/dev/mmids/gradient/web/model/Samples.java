package dev.mmids.gradient.web.model;

import static dev.mmids.gradient.web.model.RequestChecks.SAMPLES;
import static dev.mmids.gradient.web.model.RequestChecks.requireWithin;

import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.web.problem.InvalidLabelProblem;
import dev.mmids.gradient.web.problem.SampleFormProblem;
import dev.mmids.gradient.web.problem.ShapeMismatchProblem;
import java.util.List;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * The samples of a request, one or a batch, checked for their form and widths; they become X, one
 * sample per row, and their targets (labels or cotangents) another matrix of the same rows.
 */
final class Samples {

    private final ApiRequest request;
    private final List<? extends SampleSpec> batch;

    private Samples(ApiRequest request) {
        this.request = request;
        this.batch = request.samples();
    }

    /** The request's samples in exactly one form, at most the limit of them, every x of one width. */
    static Samples of(ApiRequest request, Limits limits) {
        List<? extends SampleSpec> batch = request.samples();
        if (request.x() != null && batch != null) {
            throw SampleFormProblem.both();
        }
        if (request.x() == null && batch == null) {
            throw SampleFormProblem.neither();
        }
        if (batch != null) {
            for (String field : new String[] {"y", "label", "cotangent"}) {
                if (topLevel(request, field) != null) {
                    throw SampleFormProblem.targetBesideBatch("/" + field);
                }
            }
            requireWithin(batch.size(), limits.maxSamples(), "/samples", "samples");
        }
        Samples samples = new Samples(request);
        int n = samples.width();
        if (n == 0) {
            throw new ShapeMismatchProblem(samples.pointer(0, "x"), "is empty; an input has at least one entry");
        }
        requireWithin(n, limits.maxLayerOutputs(), samples.pointer(0, "x"), "entries in x");
        for (int s = 1; s < samples.size(); s++) {
            if (samples.sample(s).x().length != n) {
                throw new ShapeMismatchProblem(
                        samples.pointer(s, "x"),
                        "has length " + samples.sample(s).x().length + ", but the first sample's x has length " + n);
            }
        }
        return samples;
    }

    private static Object topLevel(ApiRequest request, String field) {
        return switch (field) {
            case "y" -> request.y();
            case "label" -> request.label();
            default -> request.cotangent();
        };
    }

    boolean isBatch() {
        return batch != null;
    }

    int size() {
        return isBatch() ? batch.size() : 1;
    }

    /** n, the length of every x. */
    int width() {
        return sample(0).x().length;
    }

    /** The pointer to a field of sample s: {@code /samples/s/field}, or {@code /field} for one sample. */
    String pointer(int s, String field) {
        return isBatch() ? RequestChecks.at(SAMPLES, s, field) : "/" + field;
    }

    /** Sample s as the request gives it; one sample is the request's own x and targets. */
    SampleSpec sample(int s) {
        if (isBatch()) {
            return batch.get(s);
        }
        return new SampleSpec() {
            @Override
            public double[] x() {
                return request.x();
            }

            @Override
            public double[] y() {
                return request.y();
            }

            @Override
            public Integer label() {
                return request.label();
            }

            @Override
            public double[] cotangent() {
                return request.cotangent();
            }
        };
    }

    /** X, one sample per row. */
    DMatrixRMaj inputs() {
        return Matrices.ofRows(size(), width(), s -> sample(s).x());
    }

    /**
     * Y, one sample per row: each y, or the one-hot e_{k+1} of a class index k, after checking that each
     * has the network's output length K and that the loss takes class indices.
     */
    DMatrixRMaj labels(int K, Loss loss) {
        for (int s = 0; s < size(); s++) {
            Integer k = sample(s).label();
            if (k == null) {
                continue;
            }
            if (!loss.hasClasses()) {
                throw new InvalidLabelProblem(
                        pointer(s, "label"),
                        loss.id(),
                        "is a class index, which only the cross-entropy losses take; send y, the label as a vector,"
                                + " which " + loss.id() + " takes");
            }
            if (k < 0 || k >= K) {
                throw new InvalidLabelProblem(
                        pointer(s, "label"),
                        loss.id(),
                        "is the class " + k + ", outside 0.." + (K - 1) + " (the network has " + K + " outputs)");
            }
        }
        return targets(K, "y", s -> {
            Integer k = sample(s).label();
            if (k == null) {
                return sample(s).y();
            }
            double[] y = new double[K];
            y[k] = 1;
            return y;
        });
    }

    /** V, one cotangent per row, after checking each has the network's output length K. */
    DMatrixRMaj cotangents(int K) {
        return targets(K, "cotangent", s -> sample(s).cotangent());
    }

    private DMatrixRMaj targets(int K, String field, IntFunction<double[]> target) {
        for (int s = 0; s < size(); s++) {
            double[] t = target.apply(s);
            if (t.length != K) {
                throw new ShapeMismatchProblem(
                        pointer(s, field),
                        "has length " + t.length + ", but the network's output h_x(w) has length " + K);
            }
        }
        return Matrices.ofRows(size(), K, target);
    }
}
