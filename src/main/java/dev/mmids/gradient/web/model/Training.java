package dev.mmids.gradient.web.model;

import dev.mmids.gradient.backprop.descent.Descent;
import dev.mmids.gradient.backprop.descent.Optimizer;
import dev.mmids.gradient.web.problem.InvalidSettingProblem;
import dev.mmids.gradient.web.problem.MissingFieldProblem;
import dev.mmids.gradient.web.problem.UnknownTypeProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A checked {@code POST /descent}: the model (chain, training set, loss) and the plan of the run. It runs
 * the engine's {@link Descent} and gives the trained parameters in the request's order.
 *
 * @param seed the shuffle's seed: the request's, or one drawn for it (null when not shuffled)
 */
public record Training(Model model, Descent.Plan plan, Long seed) {

    static final List<String> OPTIMIZERS = List.of("sgd", "adam");

    /** The trained parameters in the request's order, the steps and each epoch's loss. */
    public record Trained(double[] parameters, long steps, double[] losses) {}

    public Trained run(Descent.Progress progress) {
        Descent.Result result = model.descend(plan, progress);
        return new Trained(model.inOrder(result.parameters()), result.steps(), result.losses());
    }

    /** The fields a run cannot do without, before anything else is looked at (400). */
    static void requireFields(DescentRequest request) {
        List<String> missing = new ArrayList<>();
        if (request.loss() == null) {
            missing.add("/loss");
        }
        if (request.samples() == null) {
            missing.add("/samples");
        }
        if (request.epochs() == null) {
            missing.add("/epochs");
        }
        OptimizerSpec spec = request.optimizer();
        if (spec == null) {
            missing.add("/optimizer");
        } else if (spec.type() == null) {
            missing.add("/optimizer/type");
        } else if (!OPTIMIZERS.contains(spec.type())) {
            throw new UnknownTypeProblem("/optimizer/type", "optimizer", spec.type(), OPTIMIZERS);
        } else if (spec.type().equals("sgd") && spec.learningRate() == null) {
            missing.add("/optimizer/learningRate");
        }
        if (!missing.isEmpty()) {
            throw new MissingFieldProblem(missing);
        }
    }

    /** The optimizer and the run's plan, every setting in its range (422). */
    static Training of(Model model, DescentRequest request) {
        Optimizer optimizer = optimizer(request.optimizer());
        int epochs = request.epochs();
        if (epochs < 1) {
            throw new InvalidSettingProblem("/epochs", "is " + epochs + "; a run has at least one epoch");
        }
        int m = model.samples();
        Integer batchSize = request.batchSize();
        if (batchSize != null && batchSize < 1) {
            throw new InvalidSettingProblem("/batchSize", "is " + batchSize + "; a batch has at least one sample");
        }
        boolean shuffle = Boolean.TRUE.equals(request.shuffle());
        if (request.seed() != null && !shuffle) {
            throw new InvalidSettingProblem(
                    "/seed", "has no effect without \"shuffle\": true; the batches are consecutive slices");
        }
        Long seed = shuffle ? (request.seed() != null ? request.seed() : new SplittableRandom().nextLong()) : null;
        int size = batchSize == null ? m : Math.min(batchSize, m);
        return new Training(model, new Descent.Plan(optimizer, epochs, size, shuffle, seed == null ? 0 : seed), seed);
    }

    private static Optimizer optimizer(OptimizerSpec spec) {
        if (spec.type().equals("sgd")) {
            refuse(spec.beta1(), "beta1", "sgd");
            refuse(spec.beta2(), "beta2", "sgd");
            refuse(spec.epsilon(), "epsilon", "sgd");
            return new Optimizer.Sgd(
                    atLeastZero(spec.learningRate(), "learningRate"),
                    atLeastZero(orDefault(spec.momentum(), 0), "momentum"));
        }
        refuse(spec.momentum(), "momentum", "adam");
        return new Optimizer.Adam(
                atLeastZero(orDefault(spec.learningRate(), 0.001), "learningRate"),
                belowOne(orDefault(spec.beta1(), 0.9), "beta1"),
                belowOne(orDefault(spec.beta2(), 0.999), "beta2"),
                atLeastZero(orDefault(spec.epsilon(), 1e-8), "epsilon"));
    }

    private static double orDefault(Double value, double otherwise) {
        return value == null ? otherwise : value;
    }

    private static void refuse(Double value, String name, String type) {
        if (value != null) {
            throw new InvalidSettingProblem(
                    "/optimizer/" + name, "does not belong to the optimizer " + type + " (see GET /catalog)");
        }
    }

    /** As {@code torch.optim} checks it: 0 ≤ value. */
    private static double atLeastZero(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidSettingProblem("/optimizer/" + name, "is " + value + "; it must be finite and at least 0");
        }
        return value;
    }

    /** As {@code torch.optim.Adam} checks its betas: 0 ≤ β < 1. */
    private static double belowOne(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidSettingProblem("/optimizer/" + name, "is " + value + "; it must be in [0, 1)");
        }
        return value;
    }
}
