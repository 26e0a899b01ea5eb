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
        boolean perSample = model.reduction().equals("none");
        long eachSample = perSample ? Footprint.times(m, chain.parameterCount() + 1L) : 0;
        admitted.compute(Footprint.plus(
                Footprint.plus(
                        perSample ? Footprint.perSample(chain, m) : Footprint.gradient(chain, m),
                        traced ? Footprint.trace(chain) : 0),
                Footprint.plus(
                        checked ? Footprint.check(chain, m) : 0,
                        Footprint.answer(
                                Footprint.plus(chain.parameterCount() + chain.outputSize() + traceEntries, eachSample),
                                traceRows + (perSample ? m : 0),
                                chain.depth()))));

        Model.Gradient result;
        TraceView trace = null;
        if (traced) {
            Trace t = model.trace();
            double[] gradient = model.inOrder(t.gradient());
            result = new Model.Gradient(
                    t.loss(),
                    gradient,
                    t.output(),
                    perSample ? new double[] {t.loss()} : null,
                    perSample ? new double[][] {gradient} : null);
            trace = TraceView.of(chain, t);
        } else {
            result = model.gradient();
        }

        CheckView check = null;
        if (checked) {
            check = CheckView.of(
                    model.check(result.gradient(), checkSettings.coordinates(), checkSettings.seed()), model);
        }
        metrics.computed("gradient", chain, m);
        return new GradientResponse(
                result.loss(),
                result.gradient(),
                LayoutEntry.of(chain, model.order()),
                result.output(),
                m,
                model.reduction(),
                trace,
                check,
                result.losses(),
                result.gradients());
    }
}
