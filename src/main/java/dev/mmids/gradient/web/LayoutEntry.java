package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import java.util.ArrayList;
import java.util.List;

/**
 * Where p^i (and w^i) sits in the gradient (and in w): layer i's slice [offset, offset + length).
 *
 * @param layer i = 1..L
 */
record LayoutEntry(int layer, String type, int offset, int length) {

    /** One entry per layer, layer L first, as in (p^L; ...; p^1). */
    static List<LayoutEntry> of(Chain chain) {
        List<LayoutEntry> layout = new ArrayList<>(chain.depth());
        for (int i = chain.depth(); i >= 1; i--) {
            layout.add(new LayoutEntry(
                    i,
                    chain.layer(i).kind().id(),
                    chain.offset(i),
                    chain.layer(i).parameterCount()));
        }
        return layout;
    }
}
