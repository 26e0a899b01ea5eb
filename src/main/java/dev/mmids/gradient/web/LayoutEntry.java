package dev.mmids.gradient.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Layer;
import dev.mmids.gradient.backprop.Linear;
import dev.mmids.gradient.web.model.ParameterOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where p^i (and w^i) sits in the gradient (and in w): layer i's slice [offset, offset + length), and for
 * a linear layer its shape, so that a client can reshape p^i into W's gradient (the rows of W, then b).
 *
 * @param layer i = 1..L
 * @param outputs n', for a linear layer
 * @param inputs n, for a linear layer
 * @param bias whether a linear layer has b
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LayoutEntry(int layer, String type, int offset, int length, Integer outputs, Integer inputs, Boolean bias) {

    LayoutEntry(int layer, String type, int offset, int length) {
        this(layer, type, offset, length, null, null, null);
    }

    /** One entry per layer, in the order of the vectors over w: layer L first, or layer 1 first. */
    static List<LayoutEntry> of(Chain chain, ParameterOrder order) {
        List<LayoutEntry> layout = new ArrayList<>(chain.depth());
        for (int i : order.layers(chain.depth())) {
            Layer g = chain.layer(i);
            boolean linear = g instanceof Linear;
            layout.add(new LayoutEntry(
                    i,
                    g.kind().id(),
                    order.offset(chain, i),
                    g.parameterCount(),
                    linear ? g.outputSize() : null,
                    linear ? g.inputSize() : null,
                    linear ? ((Linear) g).hasBias() : null));
        }
        return layout;
    }
}
