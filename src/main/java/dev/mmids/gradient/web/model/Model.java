package dev.mmids.gradient.web.model;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.GradientCheck;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Reduction;
import dev.mmids.gradient.backprop.Trace;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * A checked request, ready for the engine: the chain, the samples as the rows of X and their labels as
 * the rows of Y, the loss and its reduction. It runs the engine on them and gives the results as the
 * API's arrays, so that the controllers never see a matrix.
 */
public final class Model {

    private final Chain chain;
    private final DMatrixRMaj X;
    private final DMatrixRMaj Y;
    private final Loss loss;
    private final Reduction reduction;
    private final boolean batch;

    /**
     * @param Y the labels, or null when the request has no loss
     * @param loss null when the request has none
     * @param batch whether the request gave a batch ({@code samples}) rather than one x
     */
    Model(Chain chain, DMatrixRMaj X, DMatrixRMaj Y, Loss loss, Reduction reduction, boolean batch) {
        this.chain = chain;
        this.X = X;
        this.Y = Y;
        this.loss = loss;
        this.reduction = reduction;
        this.batch = batch;
    }

    public Chain chain() {
        return chain;
    }

    /** m, the number of samples. */
    public int samples() {
        return X.getNumRows();
    }

    public boolean batch() {
        return batch;
    }

    /** The loss, or null when the request has none. */
    public Loss loss() {
        return loss;
    }

    /** {@code "mean"} or {@code "sum"}, as the API names it. */
    public String reduction() {
        return reduction.name().toLowerCase(Locale.ROOT);
    }

    /** f and ∇f by forward and backward propagation. */
    public Chain.Gradient gradient() {
        return chain.gradient(X, Y, loss, reduction);
    }

    /** h_x(w) of the one sample, or null for a batch. */
    public double[] output(Chain.Gradient gradient) {
        return batch ? null : Matrices.vector(gradient.output());
    }

    /** Every quantity of the seed for the one sample. */
    public Trace trace() {
        return Trace.of(chain, Matrices.vector(X), Matrices.vector(Y), loss);
    }

    /** A check of {@code gradient} by central differences. */
    public GradientCheck.Report check(double[] gradient, int coordinates, long seed) {
        return GradientCheck.check(chain, X, Y, loss, reduction, gradient, coordinates, seed);
    }

    /**
     * h_x(w) for each sample as rows, the one sample's output alone, and the loss when the request has one.
     *
     * @param output h_x(w) of the one sample, or null for a batch
     * @param loss null without a loss
     */
    public record Forward(double[][] outputs, double[] output, Double loss) {}

    public Forward forward() {
        DMatrixRMaj outputs = chain.forward(X);
        Double f = loss == null ? null : chain.loss(X, Y, loss, reduction);
        return new Forward(Matrices.rows(outputs), batch ? null : Matrices.vector(outputs), f);
    }

    /** h_x(w) and the rows of J_{h_x}(w), for the one input. */
    public record Jacobian(double[] output, double[][] J) {}

    public Jacobian jacobian() {
        Chain.OutputJacobian result = chain.jacobian(Matrices.vector(X));
        return new Jacobian(result.output(), Matrices.rows(result.J()));
    }
}
