package dev.mmids.gradient.web;

/** One sample of a batch: an input x and its label y. */
record Sample(double[] x, double[] y) {

    /** Empty optional arrays are absent ({@link Absent}). */
    Sample {
        y = Absent.ifEmpty(y);
    }
}
