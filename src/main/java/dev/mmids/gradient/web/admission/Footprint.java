package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.backprop.Chain;
import dev.mmids.gradient.backprop.Layer;

/**
 * The memory model of a request: what each step of it allocates, in bytes, computed from the shapes
 * alone before the step runs, so that the admission control can reserve it first. Every figure is an
 * upper bound of what the step allocates, garbage included, where the engine computes its products in
 * EJML (which copies more than the system's BLAS); {@code AccountingTest} measures the allocations of the
 * worst shapes against it. All arithmetic saturates at {@link Long#MAX_VALUE} instead of overflowing.
 *
 * <p>The steps of a request, in order: its body arrives ({@link BodyBuffer}, reserved chunk by chunk);
 * it is parsed (the request reader charges it token by token), after which the body is let go of and
 * the request holds its numbers twice (once parsed, once more for the matrices and parameters the chain
 * is built from); the controller reserves its computation ({@link #gradient}, {@link #trace}, {@link
 * #check}, {@link #jacobian}, {@link #forwardPass}) with its {@link #answer}; once the answer is written
 * into memory only the answer is held, until it has been sent.
 */
public final class Footprint {

    /** The most entries a Java array holds. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** A {@code DMatrixRMaj} object, besides its array. */
    private static final long MATRIX = 40;

    /** What a layer of a chain holds besides its parameters: the object, its slot, the chain's offsets. */
    private static final long LAYER = 96;

    /** A gradient check's own objects: its random numbers, comparisons and report. */
    private static final long CHECK = 4096;

    /** The most a double takes in JSON: "-2.2250738585072014E-308" and a comma. */
    static final long JSON_DOUBLE = 25;

    private Footprint() {}

    /** An array of {@code n} doubles. */
    public static long doubles(long n) {
        return plus(16, times(8, n));
    }

    /**
     * An m × n matrix of doubles; one larger than a Java array can hold counts as more memory than any
     * budget, so that it is refused before an allocation could fail.
     */
    public static long matrix(long m, long n) {
        long entries = times(m, n);
        return entries > MAX_ARRAY ? Long.MAX_VALUE : plus(MATRIX, doubles(entries));
    }

    /**
     * The forward pass of m samples: every layer's output, and for a linear layer the copies EJML's
     * products make (W^T, and the rows of each block of a large product with their results).
     */
    public static long forwardPass(Chain chain, long m) {
        long bytes = times(8, chain.depth() + 2);
        for (int i = 1; i <= chain.depth(); i++) {
            Layer g = chain.layer(i);
            bytes = plus(bytes, matrix(m, g.outputSize()));
            if (g.parameterCount() > 0) {
                bytes = plus(bytes, products(g, m));
            }
        }
        return bytes;
    }

    /**
     * The loss and its gradient for m samples: the forward pass, the loss's gradient, every layer's
     * upstream gradient for its input, the gradient itself, and EJML's copies in the backward products.
     */
    public static long gradient(Chain chain, long m) {
        long bytes = plus(forwardPass(chain, m), matrix(m, chain.outputSize()));
        bytes = plus(bytes, doubles(chain.parameterCount()));
        for (int i = 1; i <= chain.depth(); i++) {
            Layer g = chain.layer(i);
            bytes = plus(bytes, matrix(m, g.inputSize()));
            if (g.parameterCount() > 0) {
                bytes = plus(bytes, times(2, products(g, m)));
            }
        }
        return bytes;
    }

    /**
     * Per-sample gradients of m samples ({@code "reduction": "none"}): the gradient's pass, with each
     * sample's gradient (m × r) and each sample's loss held besides.
     */
    public static long perSample(Chain chain, long m) {
        return plus(gradient(chain, m), plus(times(m, doubles(chain.parameterCount())), doubles(m)));
    }

    /**
     * The vector-Jacobian products of m samples: the gradient's pass from the cotangents (the same
     * matrices), and every sample's q^1 kept for the answer.
     */
    public static long vjp(Chain chain, long m) {
        return plus(gradient(chain, m), matrix(m, chain.inputSize()));
    }

    /**
     * A Jacobian-vector product at one input: the forward pass of one sample twice over (the outputs and
     * their tangents), and each linear layer's tangent of W, copied out of t.
     */
    public static long jvp(Chain chain) {
        long bytes = times(3, forwardPass(chain, 1));
        for (int i = 1; i <= chain.depth(); i++) {
            bytes = plus(bytes, doubles(chain.layer(i).parameterCount()));
        }
        return bytes;
    }

    /**
     * A run of gradient descent with batches of {@code batch} samples: one step's gradient pass, the run's
     * copy of w, {@code states} more vectors of r for the optimizer (momentum's buffer, Adam's two moments),
     * and the batch's copies of its inputs and labels.
     */
    public static long descent(Chain chain, long batch, int states) {
        long r = chain.parameterCount();
        return plus(
                gradient(chain, batch),
                plus(doubles(times(1 + states, r)), matrix(batch, (long) chain.inputSize() + chain.outputSize())));
    }

