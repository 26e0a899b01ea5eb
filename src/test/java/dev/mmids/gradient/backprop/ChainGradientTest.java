package dev.mmids.gradient.backprop;

import static dev.mmids.gradient.backprop.CentralDifferences.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mmids.gradient.backprop.Loss.Reduction;
import dev.mmids.gradient.web.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Forward and backward propagation through whole chains, against central differences. */
class ChainGradientTest {

    private static final int NETWORKS = 40;

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientMatchesCentralDifferencesOnRandomNetworks(Loss loss) {
        Random random = new Random(100 + loss.ordinal());
        for (int network = 0; network < NETWORKS; network++) {
            Problem problem = Problem.random(loss, random);

            double[] analytic = problem.chain
                    .gradient(problem.X, problem.Y, loss, problem.reduction)
                    .gradient();
            double[] numerical = CentralDifferences.gradient(problem::loss, problem.chain.parameters());

            assertThat(CentralDifferences.worstError(analytic, numerical))
                    .as("%s, %s", problem, Arrays.toString(analytic))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** The check can fail: it rejects the textbook's first-layer-first order and a gradient off by 1e-5. */
    @Test
    void gradientCheckRejectsWrongGradients() {
        Random random = new Random(3);
        Chain chain = new Chain(
                List.of(RandomLayers.linear(3, 4, true, random), new Tanh(4), RandomLayers.linear(4, 2, true, random)));
        Problem problem = Problem.of(chain, Loss.CROSS_ENTROPY_LOGITS, Reduction.MEAN, random);
        double[] analytic = chain.gradient(problem.X, problem.Y, problem.loss, problem.reduction)
                .gradient();
        double[] numerical = CentralDifferences.gradient(problem::loss, chain.parameters());
        assertThat(CentralDifferences.agree(analytic, numerical)).isTrue();

        double[] firstLayerFirst = new double[analytic.length];
        int r1 = chain.layer(1).parameterCount();
        System.arraycopy(analytic, chain.offset(1), firstLayerFirst, 0, r1);
        System.arraycopy(analytic, 0, firstLayerFirst, r1, analytic.length - r1);
        assertThat(CentralDifferences.agree(firstLayerFirst, numerical)).isFalse();

        double[] slightlyOff = analytic.clone();
        int largest = 0;
        for (int k = 1; k < slightlyOff.length; k++) {
            largest = Math.abs(slightlyOff[k]) > Math.abs(slightlyOff[largest]) ? k : largest;
        }
        slightlyOff[largest] *= 1 + 1e-5 / Math.min(1, Math.abs(slightlyOff[largest]));
        assertThat(CentralDifferences.agree(slightlyOff, numerical)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void batchGradientReducesThePerSampleGradients(Reduction reduction) {
        Random random = new Random(11);
        for (Loss loss : Loss.values()) {
            Problem problem = Problem.random(loss, random).with(reduction);
            Chain.Gradient batch = problem.chain.gradient(problem.X, problem.Y, loss, reduction);

            int m = problem.X.numRows;
            double expectedLoss = 0;
            double[] expected = new double[problem.chain.parameterCount()];
            for (int s = 0; s < m; s++) {
                Chain.Gradient one = problem.chain.gradient(row(problem.X, s), row(problem.Y, s), loss, reduction);
                expectedLoss += one.loss();
                for (int k = 0; k < expected.length; k++) {
                    expected[k] += one.gradient()[k];
                }
            }
            double factor = reduction == Reduction.MEAN ? 1.0 / m : 1.0;
            assertThat(batch.loss())
                    .as("%s", loss)
                    .isCloseTo(factor * expectedLoss, within(1e-12 * (1 + expectedLoss)));
            for (int k = 0; k < expected.length; k++) {
                assertThat(batch.gradient()[k])
                        .as("%s, entry %d", loss, k)
                        .isCloseTo(factor * expected[k], within(1e-12 * (1 + Math.abs(expected[k]))));
            }
        }
    }

    @Test
    void crossEntropyAfterSoftmaxIsFiniteWhereTheProbabilityUnderflows() {
        Chain chain = new Chain(List.of(new Linear(1, 2, false, new double[] {1000, -1000}), new Softmax(2)));
        DMatrixRMaj x = DMatrixRMaj.wrap(1, 1, new double[] {1});
        DMatrixRMaj y = DMatrixRMaj.wrap(1, 2, new double[] {0, 1});

        Chain.Gradient result = chain.gradient(x, y, Loss.CROSS_ENTROPY, Reduction.MEAN);

        assertThat(result.output().data).containsExactly(1.0, 0.0);
        assertThat(result.loss()).isEqualTo(2000.0);
        assertThat(result.gradient()).containsExactly(1.0, -1.0);
    }

    @Test
    void binaryCrossEntropyAfterSigmoidIsFiniteWhereTheProbabilityRoundsToOne() {
        Chain chain = new Chain(List.of(new Linear(1, 1, false, new double[] {50}), new Sigmoid(1)));
        DMatrixRMaj x = DMatrixRMaj.wrap(1, 1, new double[] {1});
        DMatrixRMaj y = DMatrixRMaj.wrap(1, 1, new double[] {0});

        Chain.Gradient result = chain.gradient(x, y, Loss.BINARY_CROSS_ENTROPY, Reduction.SUM);

        assertThat(result.output().data).containsExactly(1.0);
        assertThat(result.loss()).isCloseTo(50.0, within(1e-12));
        assertThat(result.gradient()[0]).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void overflowInTheForwardPassNamesTheLayer() {
        Chain chain = new Chain(List.of(
                new Linear(1, 1, false, new double[] {1e200}), new Relu(1), new Linear(1, 1, false, new double[] {1e200
                })));
        DMatrixRMaj x = DMatrixRMaj.wrap(1, 1, new double[] {1});

        assertThatThrownBy(() -> chain.gradient(x, x, Loss.SQUARED_ERROR, Reduction.MEAN))
                .isInstanceOfSatisfying(
                        NonFiniteValueException.class,
                        e -> assertThat(e.layer()).isEqualTo(3))
                .hasMessageContaining("layer 3 (linear)");
    }

    @Test
    void overflowInTheLossNamesTheLoss() {
        Chain chain = new Chain(List.of(new Linear(1, 1, false, new double[] {1e200})));
        DMatrixRMaj x = DMatrixRMaj.wrap(1, 1, new double[] {1});

        assertThatThrownBy(() -> chain.gradient(x, x, Loss.SQUARED_ERROR, Reduction.MEAN))
                .isInstanceOfSatisfying(
                        NonFiniteValueException.class,
                        e -> assertThat(e.layer()).isEqualTo(2))
                .hasMessageContaining("squared_error");
    }

    @Test
    void layersThatDoNotFitAreRejectedBeforeAnyArithmetic() {
        assertThatThrownBy(() -> new Chain(List.of(new Linear(3, 2, true, new double[8]), new Softmax(3))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("layer 2 (softmax(3)) cannot take the output of layer 1");
    }

    static DMatrixRMaj row(DMatrixRMaj M, int s) {
        return DMatrixRMaj.wrap(1, M.numCols, LayerDerivativesTest.row(M, s));
    }

    /** A random network with inputs, labels fit for the loss, and its loss as a function of w. */
    record Problem(Chain chain, Loss loss, Reduction reduction, DMatrixRMaj X, DMatrixRMaj Y) {

        static Problem of(Chain chain, Loss loss, Reduction reduction, Random random) {
            int m = 1 + random.nextInt(4);
            DMatrixRMaj X =
                    DMatrixRMaj.wrap(m, chain.inputSize(), RandomLayers.normal(random, m * chain.inputSize(), 1.5));
            double[] y = new double[m * chain.outputSize()];
            for (int s = 0; s < m; s++) {
                double[] label = LossDerivativesTest.label(loss, chain.outputSize(), random);
                System.arraycopy(label, 0, y, s * label.length, label.length);
            }
            return new Problem(chain, loss, reduction, X, DMatrixRMaj.wrap(m, chain.outputSize(), y));
        }

        static Problem random(Loss loss, Random random) {
            Chain chain = RandomLayers.chain(1 + random.nextInt(4), 4, random);
            List<Layer> layers = new ArrayList<>();
            for (int i = 1; i <= chain.depth(); i++) {
                layers.add(chain.layer(i));
            }
            if (loss == Loss.CROSS_ENTROPY) {
                layers.add(new Softmax(chain.outputSize()));
            } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                layers.add(new Sigmoid(chain.outputSize()));
            }
            Reduction reduction = random.nextBoolean() ? Reduction.MEAN : Reduction.SUM;
            return of(new Chain(layers), loss, reduction, random);
        }

        Problem with(Reduction other) {
            return new Problem(chain, loss, other, X, Y);
        }

        double loss(double[] w) {
            return RandomLayers.withParameters(chain, w)
                    .gradient(X, Y, loss, reduction)
                    .loss();
        }

        @Override
        public String toString() {
            StringBuilder layers = new StringBuilder();
            for (int i = 1; i <= chain.depth(); i++) {
                layers.append(chain.layer(i)).append(i < chain.depth() ? ", " : "");
            }
            return "[" + layers + "] with " + loss + ", " + reduction + " over " + X.numRows + " samples";
        }
    }
}
