package dev.mmids.gradient.web.model;

/**
 * The optimizer of {@code POST /descent}: its {@code type} ({@code "sgd"} or {@code "adam"}) and the settings
 * of that type, null where the request leaves the default.
 *
 * @param learningRate η: required for sgd (as {@code torch.optim.SGD} requires it), 0.001 for adam
 * @param momentum μ, sgd only (0)
 * @param beta1 β₁, adam only (0.9)
 * @param beta2 β₂, adam only (0.999)
 * @param epsilon ε, adam only (1e-8)
 */
public record OptimizerSpec(
        String type, Double learningRate, Double momentum, Double beta1, Double beta2, Double epsilon) {}
