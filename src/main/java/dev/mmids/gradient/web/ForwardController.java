package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.model.ForwardRequest;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /forward}: h_x(w) for each sample, and the loss when the request has one. */
@RestController
class ForwardController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;

    ForwardController(ModelAssembler assembler, ServiceMetrics metrics) {
        this.assembler = assembler;
        this.metrics = metrics;
    }

    @PostMapping(
            path = "/forward",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    ForwardResponse forward(ForwardRequest request, Admitted admitted) {
        Model model = assembler.forward(request);
        Chain chain = model.chain();
        int m = model.samples();
        long K = chain.outputSize();
        // the loss runs a second forward pass (a third for each sample's); the outputs are copied into rows
        boolean perSample = model.reduction().equals("none");
        long passes = model.loss() == null ? 1 : perSample ? 3 : 2;
        admitted.compute(Footprint.plus(
                Footprint.plus(
                        Footprint.times(passes, Footprint.forwardPass(chain, m)),
                        Footprint.plus(Footprint.matrix(m, K), Footprint.times(m, 16))),
                Footprint.answer(Footprint.plus(Footprint.times(m, K + (perSample ? 1 : 0)), K + 1), m, 0)));
        Model.Forward forward = model.forward();
        metrics.computed("forward", chain, m);
        return new ForwardResponse(
                forward.outputs(),
                forward.output(),
                forward.loss(),
                m,
                forward.loss() == null ? null : model.reduction(),
                forward.losses());
    }
}
