package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.admission.Footprint;
import dev.mmids.gradient.web.model.JacobianRequest;
import dev.mmids.gradient.web.model.Model;
import dev.mmids.gradient.web.model.ModelAssembler;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /jacobian}: h_x(w) and J_{h_x}(w) by the recursion J_{O_i} = (A_i, B_i J_{O_{i-1}}). */
@RestController
class JacobianController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;

    JacobianController(ModelAssembler assembler, ServiceMetrics metrics) {
        this.assembler = assembler;
        this.metrics = metrics;
    }

    @PostMapping(
            path = "/jacobian",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    JacobianResponse jacobian(JacobianRequest request, Admitted admitted) {
        Model model = assembler.jacobian(request);
        Chain chain = model.chain();
        assembler.requireJacobianWithin(model);
        long K = chain.outputSize();
        admitted.compute(Footprint.plus(
                Footprint.jacobian(chain), Footprint.answer(K + K * chain.parameterCount(), K, chain.depth())));
        Model.Jacobian result = model.jacobian();
        metrics.computed("jacobian", chain, 1);
        return new JacobianResponse(result.output(), result.J(), LayoutEntry.of(chain, model.order()));
    }
}
