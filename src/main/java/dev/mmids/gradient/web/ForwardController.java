package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
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
        ModelAssembler.Model model = assembler.forward(request);
        Chain chain = model.chain();
        int m = model.X().numRows;
        long K = chain.outputSize();
        // the loss runs a second forward pass; the outputs are copied into rows for the answer
        long passes = model.loss() == null ? 1 : 2;
        admitted.compute(Footprint.plus(
                Footprint.plus(
                        Footprint.times(passes, Footprint.forwardPass(chain, m)),
                        Footprint.plus(Footprint.matrix(m, K), Footprint.times(m, 16))),
                Footprint.answer(Footprint.plus(Footprint.times(m, K), K + 1), m, 0)));
        DMatrixRMaj outputs = chain.forward(model.X());
        Double loss = model.loss() == null ? null : chain.loss(model.X(), model.Y(), model.loss(), model.reduction());
        metrics.computed("forward", chain, m);
        return new ForwardResponse(
                ModelAssembler.rows(outputs),
                model.batch() ? null : outputs.data,
                loss,
                m,
                loss == null ? null : model.reduction().name().toLowerCase(Locale.ROOT));
    }
}
