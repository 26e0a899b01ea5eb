package dev.mmids.gradient.backprop.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three products against the definition, at sizes on each side of where the plain loops hand over
 * to the libraries and where they run in blocks; written at an offset, leaving the rest of the target
 * alone. The build runs this class with the system's BLAS and again without it, so every path is checked.
 */
class ProductsTest {

    private static final double TOLERANCE = 1e-13;
    private static final int OFFSET = 3;
    private static final double UNTOUCHED = -7.25;

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({
        "1,1,1",
        "1,3,2",
        "2,2,2",
        "3,5,7",
        "1,64,63",
        "1,64,64",
        "16,16,16",
        "7,33,41",
        "40,30,20",
        "600,500,500"
    })
    void eachProductEqualsItsDefinition(int m, int n, int k) {
        Random random = new Random(31L * m + 17L * n + k);

        double[] a = randoms(random, m * k); // A: m × k
        double[] bt = randoms(random, n * k); // B: n × k, for A B^T
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < k; t++) {
                    expected[i * n + j] += a[i * k + t] * bt[j * k + t];
                }
            }
        }
        assertWritten(expected, c -> Products.multTransB(m, n, k, a, bt, c, OFFSET));

        double[] b = transpose(bt, n, k); // B^T: k × n, for A (B^T)
        assertWritten(expected, c -> Products.mult(m, n, k, a, b, c, OFFSET));

        double[] at = transpose(a, m, k); // A^T: k × m, for (A^T)^T (B^T)
        assertWritten(expected, c -> Products.multTransA(m, n, k, at, b, c, OFFSET));
    }

    @org.junit.jupiter.api.Test
    void aProductInBlocksStopsAtTheDeadlineOfItsComputation() {
        int m = 600;
        int n = 500;
        int k = 500;
        assertEquals(true, (long) m * n * k > Products.BLOCK, "the product runs in blocks");
        double[] a = new double[m * k];
        double[] b = new double[n * k];
        double[] c = new double[m * n];

        try (Deadline.Scope passed =
                Deadline.after(java.time.Duration.ofNanos(1)).enter()) {
            org.junit.jupiter.api.Assertions.assertThrows(
                    DeadlineExceededException.class, () -> Products.multTransB(m, n, k, a, b, c, 0));
            org.junit.jupiter.api.Assertions.assertThrows(
                    DeadlineExceededException.class, () -> Products.multTransA(m, n, k, a, b, c, 0));
            org.junit.jupiter.api.Assertions.assertThrows(
                    DeadlineExceededException.class, () -> Products.mult(m, n, k, a, b, c, 0));
        }
        // the scope is closed: the same product runs to its end
        Products.multTransB(m, n, k, a, b, c, 0);
    }

    private interface Product {
        void into(double[] c);
    }

    private static void assertWritten(double[] expected, Product product) {
        double[] c = new double[OFFSET + expected.length + 2];
        Arrays.fill(c, UNTOUCHED);
        product.into(c);
        for (int e = 0; e < expected.length; e++) {
            double scale = Math.max(1, Math.abs(expected[e]));
            assertEquals(expected[e], c[OFFSET + e], TOLERANCE * scale, "entry " + e);
        }
        assertArrayEquals(new double[] {UNTOUCHED, UNTOUCHED, UNTOUCHED}, Arrays.copyOf(c, OFFSET));
        assertArrayEquals(new double[] {UNTOUCHED, UNTOUCHED}, Arrays.copyOfRange(c, c.length - 2, c.length));
    }

    private static double[] randoms(Random random, int size) {
        double[] values = new double[size];
        for (int e = 0; e < size; e++) {
            values[e] = random.nextGaussian();
        }
        return values;
    }

    private static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}
