package dev.mmids.gradient.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmids.gradient.backprop.Loss.Reduction;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gradient check passes on the engine's gradients and fails on wrong ones. */
class GradientCheckTest {

    private static final int NETWORKS = 25;

    @ParameterizedTest
    @EnumSource(Loss.class)
    void passesOnTheBackwardPassesGradients(Loss loss) {
        Random random = new Random(500 + loss.ordinal());
        for (int network = 0; network < NETWORKS; network++) {
            ChainGradientTest.Problem p = ChainGradientTest.Problem.random(loss, random);
            double[] gradient =
                    p.chain().gradient(p.X(), p.Y(), loss, p.reduction()).gradient();

            GradientCheck.Report report =
                    GradientCheck.check(p.chain(), p.X(), p.Y(), loss, p.reduction(), gradient, 20, network);

            assertThat(report.passed()).as("%s: %s", p, report).isTrue();
            assertThat(report.coordinates()).hasSize(Math.min(20, gradient.length));
        }
    }

    @Test
    void failsOnAGradientOffInOneCoordinateOrReordered() {
        Random random = new Random(9);
        Chain chain = new Chain(List.of(
                RandomLayers.linear(3, 4, true, random), new Sigmoid(4), RandomLayers.linear(4, 2, true, random)));
        ChainGradientTest.Problem p =
                ChainGradientTest.Problem.of(chain, Loss.HALF_SQUARED_ERROR, Reduction.MEAN, random);
        double[] gradient =
                chain.gradient(p.X(), p.Y(), p.loss(), p.reduction()).gradient();
        assertThat(GradientCheck.check(chain, p.X(), p.Y(), p.loss(), p.reduction(), gradient, 100, 1)
                        .passed())
                .isTrue();

        double[] offByOnePercent = gradient.clone();
        offByOnePercent[3] *= 1.01;
        GradientCheck.Report report =
                GradientCheck.check(chain, p.X(), p.Y(), p.loss(), p.reduction(), offByOnePercent, 100, 1);
        assertThat(report.passed()).isFalse();
        assertThat(report.coordinates().get(0).index()).isEqualTo(3);
        assertThat(report.coordinates().get(0).passed()).isFalse();

        double[] reversed = new double[gradient.length];
        for (int k = 0; k < gradient.length; k++) {
            reversed[k] = gradient[gradient.length - 1 - k];
        }
        report = GradientCheck.check(chain, p.X(), p.Y(), p.loss(), p.reduction(), reversed, 3, 1);
        assertThat(report.passed()).isFalse();
        assertThat(report.direction().passed())
                .as("the random direction alone catches it")
                .isFalse();
    }

    @Test
    void comparesTinyValuesAgainstTheRoundingFloor() {
        assertThat(GradientCheck.compare(0, 1e-12, 3e-12, 1e-8).passed()).isTrue();
        assertThat(GradientCheck.compare(0, 1.0, 1.0 + 1e-7, 1e-8).passed()).isTrue();
        assertThat(GradientCheck.compare(0, 1.0, 1.0 + 1e-5, 1e-8).passed()).isFalse();
        assertThat(GradientCheck.compare(0, 0, 0, 1e-8).relativeError()).isZero();
    }
}
