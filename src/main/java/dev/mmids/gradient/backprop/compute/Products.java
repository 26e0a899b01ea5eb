package dev.mmids.gradient.backprop.compute;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The matrix products of the engine, on row-major arrays: by the system's BLAS through JNI where the
 * machine has one (OpenBLAS computes a batch's products 15 to 25 times faster than EJML here), else by
 * EJML. A row-major matrix is its own transpose in BLAS's column-major order, so each product is
 * handed to BLAS with its factors swapped and no data moved. Products too small for either to pay
 * (a course's network) run as plain loops over the arrays, which allocate nothing.
 */
public final class Products {

    /** The system's BLAS, or null when this machine has none (EJML computes instead). */
    private static final NativeBLAS BLAS = loadNativeBlas();

    /** From this many multiply-adds on, a product goes to BLAS or EJML; below, plain loops are as fast. */
    private static final long LIBRARY_FROM = 4096;

    /** Products of more multiply-adds than this run in blocks, the deadline checked between them. */
    static final long BLOCK = 1L << 26;

    private Products() {}

    /** Whether the products run in the system's BLAS. */
    public static boolean nativeBlas() {
        return BLAS != null;
    }

    /** C = A B^T: A is m × k, B is n × k, C (m × n) is written to c from offset c0. */
    public static void multTransB(int m, int n, int k, double[] a, double[] b, double[] c, int c0) {
        if (small(m, n, k)) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int t = 0; t < k; t++) {
                        sum += a[i * k + t] * b[j * k + t];
                    }
                    c[c0 + i * n + j] = sum;
                }
            }
            return;
        }
        DMatrixRMaj Bt = BLAS == null && m > 1 ? CommonOps_DDRM.transpose(DMatrixRMaj.wrap(n, k, b), null) : null;
        inBlocks(m, (long) n * k, (from, rows) -> {
            if (BLAS != null) {
                BLAS.dgemm("T", "N", n, rows, k, 1.0, b, 0, k, a, from * k, k, 0.0, c, c0 + from * n, n);
                return;
            }
            DMatrixRMaj A = rowsOf(a, from, rows, k);
            DMatrixRMaj C = output(rows, n, c, c0 + from * n);
            if (Bt == null) {
                CommonOps_DDRM.multTransB(A, DMatrixRMaj.wrap(n, k, b), C);
            } else {
                // EJML's A B^T runs a dot product per entry; B^T once, then A (B^T), runs much faster.
                CommonOps_DDRM.mult(A, Bt, C);
            }
            written(C, c, c0 + from * n);
        });
    }

    /** C = A^T B: A is k × m, B is k × n, C (m × n) is written to c from offset c0. */
    public static void multTransA(int m, int n, int k, double[] a, double[] b, double[] c, int c0) {
        if (small(m, n, k)) {
            // row by row of B, so that the innermost loop runs along rows
            Arrays.fill(c, c0, c0 + m * n, 0);
            for (int t = 0; t < k; t++) {
                for (int i = 0; i < m; i++) {
                    double ati = a[t * m + i];
                    for (int j = 0; j < n; j++) {
                        c[c0 + i * n + j] += ati * b[t * n + j];
                    }
                }
            }
            return;
        }
        // the sum over k runs in blocks of k, each added to the sum of the blocks before it
        DMatrixRMaj C = BLAS == null ? output(m, n, c, c0) : null;
        inBlocks(k, (long) m * n, (from, rows) -> {
            if (BLAS != null) {
                double beta = from == 0 ? 0.0 : 1.0;
                BLAS.dgemm("N", "T", n, m, rows, 1.0, b, from * n, n, a, from * m, m, beta, c, c0, n);
                return;
            }
            DMatrixRMaj A = rowsOf(a, from, rows, m);
            DMatrixRMaj B = rowsOf(b, from, rows, n);
            if (from == 0) {
                CommonOps_DDRM.multTransA(A, B, C);
            } else {
                CommonOps_DDRM.multAddTransA(A, B, C);
            }
        });
        if (C != null) {
            written(C, c, c0);
        }
    }

    /** C = A B: A is m × k, B is k × n, C (m × n) is written to c from offset c0. */
    public static void mult(int m, int n, int k, double[] a, double[] b, double[] c, int c0) {
        if (small(m, n, k)) {
            // row by row of B, so that the innermost loop runs along rows
            Arrays.fill(c, c0, c0 + m * n, 0);
            for (int i = 0; i < m; i++) {
                for (int t = 0; t < k; t++) {
                    double ait = a[i * k + t];
                    for (int j = 0; j < n; j++) {
                        c[c0 + i * n + j] += ait * b[t * n + j];
                    }
                }
            }
            return;
        }
        inBlocks(m, (long) n * k, (from, rows) -> {
            if (BLAS != null) {
                BLAS.dgemm("N", "N", n, rows, k, 1.0, b, 0, n, a, from * k, k, 0.0, c, c0 + from * n, n);
                return;
            }
            DMatrixRMaj C = output(rows, n, c, c0 + from * n);
            CommonOps_DDRM.mult(rowsOf(a, from, rows, k), DMatrixRMaj.wrap(k, n, b), C);
            written(C, c, c0 + from * n);
        });
    }

    /** A block of rows [from, from + rows) of a matrix. */
    @FunctionalInterface
    private interface Block {
        void compute(int from, int rows);
    }

    /**
     * Runs a product over {@code rows} rows, each costing {@code perRow} multiply-adds, in blocks of at most
     * {@link #BLOCK} multiply-adds, and checks the computation's deadline before each block: a product
     * as large as a request may ask for stops within one block of its deadline.
     */
    private static void inBlocks(int rows, long perRow, Block block) {
        int size = (int) Math.max(1, Math.min(rows, BLOCK / Math.max(1, perRow)));
        for (int from = 0; from < rows; from += size) {
            Deadline.checkCurrent();
            block.compute(from, Math.min(size, rows - from));
        }
    }

    /** Rows [from, from + rows) of the matrix in x (row length n), copied unless they are all of it. */
    private static DMatrixRMaj rowsOf(double[] x, int from, int rows, int n) {
        if (from == 0 && (long) rows * n == x.length) {
            return DMatrixRMaj.wrap(rows, n, x);
        }
        return DMatrixRMaj.wrap(rows, n, Arrays.copyOfRange(x, from * n, (from + rows) * n));
    }

    private static boolean small(int m, int n, int k) {
        return (long) m * n * k < LIBRARY_FROM;
    }

    /** EJML writes from offset 0: at another offset, it writes to a matrix of its own, copied after. */
    private static DMatrixRMaj output(int m, int n, double[] c, int c0) {
        return c0 == 0 ? DMatrixRMaj.wrap(m, n, c) : new DMatrixRMaj(m, n);
    }

    private static void written(DMatrixRMaj C, double[] c, int c0) {
        if (C.data != c) {
            System.arraycopy(C.data, 0, c, c0, C.getNumElements());
        }
    }

    private static NativeBLAS loadNativeBlas() {
        if (Boolean.getBoolean("gradient.blas.disabled")) {
            return null;
        }
        try {
            return NativeBLAS.getInstance();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
