package dev.mmids.gradient.backprop;

import static dev.mmids.gradient.backprop.CentralDifferences.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mmids.gradient.backprop.Loss.Reduction;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Jacobian recursion and the trace, against central differences and against the gradient. */
class JacobianAndTraceTest {

    private static final int NETWORKS = 30;

    /** Algebraically identical computations differ only by rounding. */
    private static final double ROUNDING = 1e-12;

    @ParameterizedTest
    @EnumSource(Loss.class)
    void jacobianOfTheOutputMatchesCentralDifferences(Loss loss) {
        Random random = new Random(200 + loss.ordinal());
        for (int network = 0; network < NETWORKS; network++) {
            OneSample sample = OneSample.random(loss, random);
            Chain chain = sample.chain();

            DMatrixRMaj J = chain.jacobian(sample.x()).J();
            double[][] numerical = CentralDifferences.jacobian(
                    w -> chain.withParameters(w).forward(row(sample.x())).data, chain.parameters(), chain.outputSize());

            assertThat(J.numRows).isEqualTo(chain.outputSize());
            assertThat(J.numCols).isEqualTo(chain.parameterCount());
            for (int j = 0; j < J.numRows; j++) {
                assertThat(CentralDifferences.worstError(LayerDerivativesTest.row(J, j), numerical[j]))
                        .as("row %d of the Jacobian of %s", j, chain)
                        .isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void jacobianTransposedTimesTheLossGradientIsTheGradient(Loss loss) {
        Random random = new Random(300 + loss.ordinal());
        for (int network = 0; network < NETWORKS; network++) {
            OneSample sample = OneSample.random(loss, random);
            Chain chain = sample.chain();
            Chain.OutputJacobian forward = chain.jacobian(sample.x());

            DMatrixRMaj lossGradient = loss.gradient(row(forward.output()), row(sample.y()), 1);
            DMatrixRMaj JTq = new DMatrixRMaj(chain.parameterCount(), 1);
            CommonOps_DDRM.multTransA(forward.J(), DMatrixRMaj.wrap(chain.outputSize(), 1, lossGradient.data), JTq);

            double[] gradient = chain.gradient(row(sample.x()), row(sample.y()), loss, Reduction.MEAN)
                    .gradient();
            assertClose(JTq.data, gradient, "J^T ∇l of " + chain);
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void traceHoldsTheGradientsSlicesTheExplicitBlocksAndTheRecursion(Loss loss) {
        Random random = new Random(400 + loss.ordinal());
        for (int network = 0; network < NETWORKS; network++) {
            OneSample sample = OneSample.random(loss, random);
            Chain chain = sample.chain();

            Trace trace = Trace.of(chain, sample.x(), sample.y(), loss);
            double[] gradient = chain.gradient(row(sample.x()), row(sample.y()), loss, Reduction.MEAN)
                    .gradient();

            assertThat(trace.gradient()).containsExactly(gradient);
            int L = chain.depth();
            assertThat(trace.forward()).hasSize(L);
            assertThat(trace.backward()).hasSize(L);
            double[] q = trace.lossGradient();
            for (int i = L; i >= 1; i--) {
                Trace.Forward step = trace.forward().get(i - 1);
                Trace.Backward back = trace.backward().get(L - i);
                Layer.Jacobian blocks = chain.layer(i).jacobian(step.input());
                assertThat(back.layer()).isEqualTo(i);
                assertThat(step.A().data).containsExactly(blocks.A().data);
                assertThat(step.B().data).containsExactly(blocks.B().data);
                assertThat(back.p())
                        .containsExactly(Arrays.copyOfRange(
                                gradient,
                                chain.offset(i),
                                chain.offset(i) + chain.layer(i).parameterCount()));
                assertClose(back.q(), transposeTimes(step.B(), q), "q^" + i + " = B^T q^" + (i + 1) + " in " + chain);
                assertClose(back.p(), transposeTimes(step.A(), q), "p^" + i + " = A^T q^" + (i + 1) + " in " + chain);
                q = back.q();
            }

            double[] inputGradient = CentralDifferences.gradient(
                    x -> chain.loss(row(x), row(sample.y()), loss, Reduction.MEAN), sample.x());
            assertThat(CentralDifferences.worstError(q, inputGradient))
                    .as("q^1 of %s", chain)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static double[] transposeTimes(DMatrixRMaj M, double[] q) {
        DMatrixRMaj out = new DMatrixRMaj(M.numCols, 1);
        CommonOps_DDRM.multTransA(M, DMatrixRMaj.wrap(q.length, 1, q), out);
        return out.data;
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            assertThat(Math.abs(actual[k] - expected[k]))
                    .as("%s, entry %d: %s vs %s", what, k, actual[k], expected[k])
                    .isLessThanOrEqualTo(ROUNDING * scale);
        }
    }

    static DMatrixRMaj row(double[] v) {
        return DMatrixRMaj.wrap(1, v.length, v);
    }

    /** A random chain fit for the loss, with one input and its label. */
    record OneSample(Chain chain, double[] x, double[] y) {

        static OneSample random(Loss loss, Random random) {
            ChainGradientTest.Problem problem = ChainGradientTest.Problem.random(loss, random);
            return new OneSample(
                    problem.chain(),
                    LayerDerivativesTest.row(problem.X(), 0),
                    LayerDerivativesTest.row(problem.Y(), 0));
        }
    }
}
