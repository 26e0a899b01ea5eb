package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Derivatives;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.model.JvpRequest;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /jvp}: forward mode, J_w(h_x) t + J_x(h_x) u in one forward pass by the seed's recursion
 * applied to a vector, as {@code torch.autograd.functional.jvp} gives it; no Jacobian is built.
 */
@RestController
class JvpController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;

    JvpController(ModelAssembler assembler, ServiceMetrics metrics) {
        this.assembler = assembler;
        this.metrics = metrics;
    }

    @PostMapping(
            path = "/jvp",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    JvpResponse jvp(JvpRequest request, Admitted admitted) {
        Model model = assembler.jvp(request);
        Chain chain = model.chain();
        admitted.compute(Footprint.plus(Footprint.jvp(chain), Footprint.answer(2L * chain.outputSize(), 0, 0)));
        Derivatives.Jvp result = model.jvp();
        metrics.computed("jvp", chain, 1);
        return new JvpResponse(result.output(), result.tangentOutput());
    }
}
