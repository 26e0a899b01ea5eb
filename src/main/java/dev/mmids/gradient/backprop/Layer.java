package dev.mmids.gradient.backprop;

import org.ejml.data.DMatrixRMaj;

/**
 * One progressive function g_i(w^i; z^i) of the chain, with its parameters w^i bound.
 *
 * <p>A batch is a matrix with one sample per row: Z is m × n, g maps it to m × n' row by row. Each
 * kind declares, side by side, its forward map, its vector-Jacobian product and its explicit
 * Jacobian blocks (A, B) = J_g(w; z), where A (n' × r) is the block of columns for the parameters and
 * B (n' × n) the block for the input. No method modifies its arguments.
 */
public sealed interface Layer permits Linear, ParameterFree {

    /** What kind of layer it is. */
    LayerKind kind();

    /** n, the length of the input z. */
    int inputSize();

    /** n', the length of the output g(w; z). */
    int outputSize();

    /** r, the length of w. */
    int parameterCount();

    /** w, a copy. */
    double[] parameters();

    /** The same layer with other parameters w of the same length. */
    Layer withParameters(double[] w);

    /** Z' = g(w; Z) row by row: Z is m × n, Z' is m × n'. */
    DMatrixRMaj forward(DMatrixRMaj Z);

    /**
     * p = Σ_s A(z_s)^T q_s: the vector-Jacobian product for the parameters, summed over the rows s of
     * the batch, without building A. Written to p[offset .. offset + r); nothing else is modified.
     *
     * @param Z the layer's input, m × n
     * @param Q the rows q_s, m × n'
     */
    void vjpParameters(DMatrixRMaj Z, DMatrixRMaj Q, double[] p, int offset);

    /**
     * p_s = A(z_s)^T q_s for every row s on its own: the per-sample vector-Jacobian products for the
     * parameters, in the same pass. Written to P[s][offset .. offset + r); nothing else is modified.
     */
    void vjpParametersEach(DMatrixRMaj Z, DMatrixRMaj Q, double[][] P, int offset);

    /**
     * The rows A(z_s) t: the Jacobian-vector product for the parameters (forward mode), for the tangent
     * t of w held in t[offset .. offset + r). m × n'.
     */
    DMatrixRMaj jvpParameters(DMatrixRMaj Z, double[] t, int offset);

    /** p = Σ_s A(z_s)^T q_s, in an array of its own. */
    default double[] vjpParameters(DMatrixRMaj Z, DMatrixRMaj Q) {
        double[] p = new double[parameterCount()];
        vjpParameters(Z, Q, p, 0);
        return p;
    }

    /**
     * The rows B(z_s)^T q_s: the vector-Jacobian product for the input, without building B. m × n.
     *
     * @param Z the layer's input, m × n
     * @param out the layer's output g(w; Z), m × n', as {@link #forward} computed it
     * @param Q the rows q_s, m × n'
     */
    DMatrixRMaj vjpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj Q);

    /**
     * The rows B(z_s) d_s: the Jacobian-vector product for the input (forward mode), without building B.
     * m × n'.
     *
     * @param Z the layer's input, m × n, or 1 × n for the same input z under every row of D
     * @param out the layer's output g(w; Z), as {@link #forward} computed it from Z
     * @param D the rows d_s, m × n
     */
    DMatrixRMaj jvpInput(DMatrixRMaj Z, DMatrixRMaj out, DMatrixRMaj D);

    /** A = ∂g/∂w at one input z of length n: n' × r. */
    DMatrixRMaj parameterBlock(double[] z);

    /** The explicit blocks (A, B) = J_g(w; z) at one input z of length n. */
    Jacobian jacobian(double[] z);

    /** A (n' × r) and B (n' × n). */
    record Jacobian(DMatrixRMaj A, DMatrixRMaj B) {}
}
