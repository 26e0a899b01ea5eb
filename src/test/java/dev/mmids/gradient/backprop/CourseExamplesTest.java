package dev.mmids.gradient.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mmids.gradient.backprop.Loss.Reduction;
import java.util.List;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The worked examples of the course (MMIDS.md), with the numbers printed there. */
class CourseExamplesTest {

    /** The course prints ten significant digits. */
    private static final Offset<Double> PRINTED = within(5e-10);

    private static final double[] W1 = {0, 1, -1, 2, 0, 1};
    private static final double[] W2 = {-1, 0, 2, -1};

    @Test
    void linearRegression() {
        Chain chain = new Chain(List.of(new Linear(2, 1, true, new double[] {0.5, -1, 0.25})));

        Chain.Gradient result = chain.gradient(rows(1, 1, 2), rows(1, 3), Loss.SQUARED_ERROR, Reduction.MEAN);

        assertThat(result.output().data).containsExactly(-1.25);
        assertThat(result.loss()).isEqualTo(18.0625);
        assertThat(result.gradient()).containsExactly(-8.5, -17, -8.5);
    }

    @Test
    void multinomialLogisticRegression() {
        Chain chain = new Chain(List.of(
                new Linear(3, 3, false, new double[] {0.1, -0.2, 0.3, 0, 0.5, -0.1, -0.3, 0.2, 0.2}), new Softmax(3)));

        Chain.Gradient result = chain.gradient(rows(1, 1, 2, -1), rows(1, 0, 1, 0), Loss.CROSS_ENTROPY, Reduction.MEAN);

        assertClose(result.output().data, 0.123112248149, 0.673909969644, 0.202977782207);
        assertThat(result.loss()).isCloseTo(0.394658753187, PRINTED);
        assertClose(
                result.gradient(),
                0.123112248149,
                0.246224496298,
                -0.123112248149,
                -0.326090030356,
                -0.652180060711,
                0.326090030356,
                0.202977782207,
                0.405955564414,
                -0.202977782207);
    }

    @Test
    void networkWithOneSigmoidHiddenLayer() {
        Chain chain = new Chain(
                List.of(new Linear(3, 2, false, W1), new Sigmoid(2), new Linear(2, 2, false, W2), new Softmax(2)));
        DMatrixRMaj x = rows(1, 1, 0, -1);

        Chain.Gradient result = chain.gradient(x, rows(1, 0, 1), Loss.CROSS_ENTROPY, Reduction.MEAN);

        assertClose(new Sigmoid(2).forward(new Linear(3, 2, false, W1).forward(x)).data, 0.7310585786, 0.7310585786);
        assertClose(result.output().data, 0.1881437251, 0.8118562749);
        assertThat(result.loss()).isCloseTo(0.2084319558, PRINTED);
        assertClose(
                result.gradient(),
                0.1375440842,
                0.1375440842,
                -0.1375440842,
                -0.1375440842,
                -0.1109739045,
                0,
                0.1109739045,
                0.0369913015,
                0,
                -0.0369913015);
    }

    @Test
    void aBatchWithTheMeanAndTheSum() {
        Chain chain = new Chain(List.of(new Linear(2, 3, false, new double[6]), new Softmax(3)));
        DMatrixRMaj X = rows(2, 1, 2, 4, -1);
        DMatrixRMaj Y = rows(2, 0, 0, 1, 1, 0, 0);

        Chain.Gradient mean = chain.gradient(X, Y, Loss.CROSS_ENTROPY, Reduction.MEAN);
        Chain.Gradient sum = chain.gradient(X, Y, Loss.CROSS_ENTROPY, Reduction.SUM);

        assertThat(mean.loss()).isCloseTo(Math.log(3), within(1e-15));
        assertClose(mean.gradient(), -7.0 / 6, 2.0 / 3, 5.0 / 6, 1.0 / 6, 1.0 / 3, -5.0 / 6);
        assertThat(sum.loss()).isCloseTo(2 * Math.log(3), within(1e-15));
        assertClose(sum.gradient(), -7.0 / 3, 4.0 / 3, 5.0 / 3, 1.0 / 3, 2.0 / 3, -5.0 / 3);
    }

    @Test
    void linearChainWithHalfSquaredLoss() {
        Chain chain = new Chain(List.of(new Linear(3, 2, false, W1), new Linear(2, 2, false, W2)));
        DMatrixRMaj x = rows(1, 1, 0, -1);

        Chain.Gradient result = chain.gradient(x, rows(1, 0, 1), Loss.HALF_SQUARED_ERROR, Reduction.MEAN);

        assertThat(new Linear(3, 2, false, W1).forward(x).data).containsExactly(1, 1);
        assertThat(result.output().data).containsExactly(-1, 1);
        assertThat(result.loss()).isEqualTo(0.5);
        assertThat(result.gradient()).containsExactly(-1, -1, 0, 0, 1, 0, -1, 0, 0, 0);
    }

    @Test
    void softmaxAndSigmoidFacts() {
        assertClose(
                new Softmax(4).forward(rows(1, 1, -2, 0, 3)).data,
                0.1135496194,
                0.0056533027,
                0.0417725705,
                0.8390245075);
        Sigmoid sigma = new Sigmoid(3);
        double[] z = {1, -1, 2};
        double[] values = sigma.forward(rows(1, z)).data;
        DMatrixRMaj B = sigma.jacobian(z).B();
        double[] expectedValues = {0.7311, 0.2689, 0.8808};
        double[] expectedDerivatives = {0.1966, 0.1966, 0.1050};
        for (int k = 0; k < 3; k++) {
            assertThat(values[k]).isCloseTo(expectedValues[k], within(5e-5));
            assertThat(B.get(k, k)).isCloseTo(expectedDerivatives[k], within(5e-5));
        }
    }

    private static DMatrixRMaj rows(int m, double... values) {
        return DMatrixRMaj.wrap(m, values.length / m, values);
    }

    private static void assertClose(double[] actual, double... expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("entry %d", k).isCloseTo(expected[k], PRINTED);
        }
    }
}
