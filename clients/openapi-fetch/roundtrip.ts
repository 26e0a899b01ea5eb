// A round trip through openapi-fetch, typed by the `paths` that openapi-typescript generates from openapi.yaml
// on its default settings (generated/schema.d.ts). run.sh generates the types, compiles this file with
// `tsc --strict` and runs it: node dist/roundtrip.js BASE_URL
// No type assertion, non-null assertion or `any` anywhere: every request body is checked against the
// contract's types as written (run.sh checks that with check-no-assertions.cjs). Prints one "ok: ..." line
// per check; the first failed check throws, so the exit status is non-zero.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type Schemas = components["schemas"];

const CLIENT = "openapi-fetch";
const TOLERANCE = 1e-12;

const client = createClient<paths>({ baseUrl: process.argv[2] ?? "http://localhost:8080" });

function check(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error(`failed: ${CLIENT}: ${what}`);
    }
    console.log(`ok: ${CLIENT}: ${what}`);
}

function close(actual: number | undefined, expected: number): boolean {
    return actual !== undefined && Math.abs(actual - expected) <= TOLERANCE;
}

function closeAll(actual: number[] | undefined, expected: number[]): boolean {
    return actual !== undefined && actual.length === expected.length && expected.every((e, i) => close(actual[i], e));
}

/** Example 3 of the README, with the fields the README sets and no other. */
function example3(y: number[]): Schemas["GradientRequest"] {
    return {
        layers: [
            { type: "linear", outputs: 2, bias: false, parameters: [0, 1, -1, 2, 0, 1] },
            { type: "sigmoid" },
            { type: "linear", outputs: 2, bias: false, parameters: [-1, 0, 2, -1] },
            { type: "softmax" },
        ],
        loss: { type: "cross_entropy" },
        x: [1, 0, -1],
        y,
    };
}

function describe(status: number, problem: Schemas["Problem"] | undefined): string {
    return problem === undefined ? `${status}` : `${status} ${problem.type}: ${problem.detail}`;
}

// Every value of the contract's enums: a missing or an unknown key is a compile error.
const layerTypes: Record<Schemas["LayerType"], true> = {
    linear: true, sigmoid: true, tanh: true, relu: true, leaky_relu: true, elu: true, softplus: true, silu: true,
    softmax: true, log_softmax: true,
};
const lossTypes: Record<Schemas["LossType"], true> = {
    cross_entropy: true, cross_entropy_logits: true, squared_error: true, half_squared_error: true,
    mean_squared_error: true, binary_cross_entropy: true, binary_cross_entropy_logits: true,
};
const reductions: Record<Schemas["Reduction"], true> = { mean: true, sum: true, none: true };
const orders: Record<Schemas["ParameterOrder"], true> = { "last-layer-first": true, "first-layer-first": true };

// The course's example 5: two linear layers without bias.
const example5: Schemas["Layer"][] = [
    { type: "linear", outputs: 2, bias: false, parameters: [0, 1, -1, 2, 0, 1] },
    { type: "linear", outputs: 2, bias: false, parameters: [-1, 0, 2, -1] },
];

function sameSet(actual: string[], expected: object): boolean {
    const keys = Object.keys(expected).sort();
    const values = [...new Set(actual)].sort();
    return actual.length === keys.length && values.length === keys.length && values.every((v, i) => v === keys[i]);
}

