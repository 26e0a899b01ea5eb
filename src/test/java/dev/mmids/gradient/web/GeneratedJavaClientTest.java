package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.mmids.gradient.client.ApiClient;
import dev.mmids.gradient.client.ApiException;
import dev.mmids.gradient.client.api.ForwardApi;
import dev.mmids.gradient.client.api.GradientApi;
import dev.mmids.gradient.client.api.JacobianApi;
import dev.mmids.gradient.client.model.BackwardStep;
import dev.mmids.gradient.client.model.ForwardRequest;
import dev.mmids.gradient.client.model.GradientRequest;
import dev.mmids.gradient.client.model.GradientResponse;
import dev.mmids.gradient.client.model.JacobianRequest;
import dev.mmids.gradient.client.model.JacobianResponse;
import dev.mmids.gradient.client.model.Layer;
import dev.mmids.gradient.client.model.LayerType;
import dev.mmids.gradient.client.model.Loss;
import dev.mmids.gradient.client.model.LossType;
import dev.mmids.gradient.client.model.Problem;
import dev.mmids.gradient.client.model.Reduction;
import dev.mmids.gradient.client.model.Sample;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The server through the Java client that openapi-generator makes from openapi.yaml during the build,
 * and through nothing else: if the contract and the server disagree, the client cannot talk to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedJavaClientTest {

    @LocalServerPort
    int port;

    GradientApi gradients;
    JacobianApi jacobians;
    ForwardApi forward;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        gradients = new GradientApi(client);
        jacobians = new JacobianApi(client);
        forward = new ForwardApi(client);
    }

    @Test
    void computesTheCoursesSigmoidNetwork() throws ApiException {
        GradientResponse answer =
                gradients.gradient(example3().x(List.of(1.0, 0.0, -1.0)).y(List.of(0.0, 1.0)));

        assertThat(answer.getLoss()).isCloseTo(0.2084319558, within(1e-10));
        assertThat(answer.getGradient()).hasSize(10);
        assertThat(answer.getGradient().get(4)).isCloseTo(-0.1109739045, within(1e-10));
        assertThat(answer.getLayout().get(0).getType()).isEqualTo(LayerType.SOFTMAX);
        assertThat(answer.getOutput().get(1)).isCloseTo(0.8118562749, within(1e-10));
        assertThat(answer.getReduction()).isEqualTo(Reduction.MEAN);
    }

    @Test
    void computesABatchWithFlatParameters() throws ApiException {
        GradientResponse answer = gradients.gradient(new GradientRequest()
                .layers(List.of(
                        new Layer().type(LayerType.LINEAR).outputs(3).bias(false), new Layer().type(LayerType.SOFTMAX)))
                .parameters(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
                .loss(new Loss().type(LossType.CROSS_ENTROPY))
                .samples(List.of(
                        new Sample().x(List.of(1.0, 2.0)).y(List.of(0.0, 0.0, 1.0)),
                        new Sample().x(List.of(4.0, -1.0)).y(List.of(1.0, 0.0, 0.0))))
                .reduction(Reduction.SUM));

        assertThat(answer.getLoss()).isCloseTo(2 * Math.log(3), within(1e-15));
        assertThat(answer.getGradient().get(0)).isCloseTo(-7.0 / 3, within(1e-14));
        assertThat(answer.getSampleCount()).isEqualTo(2);
        assertThat(answer.getOutput()).isNullOrEmpty();
    }

    @Test
    void computesAJacobianAndAForwardPass() throws ApiException {
        JacobianResponse jacobian = jacobians.jacobian(new JacobianRequest()
                .layers(List.of(linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)))
                .x(List.of(1.0, 0.0, -1.0)));

        assertThat(jacobian.getOutput()).containsExactly(-1.0, 1.0);
        assertThat(jacobian.getJacobian().get(1)).containsExactly(0.0, 0.0, 1.0, 1.0, 2.0, 0.0, -2.0, -1.0, 0.0, 1.0);

        var answer = forward.forward(new ForwardRequest()
                .layers(List.of(new Layer().type(LayerType.RELU)))
                .x(List.of(1.0, -2.0)));
        assertThat(answer.getOutputs()).containsExactly(List.of(1.0, 0.0));
    }

    @Test
    void tracesTheCoursesLinearChain() throws ApiException {
        GradientResponse answer = gradients.gradient(new GradientRequest()
                .layers(List.of(linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)))
                .loss(new Loss().type(LossType.HALF_SQUARED_ERROR))
                .x(List.of(1.0, 0.0, -1.0))
                .y(List.of(0.0, 1.0))
                .trace(true));

        List<BackwardStep> backward = answer.getTrace().getBackward();
        assertThat(backward.get(1).getLayer()).isEqualTo(1);
        assertThat(backward.get(1).getQ()).containsExactly(0.0, 1.0, -1.0);
        assertThat(answer.getTrace().getForward().get(0).getA().get(0)).containsExactly(1.0, 0.0, -1.0, 0.0, 0.0, 0.0);
    }

    @Test
    void readsAProblemAsATypedObject() throws Exception {
        ApiException failure = catchThrowableOfType(
                ApiException.class,
                () -> gradients.gradient(example3().x(List.of(1.0, 0.0, -1.0)).y(List.of(0.5, 0.6))));

        assertThat(failure.getCode()).isEqualTo(422);
        assertThat(failure.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = new ApiClient().getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType().toString()).isEqualTo(GradientEndpointTest.PROBLEM + "invalid-label");
        assertThat(problem.getErrors().get(0).getPointer()).isEqualTo("/y");
    }

    private static GradientRequest example3() {
        return new GradientRequest()
                .layers(List.of(
                        linear(0, 1, -1, 2, 0, 1),
                        new Layer().type(LayerType.SIGMOID),
                        linear(-1, 0, 2, -1),
                        new Layer().type(LayerType.SOFTMAX)))
                .loss(new Loss().type(LossType.CROSS_ENTROPY));
    }

    private static Layer linear(double... w) {
        List<Double> parameters = java.util.Arrays.stream(w).boxed().toList();
        return new Layer().type(LayerType.LINEAR).outputs(2).bias(false).parameters(parameters);
    }
}
