package dev.mmids.gradient.web.model;

import static dev.mmids.gradient.web.model.RequestChecks.requireWithin;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.InvalidLabelException;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.web.problem.InvalidLabelProblem;
import dev.mmids.gradient.web.problem.MissingFieldProblem;
import dev.mmids.gradient.web.problem.SampleFormProblem;
import dev.mmids.gradient.web.problem.ShapeMismatchProblem;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonPointer;

/**
 * Turns a request into a {@link Model} for the engine, checking every rule of the API first: the 400s
 * ({@link RequestChecks}) before the 422s (limits, forms, sizes, labels: {@link Samples}, {@link
 * Networks}), and all of them before any arithmetic. The three requests differ only in what they require.
 */
@Component
public class ModelAssembler {

    private final Limits limits;

    public ModelAssembler(Limits limits) {
        this.limits = limits;
    }

    /** POST /gradient: a loss and labels are required. */
    public Model gradient(GradientRequest request) {
        if (request.loss() == null) {
            throw new MissingFieldProblem(List.of("/loss"));
        }
        return assemble(request, RequestChecks.Target.LABEL);
    }

    /** POST /forward: a loss is optional, and labels come with it. */
    public Model forward(ForwardRequest request) {
        return assemble(request, request.loss() == null ? RequestChecks.Target.NONE : RequestChecks.Target.LABEL);
    }

    /** POST /jacobian: one input, no loss. */
    public Model jacobian(JacobianRequest request) {
        if (request.x() == null && request.layers() != null) {
            throw new MissingFieldProblem(List.of("/x"));
        }
        return assemble(request, RequestChecks.Target.NONE);
    }

    /** POST /vjp: inputs with the cotangents of their outputs, no loss. */
    public Model vjp(VjpRequest request) {
        return assemble(request, RequestChecks.Target.COTANGENT);
    }

    /** POST /jvp: one input, the tangent of w and perhaps of x, no loss. */
    public Model jvp(JvpRequest request) {
        List<String> missing = new java.util.ArrayList<>();
        if (request.layers() != null && request.x() == null) {
            missing.add("/x");
        }
        if (request.layers() != null && request.tangent() == null) {
            missing.add("/tangent");
        }
        if (!missing.isEmpty()) {
            throw new MissingFieldProblem(missing);
        }
        Model model = assemble(request, RequestChecks.Target.NONE);
        Chain chain = model.chain();
        requireLength(request.tangent(), chain.parameterCount(), "/tangent", "the network's parameters w");
        double[] u = request.inputTangent() == null ? new double[chain.inputSize()] : request.inputTangent();
        requireLength(u, chain.inputSize(), "/inputTangent", "its input x");
        return model.withTangents(model.order().toEngine(chain, request.tangent()), u);
    }

    /**
     * POST /descent: a training set with labels, a loss and a plan; the run's work, epochs × samples × (the
     * parameters and every activation of one sample), is checked against its limit before any work, so that
     * a wide network with few parameters counts for what its layers compute.
     */
    public Training descent(DescentRequest request) {
        Training.requireFields(request);
        Model model = assemble(request, RequestChecks.Target.LABEL);
        Training training = Training.of(model, request);
        Chain chain = model.chain();
        long perSample = (long) chain.parameterCount() + chain.inputSize();
        for (int i = 1; i <= chain.depth(); i++) {
            perSample += chain.layer(i).outputSize();
        }
        long work = saturatedProduct(saturatedProduct(training.plan().epochs(), model.samples()), perSample);
        requireWithin(
                work,
                limits.maxDescentWork(),
                "/epochs",
                "units of work (epochs × samples × (parameters + the widths of every activation))");
        return training;
    }

    private static long saturatedProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void requireLength(double[] v, long expected, String pointer, String what) {
        if (v.length != expected) {
            throw new ShapeMismatchProblem(
                    pointer, "has length " + v.length + ", but " + what + " have " + expected + " entries");
        }
    }

    private Model assemble(ApiRequest request, RequestChecks.Target target) {
        List<LayerType> types = RequestChecks.layerTypes(request.layers());
        Loss loss = request.loss() == null ? null : RequestChecks.loss(request.loss());
        Reduction reduction = RequestChecks.reduction(request.reduction());
        ParameterOrder order = ParameterOrder.of(request.order());
        RequestChecks.requireSampleFields(request, target);
        RequestChecks.requireFinite(request);
        if (loss == null) {
            RequestChecks.requireNoLabels(request);
        }

        if (request.layers().isEmpty()) {
            throw new ShapeMismatchProblem("/layers", "is empty; a network has at least one layer");
        }
        requireWithin(request.layers().size(), limits.maxLayers(), "/layers", "layers");
        RequestChecks.requireOneLabelEach(request);
        Samples samples = Samples.of(request, limits);
        Chain chain = Networks.chain(
                request.layers(), types, request.parameters(), order, samples.width(), samples.pointer(0, "x"), limits);
        boolean perSample = "none".equals(request.reduction());
        if (perSample) {
            requireWithin(
                    (long) samples.size() * chain.parameterCount(),
                    limits.maxPerSampleEntries(),
                    "/reduction",
                    "per-sample gradient entries (samples × parameters)");
        }
        Model model = new Model(chain, samples.inputs(), order, samples.isBatch());
        if (target == RequestChecks.Target.COTANGENT) {
            return model.withCotangents(samples.cotangents(chain.outputSize()));
        }
        if (loss == null) {
            return model;
        }
        DMatrixRMaj Y = samples.labels(chain.outputSize(), loss);
        try {
            loss.checkLabels(Y);
        } catch (InvalidLabelException e) {
            String pointer = samples.pointer(e.sample(), "y");
            throw new InvalidLabelProblem(
                    e.index() < 0
                            ? pointer
                            : JsonPointer.compile(pointer)
                                    .appendIndex(e.index())
                                    .toString(),
                    loss.id(),
                    e.problem());
        }
        return model.withLoss(Y, loss, reduction, perSample);
    }

    /**
     * A trace is of one sample, and its matrices must fit the trace limit; checked before any work.
     *
     * @return the numbers the trace holds
     */
    public long requireTraceable(Model model) {
        if (model.batch()) {
            throw SampleFormProblem.traceOfABatch();
        }
        Chain chain = model.chain();
        long entries = chain.outputSize();
        for (int i = 1; i <= chain.depth(); i++) {
            long n = chain.layer(i).inputSize();
            long next = chain.layer(i).outputSize();
            long r = chain.layer(i).parameterCount();
            entries += n + next + next * (r + n) + r + n;
        }
        requireWithin(entries, limits.maxTraceEntries(), "/trace", "trace entries");
        return entries;
    }

    /**
     * J_{O_i} = (A_i, B_i J_{O_{i-1}}) must fit the Jacobian limit at every i; checked before any work.
     *
     * @return the entries of the largest J_{O_i}
     */
    public long requireJacobianWithin(Model model) {
        Chain chain = model.chain();
        long columns = 0;
        long largest = 0;
        for (int i = 1; i <= chain.depth(); i++) {
            columns += chain.layer(i).parameterCount();
            largest = Math.max(largest, columns * chain.layer(i).outputSize());
        }
        requireWithin(largest, limits.maxJacobianEntries(), "/layers", "Jacobian entries");
        return largest;
    }
}
