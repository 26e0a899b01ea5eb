/**
 * Gradient descent over the engine: the optimizers of {@code torch.optim} (SGD with momentum, Adam),
 * written out update by update in double precision, and a run of epochs over a training set in batches,
 * each step the seed's forward and backward pass of the batch.
 */
package dev.mmids.gradient.backprop.descent;
