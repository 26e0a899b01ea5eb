package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /jacobian}: h_x(w) and J_{h_x}(w) by the recursion J_{O_i} = (A_i, B_i J_{O_{i-1}}). */
@RestController
class JacobianController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;
    private final Admission admission;

    JacobianController(ModelAssembler assembler, ServiceMetrics metrics, Admission admission) {
        this.assembler = assembler;
        this.metrics = metrics;
        this.admission = admission;
    }

    @PostMapping(
            path = "/jacobian",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    JacobianResponse jacobian(@RequestBody JacobianRequest request, HttpServletRequest http) {
        ModelAssembler.Model model = assembler.jacobian(request);
        long entries = assembler.requireJacobianWithin(model);
        admission.admit(http, model.chain(), 1, 3 * entries);
        Chain.OutputJacobian result = model.chain().jacobian(model.X().data);
        metrics.computed("jacobian", model.chain(), 1);
        return new JacobianResponse(result.output(), ModelAssembler.rows(result.J()), LayoutEntry.of(model.chain()));
    }
}
