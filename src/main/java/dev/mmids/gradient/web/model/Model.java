package dev.mmids.gradient.web.model;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Derivatives;
import dev.mmids.gradient.backprop.GradientCheck;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.backprop.Trace;
import dev.mmids.gradient.backprop.descent.Descent;
import org.ejml.data.DMatrixRMaj;

/**
 * A checked request, ready for the engine: the chain, the samples as the rows of X, their targets (labels
 * as the rows of Y, or cotangents as the rows of V), the loss and its reduction, and the order of the
 * vectors over w. It runs the engine and gives the results as the API's arrays, every vector over w in
 * the request's order, so that the controllers never see a matrix.
 */
public final class Model {

    private final Chain chain;
    private final DMatrixRMaj X;
    private final ParameterOrder order;
    private final boolean batch;
    private final DMatrixRMaj targets;
    private final Loss loss;
    private final Reduction reduction;
    private final boolean perSample;
    private final double[] tangent;
    private final double[] inputTangent;

    private Model(
            Chain chain,
            DMatrixRMaj X,
            ParameterOrder order,
            boolean batch,
            DMatrixRMaj targets,
            Loss loss,
            Reduction reduction,
            boolean perSample,
            double[] tangent,
            double[] inputTangent) {
        this.chain = chain;
        this.X = X;
        this.order = order;
        this.batch = batch;
        this.targets = targets;
        this.loss = loss;
        this.reduction = reduction;
        this.perSample = perSample;
        this.tangent = tangent;
        this.inputTangent = inputTangent;
    }

    /** @param batch whether the request gave a batch ({@code samples}) rather than one x */
    Model(Chain chain, DMatrixRMaj X, ParameterOrder order, boolean batch) {
        this(chain, X, order, batch, null, null, Reduction.MEAN, false, null, null);
    }

    /** The same samples with labels Y for a loss; with {@code perSample}, each sample's share is answered too. */
    Model withLoss(DMatrixRMaj Y, Loss loss, Reduction reduction, boolean perSample) {
        return new Model(chain, X, order, batch, Y, loss, reduction, perSample, null, null);
    }

    /** The same samples with the cotangents V of their outputs. */
    Model withCotangents(DMatrixRMaj V) {
        return new Model(chain, X, order, batch, V, null, reduction, false, null, null);
    }

    /** The same sample with the tangents t of w (in the engine's order) and u of x. */
    Model withTangents(double[] t, double[] u) {
        return new Model(chain, X, order, batch, null, null, reduction, false, t, u);
    }

    public Chain chain() {
        return chain;
    }

    public ParameterOrder order() {
        return order;
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

    /** {@code "mean"}, {@code "sum"} or {@code "none"}, as the API names it. */
    public String reduction() {
        return perSample ? "none" : reduction == Reduction.SUM ? "sum" : "mean";
    }

    /**
     * f and ∇f by forward and backward propagation.
     *
     * @param output h_x(w) of the one sample, or null for a batch
     * @param losses every sample's loss, for {@code "reduction": "none"} only
     * @param gradients every sample's gradient, for {@code "reduction": "none"} only
     */
    public record Gradient(double loss, double[] gradient, double[] output, double[] losses, double[][] gradients) {}

    public Gradient gradient() {
        if (perSample) {
            Derivatives.PerSample each = Derivatives.perSample(chain, X, targets, loss);
            double[][] gradients = new double[each.gradients().length][];
            for (int s = 0; s < gradients.length; s++) {
                gradients[s] = inOrder(each.gradients()[s]);
            }
            double[] output = batch ? null : Matrices.vector(chain.forward(X));
            return new Gradient(each.loss(), inOrder(each.gradient()), output, each.losses(), gradients);
        }
        Chain.Gradient result = chain.gradient(X, targets, loss, reduction);
        return new Gradient(
                result.loss(), inOrder(result.gradient()), batch ? null : Matrices.vector(result.output()), null, null);
    }

    /** Every quantity of the seed for the one sample. */
    public Trace trace() {
        return Trace.of(chain, Matrices.vector(X), Matrices.vector(targets), loss);
    }

    /** A vector over w, from the engine's order to the request's. */
    public double[] inOrder(double[] engine) {
        return order.fromEngine(chain, engine);
    }

    /** A check of {@code gradient} (in the request's order) by central differences; its indices are the engine's. */
    public GradientCheck.Report check(double[] gradient, int coordinates, long seed) {
        return GradientCheck.check(
                chain, X, targets, loss, reduction, order.toEngine(chain, gradient), coordinates, seed);
    }

    /**
     * h_x(w) for each sample as rows, the one sample's output alone, and the loss when the request has one.
     *
     * @param output h_x(w) of the one sample, or null for a batch
     * @param loss null without a loss
     * @param losses every sample's loss, for {@code "reduction": "none"} only
     */
    public record Forward(double[][] outputs, double[] output, Double loss, double[] losses) {}

    public Forward forward() {
        DMatrixRMaj outputs = chain.forward(X);
        Double f = loss == null ? null : chain.loss(X, targets, loss, reduction);
        double[] losses = perSample ? Derivatives.losses(chain, X, targets, loss) : null;
        return new Forward(Matrices.rows(outputs), batch ? null : Matrices.vector(outputs), f, losses);
    }

    /** h_x(w) and the rows of J_{h_x}(w), its columns in the request's order, for the one input. */
    public record Jacobian(double[] output, double[][] J) {}

    public Jacobian jacobian() {
        Chain.OutputJacobian result = chain.jacobian(Matrices.vector(X));
        return new Jacobian(result.output(), order.columnsFromEngine(chain, Matrices.rows(result.J())));
    }

    /**
     * The vector-Jacobian products: for one sample its output and q^1, for a batch every sample's.
     *
     * @param gradient Σ_s J_w(h_{x_s})^T v_s in the request's order
     */
    public record Vjp(double[][] outputs, double[] gradient, double[][] inputGradients) {}

    public Vjp vjp() {
        Derivatives.Vjp result = Derivatives.vjp(chain, X, targets);
        return new Vjp(
                Matrices.rows(result.output()), inOrder(result.gradient()), Matrices.rows(result.inputGradients()));
    }

    /** Gradient descent from the chain's parameters on the samples and their labels; w in the engine's order. */
    Descent.Result descend(Descent.Plan plan, Descent.Progress progress) {
        return Descent.run(chain, X, targets, loss, plan, progress);
    }

    /** h_x(w) and J_w(h_x) t + J_x(h_x) u. */
    public Derivatives.Jvp jvp() {
        return Derivatives.jvp(chain, Matrices.vector(X), tangent, inputTangent);
    }
}
