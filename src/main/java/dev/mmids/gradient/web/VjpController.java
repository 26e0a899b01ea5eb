package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
import dev.mmids.gradient.web.model.VjpRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /vjp}: the backward pass started from a client's cotangent v instead of a loss's gradient,
 * q^{L+1} = v: J_w(h_x)^T v and J_x(h_x)^T v, as {@code torch.autograd.functional.vjp} gives them.
 */
@RestController
class VjpController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;

    VjpController(ModelAssembler assembler, ServiceMetrics metrics) {
        this.assembler = assembler;
        this.metrics = metrics;
    }

    @PostMapping(
            path = "/vjp",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    VjpResponse vjp(VjpRequest request, Admitted admitted) {
        Model model = assembler.vjp(request);
        Chain chain = model.chain();
        int m = model.samples();
        admitted.compute(Footprint.plus(
                Footprint.vjp(chain, m),
                Footprint.answer(
                        Footprint.plus(
                                chain.parameterCount(),
                                Footprint.times(m, (long) chain.inputSize() + chain.outputSize())),
                        Footprint.times(2, m),
                        chain.depth())));
        Model.Vjp result = model.vjp();
        metrics.computed("vjp", chain, m);
        return model.batch()
                ? new VjpResponse(
                        null,
                        result.outputs(),
                        result.gradient(),
                        null,
                        result.inputGradients(),
                        LayoutEntry.of(chain, model.order()))
                : new VjpResponse(
                        result.outputs()[0],
                        null,
                        result.gradient(),
                        result.inputGradients()[0],
                        null,
                        LayoutEntry.of(chain, model.order()));
    }
}
