package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /gradient}: the loss and its gradient by forward and backward propagation. */
@RestController
class GradientController {

    private final ModelAssembler assembler;

    GradientController(ModelAssembler assembler) {
        this.assembler = assembler;
    }

    @PostMapping(
            path = "/gradient",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    GradientResponse gradient(@RequestBody GradientRequest request) {
        ModelAssembler.Model model = assembler.gradient(request);
        Chain.Gradient result = model.chain().gradient(model.X(), model.Y(), model.loss(), model.reduction());
        return new GradientResponse(
                result.loss(),
                result.gradient(),
                LayoutEntry.of(model.chain()),
                model.batch() ? null : result.output().data,
                model.X().numRows,
                model.reduction().name().toLowerCase(Locale.ROOT));
    }
}
