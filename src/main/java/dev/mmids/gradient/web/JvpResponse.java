package dev.mmids.gradient.web;

/**
 * The answer to {@code POST /jvp}.
 *
 * @param output h_x(w)
 * @param tangentOutput J_w(h_x) t + J_x(h_x) u
 */
record JvpResponse(double[] output, double[] tangentOutput) {}
