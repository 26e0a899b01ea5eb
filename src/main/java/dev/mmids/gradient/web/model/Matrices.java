package dev.mmids.gradient.web.model;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Every conversion between the API's arrays and the engine's matrices, both ways: samples become the
 * rows of X and Y, and matrices become rows (or one vector) for the answer. The one class of the web side
 * that reads a matrix's storage.
 */
public final class Matrices {

    private Matrices() {}

    /** The m × width matrix whose row s is {@code row.apply(s)}; one row is wrapped, not copied. */
    static DMatrixRMaj ofRows(int m, int width, IntFunction<double[]> row) {
        if (m == 1) {
            return DMatrixRMaj.wrap(1, width, row.apply(0));
        }
        DMatrixRMaj M = new DMatrixRMaj(m, width);
        for (int s = 0; s < m; s++) {
            System.arraycopy(row.apply(s), 0, M.data, s * width, width);
        }
        return M;
    }

    /** The rows of M, for JSON. */
    public static double[][] rows(DMatrixRMaj M) {
        double[][] rows = new double[M.numRows][];
        for (int j = 0; j < M.numRows; j++) {
            rows[j] = Arrays.copyOfRange(M.data, j * M.numCols, (j + 1) * M.numCols);
        }
        return rows;
    }

    /** The entries of a matrix of one row (or the rows of M one after another), without a copy. */
    static double[] vector(DMatrixRMaj M) {
        return M.data.length == M.getNumElements() ? M.data : Arrays.copyOf(M.data, M.getNumElements());
    }
}