    /**
     * A trace beyond the gradient of its one sample: each layer's blocks A_i and B_i, built and then copied
     * into rows for the answer, the slices p^i, and the loss's gradient once more.
     */
    public static long trace(Chain chain) {
        long bytes = matrix(1, chain.outputSize());
        for (int i = 1; i <= chain.depth(); i++) {
            Layer g = chain.layer(i);
            long rows = g.outputSize();
            long entries = times(rows, plus(g.parameterCount(), g.inputSize()));
            bytes = plus(bytes, times(2, plus(times(8, entries), times(rows, 2 * (16 + MATRIX)))));
            bytes = plus(bytes, plus(doubles(g.parameterCount()), doubles(g.inputSize())));
            bytes = plus(bytes, 256);
        }
        return bytes;
    }

    /**
     * A gradient check of m samples beyond the gradient, at its peak: w, the direction and a coordinate
     * vector, w moved both ways, a chain's copy of its parameters, and a forward pass. Its comparisons run
     * one after another, so that each one's garbage is the next one's room.
     */
    public static long check(Chain chain, long m) {
        return plus(plus(times(7, doubles(chain.parameterCount())), times(2, forwardPass(chain, m))), CHECK);
    }

    /**
     * J_{h_x}(w) for one sample by the recursion on the transposes, at its peak: the largest step (B_i
     * applied to each row of J_{O_{i-1}}^T, A_i and its transpose, J_{O_i}^T, and z^{i+1}) while it still holds
     * J_{O_{i-1}}^T; then J itself and the rows of the answer, while J_{O_L}^T is still held.
     */
    public static long jacobian(Chain chain) {
        long peak = 0;
        long carried = 0;
        for (int i = 1; i <= chain.depth(); i++) {
            peak = Math.max(peak, plus(carried, jacobianStep(chain, i)));
            carried = times(8, jacobianEntries(chain, i));
        }
        return plus(peak, plus(carried, jacobianRows(chain)));
    }

    /** What all the steps of the recursion allocate together, garbage included. */
    public static long jacobianSteps(Chain chain) {
        long sum = 0;
        for (int i = 1; i <= chain.depth(); i++) {
            sum = plus(sum, jacobianStep(chain, i));
        }
        return plus(sum, jacobianRows(chain));
    }

    /** Step i: (B_i J_{O_{i-1}})^T, A_i, A_i^T and a copy, J_{O_i}^T, z^{i+1}, and the copies in a linear layer's product. */
    private static long jacobianStep(Chain chain, int i) {
        Layer g = chain.layer(i);
        long columns = jacobianColumns(chain, i - 1);
        long A = times(g.outputSize(), g.parameterCount());
        long step = plus(times(8, times(columns, g.outputSize())), times(24, A));
        step = plus(step, times(8, jacobianEntries(chain, i)));
        step = plus(step, plus(matrix(1, g.outputSize()), times(5, MATRIX)));
        return g.parameterCount() > 0 ? plus(step, products(g, columns)) : step;
    }

    /** J itself, from J_{O_L}^T, and its rows for the answer. */
    private static long jacobianRows(Chain chain) {
        long entries = jacobianEntries(chain, chain.depth());
        return plus(
                matrix(chain.outputSize(), jacobianColumns(chain, chain.depth())),
                plus(times(8, entries), times(chain.outputSize(), 16 + MATRIX)));
    }

    /** The columns of J_{O_i}: r_1 + ... + r_i. */
    private static long jacobianColumns(Chain chain, int i) {
        long columns = 0;
        for (int k = 1; k <= i; k++) {
            columns += chain.layer(k).parameterCount();
        }
        return columns;
    }

    /** The entries of J_{O_i}. */
    private static long jacobianEntries(Chain chain, int i) {
        return times(jacobianColumns(chain, i), chain.layer(i).outputSize());
    }

    /**
     * The answer written into memory: {@code numbers} doubles in at most {@link #JSON_DOUBLE} bytes each (CBOR
     * takes 9), {@code rows} arrays, {@code layers} entries of {@code layout}, and what fields and brackets
     * take besides.
     */
    public static long answer(long numbers, long rows, int layers) {
        long bytes = plus(plus(times(JSON_DOUBLE, numbers), times(4, rows)), plus(times(160, layers), 2048));
        // the buffer's chunks double up to BodyBuffer.CHUNK: the last one may be nearly empty
        return plus(bytes, Math.min(bytes, BodyBuffer.CHUNK));
    }

    /** The copies EJML's products make for a linear layer on m rows: W^T, and a block's rows and results. */
    private static long products(Layer g, long m) {
        return plus(times(2, doubles(g.parameterCount())), times(16, times(m, plus(g.inputSize(), g.outputSize()))));
    }

    public static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
    }
}
