package dev.mmids.gradient.backprop;

import static dev.mmids.gradient.backprop.CentralDifferences.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each loss's gradient against central differences, its stable forms, and its label domain. */
class LossDerivativesTest {

    private static final int TRIALS = 50;

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientMatchesCentralDifferences(Loss loss) {
        Random random = new Random(loss.ordinal());
        for (int trial = 0; trial < TRIALS; trial++) {
            int K = (loss == Loss.CROSS_ENTROPY ? 2 : 1) + random.nextInt(5);
            double[] y = label(loss, K, random);
            double[] z = output(loss, K, random);

            double[] numerical = CentralDifferences.gradient(v -> value(loss, v, y), z);
            double[] analytic = loss.gradient(row(z), row(y), 1).data;

            assertThat(CentralDifferences.worstError(analytic, numerical))
                    .as("%s at z = %s, y = %s", loss, Arrays.toString(z), Arrays.toString(y))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void crossEntropyOfSoftmaxEqualsCrossEntropyOfLogits() {
        Random random = new Random(7);
        for (int trial = 0; trial < TRIALS; trial++) {
            int K = 1 + random.nextInt(5);
            double[] logits = RandomLayers.normal(random, K, 3);
            double[] y = label(Loss.CROSS_ENTROPY, K, random);
            double[] probabilities = new Softmax(K).forward(row(logits)).data;

            assertThat(value(Loss.CROSS_ENTROPY_LOGITS, logits, y))
                    .isCloseTo(value(Loss.CROSS_ENTROPY, probabilities, y), within(1e-12));
            assertThat(Loss.CROSS_ENTROPY.onLogits(new Softmax(K))).isEqualTo(Loss.CROSS_ENTROPY_LOGITS);
        }
    }

    @Test
    void binaryCrossEntropyOfSigmoidEqualsBinaryCrossEntropyOfLogits() {
        Random random = new Random(8);
        for (int trial = 0; trial < TRIALS; trial++) {
            int K = 1 + random.nextInt(5);
            double[] logits = RandomLayers.normal(random, K, 3);
            double[] y = label(Loss.BINARY_CROSS_ENTROPY, K, random);
            double[] probabilities = new Sigmoid(K).forward(row(logits)).data;

            assertThat(value(Loss.BINARY_CROSS_ENTROPY_LOGITS, logits, y))
                    .isCloseTo(value(Loss.BINARY_CROSS_ENTROPY, probabilities, y), within(1e-12));
            assertThat(Loss.BINARY_CROSS_ENTROPY.onLogits(new Sigmoid(K))).isEqualTo(Loss.BINARY_CROSS_ENTROPY_LOGITS);
        }
    }

    @Test
    void logitsLossesStayFiniteAndExactForLargeLogits() {
        double[] y = {0, 1};
        double[] z = {1000, 0};

        assertThat(value(Loss.CROSS_ENTROPY_LOGITS, z, y)).isEqualTo(1000.0);
        assertThat(Loss.CROSS_ENTROPY_LOGITS.gradient(row(z), row(y), 1).data).containsExactly(1.0, -1.0);
        assertThat(value(Loss.BINARY_CROSS_ENTROPY_LOGITS, new double[] {-800}, new double[] {1}))
                .isEqualTo(800.0);
        assertThat(value(Loss.BINARY_CROSS_ENTROPY_LOGITS, new double[] {800}, new double[] {1}))
                .isEqualTo(0.0);
    }

    @Test
    void crossEntropyNamesTheOutputWhereItIsInfinite() {
        assertThatThrownBy(() -> Loss.CROSS_ENTROPY.sum(row(new double[] {1, 0}), row(new double[] {0, 1})))
                .isInstanceOf(OutputOutsideDomainException.class)
                .hasMessageContaining("output 1 of sample 0 is 0.0")
                .hasMessageContaining("cross_entropy_logits");
    }

    @Test
    void theCoursesCrossEntropyGradientIsMinusYOverZ() {
        double[] z = {0.2, 0.5, 0.3};
        double[] y = {0, 1, 0};

        assertThat(Loss.CROSS_ENTROPY.gradient(row(z), row(y), 1).data).containsExactly(0, -2, 0);
    }

    @Test
    void probabilityLabelsMustLieInTheSimplex() {
        assertThatThrownBy(() -> Loss.CROSS_ENTROPY.checkLabels(row(new double[] {0.5, 0.6})))
                .isInstanceOf(InvalidLabelException.class)
                .hasMessageContaining("sums to 1.1");
        assertThatThrownBy(() ->
                        Loss.CROSS_ENTROPY_LOGITS.checkLabels(DMatrixRMaj.wrap(2, 2, new double[] {0, 1, 1.5, -0.5})))
                .isInstanceOfSatisfying(InvalidLabelException.class, e -> {
                    assertThat(e.sample()).isEqualTo(1);
                    assertThat(e.index()).isEqualTo(1);
                });
        Loss.CROSS_ENTROPY.checkLabels(row(new double[] {0.25, 0.75 + 5e-7}));
    }

    @Test
    void binaryLabelsMustLieInTheUnitInterval() {
        assertThatThrownBy(() -> Loss.BINARY_CROSS_ENTROPY_LOGITS.checkLabels(row(new double[] {0.5, 1.5})))
                .isInstanceOf(InvalidLabelException.class)
                .hasMessageContaining("y[1] is 1.5, outside [0, 1]");
        Loss.SQUARED_ERROR.checkLabels(row(new double[] {-7, 1e9}));
    }

    private static double value(Loss loss, double[] z, double[] y) {
        return loss.sum(row(z), row(y));
    }

    private static DMatrixRMaj row(double[] v) {
        return DMatrixRMaj.wrap(1, v.length, v.clone());
    }

    /** A label in the loss's domain. */
    static double[] label(Loss loss, int K, Random random) {
        return switch (loss) {
            case CROSS_ENTROPY, CROSS_ENTROPY_LOGITS -> {
                double[] y = new double[K];
                double sum = 0;
                for (int k = 0; k < K; k++) {
                    y[k] = random.nextDouble() < 0.3 ? 0 : random.nextDouble();
                    sum += y[k];
                }
                if (sum == 0) {
                    y[random.nextInt(K)] = 1;
                    yield y;
                }
                for (int k = 0; k < K; k++) {
                    y[k] /= sum;
                }
                yield y;
            }
            case BINARY_CROSS_ENTROPY, BINARY_CROSS_ENTROPY_LOGITS -> {
                double[] y = new double[K];
                for (int k = 0; k < K; k++) {
                    double u = random.nextDouble();
                    y[k] = u < 0.2 ? 0 : u > 0.8 ? 1 : random.nextDouble();
                }
                yield y;
            }
            default -> RandomLayers.normal(random, K, 2);
        };
    }

    /**
     * An output in the interior of the loss's domain, far enough from its edge for a central difference;
     * for cross-entropy a probability vector of length K ≥ 2 (for K = 1 it would be (1), on the edge).
     */
    static double[] output(Loss loss, int K, Random random) {
        return switch (loss) {
            case CROSS_ENTROPY -> {
                double[] z = new double[K];
                double sum = 0;
                for (int k = 0; k < K; k++) {
                    z[k] = 0.5 + random.nextDouble();
                    sum += z[k];
                }
                for (int k = 0; k < K; k++) {
                    z[k] /= sum;
                }
                yield z;
            }
            case BINARY_CROSS_ENTROPY -> {
                double[] z = new double[K];
                for (int k = 0; k < K; k++) {
                    z[k] = 0.05 + 0.9 * random.nextDouble();
                }
                yield z;
            }
            default -> RandomLayers.normal(random, K, 3);
        };
    }
}
