package dev.mmids.gradient.backprop;

/** How the per-sample losses and gradients of a batch combine. */
public enum Reduction {
    /** (1/m) Σ_s, the course's empirical risk. */
    MEAN,
    /** Σ_s. */
    SUM
}
