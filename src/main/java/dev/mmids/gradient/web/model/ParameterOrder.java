package dev.mmids.gradient.web.model;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.web.problem.UnknownTypeProblem;
import java.util.Arrays;
import java.util.List;

/**
 * The order of the flat vectors over w in a request and its answer. The engine's is the seed's, w =
 * (w^L; ...; w^1); PyTorch's {@code parameters_to_vector} and the textbook's is w = (w^1; ...; w^L).
 * Within a layer the layout never changes: the rows of W, then b.
 */
public enum ParameterOrder {
    LAST_LAYER_FIRST("last-layer-first"),
    FIRST_LAYER_FIRST("first-layer-first");

    private final String id;

    ParameterOrder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ParameterOrder::id).toList();
    }

    /** The order a request names, last layer first when it names none. */
    static ParameterOrder of(String order) {
        if (order == null) {
            return LAST_LAYER_FIRST;
        }
        return Arrays.stream(values())
                .filter(o -> o.id.equals(order))
                .findFirst()
                .orElseThrow(() -> new UnknownTypeProblem("/order", "parameter order", order, ids()));
    }

    /** The layers i = 1..L in the order their blocks stand in a vector over w. */
    public int[] layers(int L) {
        int[] layers = new int[L];
        for (int k = 0; k < L; k++) {
            layers[k] = this == LAST_LAYER_FIRST ? L - k : k + 1;
        }
        return layers;
    }

    /** Where w^i starts in a vector over w in this order. */
    public int offset(Chain chain, int i) {
        if (this == LAST_LAYER_FIRST) {
            return chain.offset(i);
        }
        return chain.parameterCount() - chain.offset(i) - chain.layer(i).parameterCount();
    }

    /** A vector over w in the engine's order, given in this one. */
    public double[] toEngine(Chain chain, double[] v) {
        return this == LAST_LAYER_FIRST ? v : reorder(chain, v, false);
    }

    /** A vector over w in this order, given in the engine's. */
    public double[] fromEngine(Chain chain, double[] v) {
        return this == LAST_LAYER_FIRST ? v : reorder(chain, v, true);
    }

    /** Entry k of w in the engine's order, as an index in this one. */
    public int fromEngine(Chain chain, int k) {
        if (this == LAST_LAYER_FIRST) {
            return k;
        }
        int i = chain.layerOf(k);
        return offset(chain, i) + (k - chain.offset(i));
    }

    /** Each row's columns, one per entry of w, in this order instead of the engine's. */
    public double[][] columnsFromEngine(Chain chain, double[][] rows) {
        if (this == LAST_LAYER_FIRST) {
            return rows;
        }
        double[][] reordered = new double[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            reordered[j] = reorder(chain, rows[j], true);
        }
        return reordered;
    }

    /** The blocks w^i of v moved from the engine's places to this order's, or back. */
    private double[] reorder(Chain chain, double[] v, boolean fromEngine) {
        double[] out = new double[v.length];
        for (int i = 1; i <= chain.depth(); i++) {
            int engine = chain.offset(i);
            int here = offset(chain, i);
            System.arraycopy(
                    v,
                    fromEngine ? engine : here,
                    out,
                    fromEngine ? here : engine,
                    chain.layer(i).parameterCount());
        }
        return out;
    }
}
