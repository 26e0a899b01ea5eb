package dev.mmids.gradient.backprop;

import static dev.mmids.gradient.backprop.CentralDifferences.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each layer kind against the numerical oracle, and its three declarations (forward map,
 * vector-Jacobian products, explicit blocks) against each other.
 */
class LayerDerivativesTest {

    /** Algebraically identical computations differ only by rounding. */
    private static final double ROUNDING = 1e-12;

    private static final int TRIALS = 20;

    static final java.util.List<String> KINDS = RandomLayers.KINDS;

    @ParameterizedTest
    @FieldSource("KINDS")
    void inputBlockMatchesCentralDifferences(String kind) {
        Random random = new Random(kind.hashCode());
        for (int trial = 0; trial < TRIALS; trial++) {
            int n = 1 + random.nextInt(5);
            Layer layer = RandomLayers.of(kind, n, random);
            double[] z = RandomLayers.normal(random, n, 2);

            double[][] numerical = CentralDifferences.jacobian(v -> forwardOne(layer, v), z, layer.outputSize());

            assertAgrees(layer.jacobian(z).B(), numerical, layer + " at z = " + java.util.Arrays.toString(z));
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void parameterBlockMatchesCentralDifferences(String kind) {
        Random random = new Random(kind.hashCode() + 1);
        for (int trial = 0; trial < TRIALS; trial++) {
            int n = 1 + random.nextInt(5);
            Layer layer = RandomLayers.of(kind, n, random);
            double[] z = RandomLayers.normal(random, n, 2);

            double[][] numerical = CentralDifferences.jacobian(
                    w -> forwardOne(RandomLayers.withParameters(layer, w), z), layer.parameters(), layer.outputSize());

            DMatrixRMaj A = layer.jacobian(z).A();
            assertThat(A.numCols).isEqualTo(layer.parameterCount());
            assertAgrees(A, numerical, layer.toString());
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void vectorJacobianProductsEqualTransposedBlocksTimesQ(String kind) {
        Random random = new Random(kind.hashCode() + 2);
        for (int trial = 0; trial < TRIALS; trial++) {
            int n = 1 + random.nextInt(5);
            int m = 1 + random.nextInt(4);
            Layer layer = RandomLayers.of(kind, n, random);
            DMatrixRMaj Z = DMatrixRMaj.wrap(m, n, RandomLayers.normal(random, m * n, 2));
            DMatrixRMaj Q =
                    DMatrixRMaj.wrap(m, layer.outputSize(), RandomLayers.normal(random, m * layer.outputSize(), 1));

            double[] p = layer.vjpParameters(Z, Q);
            DMatrixRMaj qIn = layer.vjpInput(Z, layer.forward(Z), Q);

            double[] expectedP = new double[layer.parameterCount()];
            for (int s = 0; s < m; s++) {
                Layer.Jacobian J = layer.jacobian(row(Z, s));
                DMatrixRMaj q = DMatrixRMaj.wrap(layer.outputSize(), 1, row(Q, s));
                DMatrixRMaj ps = new DMatrixRMaj(layer.parameterCount(), 1);
                CommonOps_DDRM.multTransA(J.A(), q, ps);
                for (int k = 0; k < expectedP.length; k++) {
                    expectedP[k] += ps.data[k];
                }
                DMatrixRMaj qs = new DMatrixRMaj(n, 1);
                CommonOps_DDRM.multTransA(J.B(), q, qs);
                assertClose(row(qIn, s), qs.data, layer + ", B^T q of row " + s);
            }
            assertClose(p, expectedP, layer + ", A^T q");
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void jacobianVectorProductsEqualTheInputBlockTimesD(String kind) {
        Random random = new Random(kind.hashCode() + 4);
        for (int trial = 0; trial < TRIALS; trial++) {
            int n = 1 + random.nextInt(5);
            int m = 1 + random.nextInt(4);
            Layer layer = RandomLayers.of(kind, n, random);
            DMatrixRMaj Z = DMatrixRMaj.wrap(m, n, RandomLayers.normal(random, m * n, 2));
            DMatrixRMaj D = DMatrixRMaj.wrap(m, n, RandomLayers.normal(random, m * n, 1));
            DMatrixRMaj z0 = DMatrixRMaj.wrap(1, n, row(Z, 0));

            DMatrixRMaj own = layer.jvpInput(Z, layer.forward(Z), D);
            DMatrixRMaj atOne = layer.jvpInput(z0, layer.forward(z0), D);

            for (int s = 0; s < m; s++) {
                assertClose(row(own, s), times(layer.jacobian(row(Z, s)).B(), row(D, s)), layer + ", B d of row " + s);
                assertClose(row(atOne, s), times(layer.jacobian(row(Z, 0)).B(), row(D, s)), layer + ", B(z_1) d_" + s);
            }
            assertThat(layer.parameterBlock(row(Z, 0)).data)
                    .as("A of %s alone and in (A, B)", layer)
                    .containsExactly(layer.jacobian(row(Z, 0)).A().data);
        }
    }

    private static double[] times(DMatrixRMaj M, double[] d) {
        DMatrixRMaj out = new DMatrixRMaj(M.numRows, 1);
        CommonOps_DDRM.mult(M, DMatrixRMaj.wrap(d.length, 1, d), out);
        return out.data;
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void forwardOnABatchEqualsForwardOnEachRow(String kind) {
        Random random = new Random(kind.hashCode() + 3);
        int n = 4;
        int m = 5;
        Layer layer = RandomLayers.of(kind, n, random);
        DMatrixRMaj Z = DMatrixRMaj.wrap(m, n, RandomLayers.normal(random, m * n, 2));

        DMatrixRMaj out = layer.forward(Z);

        for (int s = 0; s < m; s++) {
            assertClose(row(out, s), forwardOne(layer, row(Z, s)), layer + ", row " + s);
        }
    }

    static double[] forwardOne(Layer layer, double[] z) {
        return layer.forward(DMatrixRMaj.wrap(1, z.length, z.clone())).data;
    }

    static double[] row(DMatrixRMaj M, int s) {
        return java.util.Arrays.copyOfRange(M.data, s * M.numCols, (s + 1) * M.numCols);
    }

    private static void assertAgrees(DMatrixRMaj analytic, double[][] numerical, String what) {
        assertThat(analytic.numRows).as(what).isEqualTo(numerical.length);
        for (int j = 0; j < numerical.length; j++) {
            double[] a = row(analytic, j);
            assertThat(CentralDifferences.worstError(a, numerical[j]))
                    .as(
                            "%s, row %d: analytic %s, numerical %s",
                            what, j, java.util.Arrays.toString(a), java.util.Arrays.toString(numerical[j]))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertThat(Math.abs(actual[k] - expected[k]))
                    .as("%s, entry %d: %s vs %s", what, k, actual[k], expected[k])
                    .isLessThanOrEqualTo(ROUNDING * Math.max(1, Math.abs(expected[k])));
        }
    }
}
