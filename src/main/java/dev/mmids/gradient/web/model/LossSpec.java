package dev.mmids.gradient.web.model;

/** The loss of a request: its {@code type}. */
public record LossSpec(String type) {}
