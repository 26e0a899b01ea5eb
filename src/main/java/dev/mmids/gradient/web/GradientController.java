package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Trace;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.model.GradientRequest;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
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
        Model model = assembler.gradient(request);
        Chain chain = model.chain();
        int m = model.samples();
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
            Trace t = model.trace();
            loss = t.loss();
            gradient = t.gradient();
            output = t.output();
            trace = TraceView.of(chain, t);
        } else {
            Chain.Gradient result = model.gradient();
            loss = result.loss();
            gradient = result.gradient();
            output = model.output(result);
        }

        CheckView check = null;
        if (checked) {
            check = CheckView.of(model.check(gradient, checkSettings.coordinates(), checkSettings.seed()), chain);
        }
        metrics.computed("gradient", chain, m);
        return new GradientResponse(loss, gradient, LayoutEntry.of(chain), output, m, model.reduction(), trace, check);
    }
}
