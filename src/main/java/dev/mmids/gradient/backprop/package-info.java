/**
 * The engine: backpropagation as the course teaches it, knowing nothing of HTTP or JSON.
 *
 * <p>A {@link dev.mmids.gradient.backprop.Chain} of {@link dev.mmids.gradient.backprop.Layer}s g_1..g_L
 * computes h_x(w), the loss f(w) of a {@link dev.mmids.gradient.backprop.Loss}, its gradient (p^L; ...;
 * p^1) by forward and backward propagation, and the Jacobian J_{h_x}(w) by the recursion J_{O_i} = (A_i,
 * B_i J_{O_{i-1}}). Each kind of layer is one small class with its formulas in its comments, declared once
 * in {@link dev.mmids.gradient.backprop.LayerKind} with its name, settings and defaults. A {@link
 * dev.mmids.gradient.backprop.Trace} keeps every intermediate quantity of the seed; a {@link
 * dev.mmids.gradient.backprop.GradientCheck} compares a gradient with central differences.
 */
package dev.mmids.gradient.backprop;
