/**
 * How the engine multiplies and keeps time: matrix products through the system's BLAS or EJML, computed
 * in row blocks ({@link dev.mmids.gradient.backprop.compute.Products}), and the deadline a computation
 * checks between blocks and layers ({@link dev.mmids.gradient.backprop.compute.Deadline}). It knows
 * nothing of layers or losses.
 */
package dev.mmids.gradient.backprop.compute;
