"""The same round trip as GeneratedJavaClientTest and roundtrip.ts, through the Python client generated
from openapi.yaml (target/generated-clients/python). Usage: python3 roundtrip.py BASE_URL"""

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "target" / "generated-clients" / "python"))

from gradient_client import (  # noqa: E402
    ApiClient,
    Configuration,
    GradientApi,
    JacobianApi,
    JvpApi,
    VjpApi,
    GradientRequest,
    JacobianRequest,
    JvpRequest,
    ParameterOrder,
    VjpRequest,
    Layer,
    LayerType,
    Loss,
    LossType,
    Problem,
    Reduction,
    Sample,
)
from gradient_client.exceptions import ApiException  # noqa: E402


def linear(*w):
    return Layer(type=LayerType.LINEAR, outputs=2, bias=False, parameters=list(w))


def check(condition, what):
    if not condition:
        raise AssertionError("failed: " + what)
    print("ok: " + what)


def close(a, b, tolerance=1e-10):
    return abs(a - b) <= tolerance


def main(base_url):
    client = ApiClient(Configuration(host=base_url))
    api = GradientApi(client)
    jacobians = JacobianApi(client)
    example3 = dict(
        layers=[linear(0, 1, -1, 2, 0, 1), Layer(type=LayerType.SIGMOID), linear(-1, 0, 2, -1),
                Layer(type=LayerType.SOFTMAX)],
        loss=Loss(type=LossType.CROSS_ENTROPY),
        x=[1, 0, -1],
        y=[0, 1],
    )

    gradient = api.gradient(GradientRequest(**example3))
    check(close(gradient.loss, 0.2084319558), "example 3: loss 0.2084319558")
    check(len(gradient.gradient) == 10 and close(gradient.gradient[4], -0.1109739045), "example 3: gradient")
    check(gradient.layout[0].type == LayerType.SOFTMAX, "example 3: layout, layer L first")

    batch = api.gradient(GradientRequest(
        layers=[Layer(type=LayerType.LINEAR, outputs=3, bias=False), Layer(type=LayerType.SOFTMAX)],
        parameters=[0, 0, 0, 0, 0, 0],
        loss=Loss(type=LossType.CROSS_ENTROPY),
        samples=[Sample(x=[1, 2], y=[0, 0, 1]), Sample(x=[4, -1], y=[1, 0, 0])],
        reduction=Reduction.SUM,
    ))
    check(close(batch.loss, 2 * math.log(3)) and batch.sample_count == 2, "a batch with the sum")

    jacobian = jacobians.jacobian(JacobianRequest(layers=[linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)], x=[1, 0, -1]))
    check(jacobian.jacobian[1] == [0, 0, 1, 1, 2, 0, -2, -1, 0, 1], "a Jacobian")

    traced = api.gradient(GradientRequest(
        layers=[linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)],
        loss=Loss(type=LossType.HALF_SQUARED_ERROR),
        x=[1, 0, -1],
        y=[0, 1],
        trace=True,
    ))
    q1 = traced.trace.backward[1]
    check(q1.layer == 1 and q1.q == [0, 1, -1], "a trace: example 5's q^1 = (0, 1, -1)")

    per_sample = api.gradient(GradientRequest(
        layers=[Layer(type=LayerType.LINEAR, outputs=3, bias=False), Layer(type=LayerType.SOFTMAX)],
        parameters=[0, 0, 0, 0, 0, 0],
        loss=Loss(type=LossType.CROSS_ENTROPY),
        samples=[Sample(x=[1, 2], label=2), Sample(x=[4, -1], label=0)],
        reduction=Reduction.NONE,
        order=ParameterOrder("first-layer-first"),
    ))
    check(len(per_sample.losses) == 2 and len(per_sample.gradients) == 2 and per_sample.layout[0].layer == 1,
          "a batch with class labels, each sample's gradient, first layer first")

    vjp = VjpApi(client).vjp(VjpRequest(layers=[linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)], x=[1, 0, -1],
                                        cotangent=[1, 0]))
    check(vjp.input_gradient == [0, -1, 1], "a vector-Jacobian product: example 5's J_x^T e_1")
    jvp = JvpApi(client).jvp(JvpRequest(layers=[linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)], x=[1, 0, -1],
                                        tangent=[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], input_tangent=[0, 0, 1]))
    check(jvp.tangent_output == [2, -3], "a Jacobian-vector product: example 5's (2, -3)")

    try:
        api.gradient(GradientRequest(**{**example3, "y": [0.5, 0.6]}))
        check(False, "a 422 for a label outside the simplex")
    except ApiException as e:
        problem = Problem.from_dict(json.loads(e.body))
        check(e.status == 422, "a 422 for a label outside the simplex")
        check(e.headers["Content-Type"] == "application/problem+json", "as application/problem+json")
        check(problem.type == "tag:gradient.mmids,2026:problems/invalid-label", "with its type")
        check(problem.errors[0].pointer == "/y", "and its pointer")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080")
