package dev.mmids.gradient.web.model;

/** One sample of a batch for {@code POST /vjp}: an input x and the cotangent v of its output. */
public record VjpSample(double[] x, double[] cotangent) implements SampleSpec {}
