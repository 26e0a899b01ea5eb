package dev.mmids.gradient.web;

import java.util.List;

/**
 * The answer to {@code POST /jacobian}.
 *
 * @param output h_x(w)
 * @param jacobian J_{h_x}(w) as rows: n_{L+1} rows, one column per entry of w in the request's order
 * @param layout where each layer's columns sit, in that order
 */
record JacobianResponse(double[] output, double[][] jacobian, List<LayoutEntry> layout) {}
