package dev.mmids.gradient.web.model;

/** One sample of a batch: an input x and its label y. */
public record Sample(double[] x, double[] y) {

    /** Empty optional arrays are absent ({@link Absent}). */
    public Sample {
        y = Absent.ifEmpty(y);
    }
}
