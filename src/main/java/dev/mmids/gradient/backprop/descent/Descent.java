package dev.mmids.gradient.backprop.descent;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.backprop.NonFiniteValueException;
import dev.mmids.gradient.backprop.OutputOutsideDomainException;
import dev.mmids.gradient.backprop.compute.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Minibatch gradient descent on a chain: for each epoch, the samples in batches (consecutive slices, or
 * a permutation's when shuffled), and for each batch one step: the batch's mean loss and its gradient
 * by the seed's forward and backward pass ({@link Chain#gradient}), then the optimizer's update of w.
 *
 * <p>The run's buffers are allocated once: its own copy of every layer's parameters (which its chain's
 * layers hold and the updates change in place), the optimizer's state, and the batch's inputs and labels.
 * An epoch's loss is the mean of its batches' losses, each taken before its step, as a training loop in
 * PyTorch records it. Each step checks the deadline of the computation on this thread.
 */
public final class Descent {

    /**
     * How a run goes.
     *
     * @param batchSize the samples of a step; the last batch of an epoch may have fewer
     * @param seed the permutations' seed, when shuffled: {@link SplittableRandom}'s sequence, so that a
     *     run is reproducible (it is not PyTorch's sequence: no seed makes the two draw the same batches)
     */
    public record Plan(Optimizer optimizer, int epochs, int batchSize, boolean shuffle, long seed) {}

    /** What a run reports as it goes; it may throw to stop the run (a client that has gone). */
    public interface Progress {

        /** An epoch has ended: its number (1, 2, ...), its loss, and the steps taken so far. */
        void epoch(int epoch, double loss, long steps);

        /** A step has ended; called after every step, to let a caller notice that nobody waits any more. */
        default void step(long steps) {}
    }

    /**
     * The trained parameters w = (w^L; ...; w^1), the steps taken and each epoch's loss.
     */
    public record Result(double[] parameters, long steps, double[] losses) {}

    private final Chain chain;
    private final double[][] weights;
    private final DMatrixRMaj X;
    private final DMatrixRMaj Y;
    private final Loss loss;
    private final Plan plan;

    private Descent(Chain initial, DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Plan plan) {
        List<Layer> layers = new ArrayList<>(initial.depth());
        weights = new double[initial.depth() + 1][];
        for (int i = 1; i <= initial.depth(); i++) {
            weights[i] = initial.layer(i).parameters();
            layers.add(initial.layer(i).withParameters(weights[i]));
        }
        this.chain = new Chain(layers);
        this.X = X;
        this.Y = Y;
        this.loss = loss;
        this.plan = plan;
    }

    /**
     * Trains {@code chain} from its parameters on the rows of X (inputs) and Y (labels).
     *
     * @throws DivergedException when a loss, a gradient or an updated parameter is not finite
     */
    public static Result run(Chain chain, DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Plan plan, Progress progress) {
        return new Descent(chain, X, Y, loss, plan).run(progress);
    }

    /** The steps of a run: ⌈m / batch⌉ per epoch. */
    public static long steps(int samples, int batchSize, int epochs) {
        return (long) epochs * ((samples + batchSize - 1) / batchSize);
    }

    private Result run(Progress progress) {
        int m = X.numRows;
        int size = Math.min(plan.batchSize(), m);
        Batch full = new Batch(size);
        Batch last = m % size == 0 ? full : new Batch(m % size);
        int[] order = new int[m];
        for (int s = 0; s < m; s++) {
            order[s] = s;
        }
        SplittableRandom random = new SplittableRandom(plan.seed());
        Optimizer.Run optimizer = plan.optimizer().start(chain.parameterCount());
        double[] losses = new double[plan.epochs()];
        long steps = 0;
        for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
            if (plan.shuffle()) {
                shuffle(order, random);
            }
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < m; from += size) {
                Batch batch = m - from < size ? last : full;
                batch.fill(order, from);
                Chain.Gradient step;
                try {
                    step = chain.gradient(batch.X, batch.Y, loss, Reduction.MEAN);
                } catch (NonFiniteValueException | OutputOutsideDomainException e) {
                    throw new DivergedException(epoch, steps + 1, e.getMessage());
                }
                optimizer.beginStep();
                double[] g = step.gradient();
                for (int i = 1; i <= chain.depth(); i++) {
                    optimizer.update(weights[i], g, chain.offset(i));
                    requireFinite(i, epoch, steps + 1);
                }
                sum += step.loss();
                batches++;
                steps++;
                progress.step(steps);
                Deadline.checkCurrent();
            }
            losses[epoch - 1] = sum / batches;
            progress.epoch(epoch, losses[epoch - 1], steps);
        }
        return new Result(chain.parameters(), steps, losses);
    }

    private void requireFinite(int i, int epoch, long step) {
        double[] w = weights[i];
        for (int k = 0; k < w.length; k++) {
            if (!Double.isFinite(w[k])) {
                throw new DivergedException(
                        epoch,
                        step,
                        "the update made parameter " + k + " of layer " + i + " ("
                                + chain.layer(i).kind() + ") " + w[k] + "; a smaller learning rate may converge");
            }
        }
    }

    /** Fisher–Yates, as {@link java.util.Collections#shuffle} does it, on the sample indices. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int s = order.length - 1; s > 0; s--) {
            int t = random.nextInt(s + 1);
            int kept = order[s];
            order[s] = order[t];
            order[t] = kept;
        }
    }

    /** A batch's rows of X and Y, copied into buffers made once. */
    private final class Batch {
        final DMatrixRMaj X;
        final DMatrixRMaj Y;

        Batch(int rows) {
            X = new DMatrixRMaj(rows, Descent.this.X.numCols);
            Y = new DMatrixRMaj(rows, Descent.this.Y.numCols);
        }

        void fill(int[] order, int from) {
            int n = X.numCols;
            int k = Y.numCols;
            for (int r = 0; r < X.numRows; r++) {
                int s = order[from + r];
                System.arraycopy(Descent.this.X.data, s * n, X.data, r * n, n);
                System.arraycopy(Descent.this.Y.data, s * k, Y.data, r * k, k);
            }
        }
    }
}
