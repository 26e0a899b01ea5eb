package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.GradientCheck;
import dev.mmids.gradient.backprop.Trace;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /gradient}: the loss and its gradient by forward and backward propagation. */
@RestController
class GradientController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;
    private final GradientCheckSettings checkSettings;

    GradientController(ModelAssembler assembler, GradientCheckSettings checkSettings, ServiceMetrics metrics) {
        this.assembler = assembler;
        this.metrics = metrics;
        this.checkSettings = checkSettings;
    }

    @PostMapping(
            path = "/gradient",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    GradientResponse gradient(GradientRequest request, Admitted admitted) {
        ModelAssembler.Model model = assembler.gradient(request);
        Chain chain = model.chain();
        int m = model.X().numRows;
        boolean traced = Boolean.TRUE.equals(request.trace());
        boolean checked = Boolean.TRUE.equals(request.check());
        long traceEntries = traced ? assembler.requireTraceable(model) : 0;
        long traceRows = 0;
        for (int i = 1; traced && i <= chain.depth(); i++) {
            traceRows += 2L * chain.layer(i).outputSize();
        }
        admitted.compute(Footprint.plus(
                Footprint.plus(Footprint.gradient(chain, m), traced ? Footprint.trace(chain) : 0),
                Footprint.plus(
                        checked ? Footprint.check(chain, m) : 0,
                        Footprint.answer(
                                chain.parameterCount() + chain.outputSize() + traceEntries,
                                traceRows,
                                chain.depth()))));

        double loss;
        double[] gradient;
        double[] output;
        TraceView trace = null;
        if (traced) {
            Trace t = Trace.of(chain, model.X().data, model.Y().data, model.loss());
            loss = t.loss();
            gradient = t.gradient();
            output = t.output();
            trace = TraceView.of(chain, t);
        } else {
            Chain.Gradient result = chain.gradient(model.X(), model.Y(), model.loss(), model.reduction());
            loss = result.loss();
            gradient = result.gradient();
            output = model.batch() ? null : result.output().data;
        }

        CheckView check = null;
        if (checked) {
            check = CheckView.of(
                    GradientCheck.check(
                            chain,
                            model.X(),
                            model.Y(),
                            model.loss(),
                            model.reduction(),
                            gradient,
                            checkSettings.coordinates(),
                            checkSettings.seed()),
                    chain);
        }
        metrics.computed("gradient", chain, m);
        return new GradientResponse(
                loss,
                gradient,
                LayoutEntry.of(chain),
                output,
                m,
                model.reduction().name().toLowerCase(Locale.ROOT),
                trace,
                check);
    }
}
