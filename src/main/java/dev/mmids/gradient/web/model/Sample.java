package dev.mmids.gradient.web.model;

/**
 * One sample of a batch for a loss: an input x and its label, as a vector y or as a class index.
 *
 * @param label k, for the cross-entropy losses: y = e_{k+1}, as PyTorch's class-index targets
 */
public record Sample(double[] x, double[] y, Integer label) implements SampleSpec {

    /** Empty optional arrays are absent ({@link Absent}). */
    public Sample {
        y = Absent.ifEmpty(y);
    }
}
