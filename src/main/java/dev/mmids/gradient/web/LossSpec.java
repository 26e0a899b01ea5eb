package dev.mmids.gradient.web;

/** The loss of a request: its {@code type}. */
record LossSpec(String type) {}
