package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
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
        ModelAssembler.Model model = assembler.jacobian(request);
        Chain chain = model.chain();
        assembler.requireJacobianWithin(model);
        long K = chain.outputSize();
        admitted.compute(Footprint.plus(
                Footprint.jacobian(chain), Footprint.answer(K + K * chain.parameterCount(), K, chain.depth())));
        Chain.OutputJacobian result = chain.jacobian(model.X().data);
        metrics.computed("jacobian", chain, 1);
        return new JacobianResponse(result.output(), ModelAssembler.rows(result.J()), LayoutEntry.of(chain));
    }
}
