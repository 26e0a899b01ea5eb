// The same round trip as GeneratedJavaClientTest, through the typescript-fetch client generated from
// openapi.yaml (target/generated-clients/typescript). Usage: node dist/clients/typescript/roundtrip.js BASE_URL
import {
    Configuration,
    GradientApi,
    JacobianApi,
    GradientRequest,
    Layer,
    LayerType,
    LossType,
    ProblemFromJSON,
    Reduction,
    ResponseError,
} from "../../target/generated-clients/typescript";

const configuration = new Configuration({ basePath: process.argv[2] ?? "http://localhost:8080" });
const api = new GradientApi(configuration);
const jacobians = new JacobianApi(configuration);

function linear(...w: number[]): Layer {
    return { type: LayerType.Linear, outputs: 2, bias: false, parameters: w };
}

function check(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error("failed: " + what);
    }
    console.log("ok: " + what);
}

function close(a: number, b: number, tolerance = 1e-10): boolean {
    return Math.abs(a - b) <= tolerance;
}

const example3: GradientRequest = {
    layers: [linear(0, 1, -1, 2, 0, 1), { type: LayerType.Sigmoid }, linear(-1, 0, 2, -1), { type: LayerType.Softmax }],
    loss: { type: LossType.CrossEntropy },
    x: [1, 0, -1],
    y: [0, 1],
};

async function main(): Promise<void> {
    const gradient = await api.gradient({ gradientRequest: example3 });
    check(close(gradient.loss, 0.2084319558), "example 3: loss 0.2084319558");
    check(gradient.gradient.length === 10 && close(gradient.gradient[4], -0.1109739045), "example 3: gradient");
    check(gradient.layout[0].type === LayerType.Softmax, "example 3: layout, layer L first");

    const batch = await api.gradient({
        gradientRequest: {
            layers: [{ type: LayerType.Linear, outputs: 3, bias: false }, { type: LayerType.Softmax }],
            parameters: [0, 0, 0, 0, 0, 0],
            loss: { type: LossType.CrossEntropy },
            samples: [
                { x: [1, 2], y: [0, 0, 1] },
                { x: [4, -1], y: [1, 0, 0] },
            ],
            reduction: Reduction.Sum,
        },
    });
    check(close(batch.loss, 2 * Math.log(3)) && batch.sampleCount === 2, "a batch with the sum");

    const jacobian = await jacobians.jacobian({
        jacobianRequest: { layers: [linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)], x: [1, 0, -1] },
    });
    check(JSON.stringify(jacobian.jacobian[1]) === JSON.stringify([0, 0, 1, 1, 2, 0, -2, -1, 0, 1]), "a Jacobian");

    const traced = await api.gradient({
        gradientRequest: {
            layers: [linear(0, 1, -1, 2, 0, 1), linear(-1, 0, 2, -1)],
            loss: { type: LossType.HalfSquaredError },
            x: [1, 0, -1],
            y: [0, 1],
            trace: true,
        },
    });
    const q1 = traced.trace!.backward[1];
    check(q1.layer === 1 && JSON.stringify(q1.q) === JSON.stringify([0, 1, -1]), "a trace: example 5's q^1 = (0, 1, -1)");

    try {
        await api.gradient({ gradientRequest: { ...example3, y: [0.5, 0.6] } });
        check(false, "a 422 for a label outside the simplex");
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e;
        }
        const problem = ProblemFromJSON(await e.response.json());
        check(e.response.status === 422, "a 422 for a label outside the simplex");
        check(e.response.headers.get("content-type") === "application/problem+json", "as application/problem+json");
        check(problem.type === "tag:gradient.mmids,2026:problems/invalid-label", "with its type");
        check(problem.errors![0].pointer === "/y", "and its pointer");
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
