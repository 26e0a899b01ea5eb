package dev.mmids.gradient.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /forward}: h_x(w) for each sample, and the loss when the request has one. */
@RestController
class ForwardController {

    private final ModelAssembler assembler;
    private final ServiceMetrics metrics;
    private final Admission admission;

    ForwardController(ModelAssembler assembler, ServiceMetrics metrics, Admission admission) {
        this.assembler = assembler;
        this.metrics = metrics;
        this.admission = admission;
    }

    @PostMapping(
            path = "/forward",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_CBOR_VALUE})
    ForwardResponse forward(@RequestBody ForwardRequest request, HttpServletRequest http) {
        ModelAssembler.Model model = assembler.forward(request);
        admission.admit(http, model.chain(), model.X().numRows, 0);
        DMatrixRMaj outputs = model.chain().forward(model.X());
        Double loss =
                model.loss() == null ? null : model.chain().loss(model.X(), model.Y(), model.loss(), model.reduction());
        metrics.computed("forward", model.chain(), model.X().numRows);
        return new ForwardResponse(
                ModelAssembler.rows(outputs),
                model.batch() ? null : outputs.data,
                loss,
                model.X().numRows,
                loss == null ? null : model.reduction().name().toLowerCase(Locale.ROOT));
    }
}