async function main(): Promise<void> {
    const gradient = await client.POST("/gradient", { body: example3([0, 1]) });
    if (gradient.error !== undefined) {
        throw new Error(`failed: ${CLIENT}: POST /gradient example 3: ${describe(gradient.response.status, gradient.error)}`);
    }
    const answer = gradient.data;
    check(close(answer.loss, 0.20843195582579133), `POST /gradient example 3: loss ${answer.loss}`);
    check(answer.gradient.length === 10 && close(answer.gradient[0], 0.13754408424030204),
        `POST /gradient example 3: gradient[0] ${answer.gradient[0]} of ${answer.gradient.length}`);
    check(closeAll(answer.output, [0.18814372508706215, 0.8118562749129378]),
        `POST /gradient example 3: output ${JSON.stringify(answer.output)}`);
    check(answer.sampleCount === 1 && answer.reduction === "mean" && answer.layout[0]?.type === "softmax",
        "POST /gradient example 3: sampleCount 1, reduction mean, layout layer L first");

    const invalid = await client.POST("/gradient", { body: example3([0.5, 0.6]) });
    check(invalid.response.status === 422, `POST /gradient with y = [0.5, 0.6]: status ${invalid.response.status}`);
    const contentType = invalid.response.headers.get("content-type");
    check(contentType !== null && contentType.startsWith("application/problem+json"),
        `POST /gradient with y = [0.5, 0.6]: Content-Type ${contentType}`);
    const problem = invalid.error;
    check(problem !== undefined && problem.status === 422 && problem.type.endsWith("/invalid-label"),
        `POST /gradient with y = [0.5, 0.6]: problem type ${problem?.type}`);
    const pointer = problem?.errors?.[0]?.pointer;
    check(pointer === "/y", `POST /gradient with y = [0.5, 0.6]: errors[0].pointer ${pointer}`);

    // The contract's outputOnly example of /forward.
    const forward = await client.POST("/forward", { body: { layers: [{ type: "relu" }], x: [1, -2] } });
    if (forward.error !== undefined) {
        throw new Error(`failed: ${CLIENT}: POST /forward: ${describe(forward.response.status, forward.error)}`);
    }
    const outputs = forward.data.outputs;
    check(outputs.length === 1 && closeAll(outputs[0], [1, 0]) && forward.data.sampleCount === 1
        && forward.data.loss === undefined, `POST /forward relu on [1, -2]: outputs ${JSON.stringify(outputs)}`);

    // v1.1: the parameter order, class labels, per-sample gradients, /vjp and /jvp.
    const { y: _y, ...withoutY } = example3([0, 1]);
    const additions = await client.POST("/gradient", {
        body: { ...withoutY, label: 1, order: "first-layer-first", reduction: "none" },
    });
    if (additions.data === undefined) {
        throw new Error(`failed: ${CLIENT}: POST /gradient, v1.1: ${describe(additions.response.status, additions.error)}`);
    }
    check(close(additions.data.gradient[6], 0.13754408424030204) && additions.data.layout[0]?.layer === 1
        && additions.data.layout[0]?.outputs === 2 && additions.data.losses?.length === 1,
        `POST /gradient example 3, label 1, first-layer-first, none: gradient[6] ${additions.data.gradient[6]}`);
    const vjp = await client.POST("/vjp", { body: { layers: example5, x: [1, 0, -1], cotangent: [1, 0] } });
    if (vjp.data === undefined) {
        throw new Error(`failed: ${CLIENT}: POST /vjp: ${describe(vjp.response.status, vjp.error)}`);
    }
    check(closeAll(vjp.data.inputGradient, [0, -1, 1]),
        `POST /vjp example 5, v = e_1: inputGradient ${JSON.stringify(vjp.data.inputGradient)}`);
    const jvp = await client.POST("/jvp", {
        body: { layers: example5, x: [1, 0, -1], tangent: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], inputTangent: [0, 0, 1] },
    });
    if (jvp.data === undefined) {
        throw new Error(`failed: ${CLIENT}: POST /jvp: ${describe(jvp.response.status, jvp.error)}`);
    }
    check(closeAll(jvp.data.tangentOutput, [2, -3]), `POST /jvp example 5: ${JSON.stringify(jvp.data.tangentOutput)}`);

    const catalog = await client.GET("/catalog");
    if (catalog.error !== undefined) {
        throw new Error(`failed: ${CLIENT}: GET /catalog: ${describe(catalog.response.status, catalog.error)}`);
    }
    const layers = catalog.data.layers.map((layer) => layer.type);
    const losses = catalog.data.losses.map((loss) => loss.type);
    check(sameSet(layers, layerTypes) && sameSet(losses, lossTypes) && sameSet(catalog.data.reductions, reductions)
        && sameSet(catalog.data.orders, orders),
        `GET /catalog: ${layers.length} layer types, ${losses.length} losses, reductions ${catalog.data.reductions}`);
    check(catalog.data.limits.maxLayers > 0 && catalog.data.check.epsilon > 0,
        `GET /catalog: limits (maxLayers ${catalog.data.limits.maxLayers}) and check (epsilon ${catalog.data.check.epsilon})`);
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
});
