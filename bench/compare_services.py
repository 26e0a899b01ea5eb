#!/usr/bin/env python3
"""Sends the same POST /gradient requests to two running services (the Java service and
bench/python_service.py) and compares their answers number by number.

    python3 bench/compare_services.py --java http://127.0.0.1:8080 --python http://127.0.0.1:8090

The requests are every workload in bench/workloads/ and a set of small hand-made ones: both
parameter forms (per layer and one flat top-level array), one sample, batches with "mean" (explicit
and by default) and "sum", every layer type (with non-default settings too), every loss type (the
cross-entropies both after their final softmax/sigmoid, where both services use the stable form on
the logits, and on outputs that merely lie in (0, 1)), and a few bad requests whose status codes
(400 or 422) must agree.

Two answers agree when loss, gradient and output (one sample) agree to --tolerance (default 1e-9)
relative, entry by entry, as the golden-vector test does: |a - b| <= tol * max(|b|, 1e-6 * max_k |b_k|)
with b the Java service's number, and layout, sampleCount and reduction are equal. The script prints
one line per request with the largest relative difference, and exits with 1 if any request
disagrees. Only the standard library is needed.
"""

import argparse
import json
import math
import random
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

WORKLOADS = Path(__file__).resolve().parent / "workloads"
ORDER = ["course", "mlp-b1", "mlp-b64", "mlp-b1024", "deep", "wide"]
FLOOR = 1e-6


def post(base, body, timeout):
    request = urllib.request.Request(base.rstrip("/") + "/gradient", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, content = response.status, response.read()
    except urllib.error.HTTPError as e:
        status, content = e.code, e.read()
    elapsed = time.perf_counter() - start
    try:
        answer = json.loads(content)
    except ValueError:
        answer = {"unparsable": content[:200].decode(errors="replace")}
    return status, answer, elapsed


def worst_relative(actual, expected):
    """The largest |a - b| / max(|b|, FLOOR * max|b|) over the entries (b: the reference)."""
    if len(actual) != len(expected):
        return math.inf
    if not expected:
        return 0.0
    scale = max(abs(b) for b in expected)
    worst = 0.0
    for a, b in zip(actual, expected):
        if a == b:
            continue
        allowed = max(abs(b), FLOOR * scale)
        worst = max(worst, abs(a - b) / allowed if allowed > 0 else math.inf)
    return worst


def normwise(actual, expected):
    """max_k |a_k - b_k| / max_k |b_k|."""
    if len(actual) != len(expected):
        return math.inf
    scale = max((abs(b) for b in expected), default=0.0)
    diff = max((abs(a - b) for a, b in zip(actual, expected)), default=0.0)
    return diff / scale if scale > 0 else diff


# ---------------------------------------------------------------------------------------------
# Hand-made requests
# ---------------------------------------------------------------------------------------------


def normal(rng, n, scale=1.0):
    return [rng.gauss(0.0, scale) for _ in range(n)]


def label(rng, loss, k):
    if loss in ("cross_entropy", "cross_entropy_logits"):
        if rng.random() < 0.5:
            y = [0.0] * k
            y[rng.randrange(k)] = 1.0
            return y
        w = [rng.random() + 0.05 for _ in range(k)]
        return [v / sum(w) for v in w]
    if loss in ("binary_cross_entropy", "binary_cross_entropy_logits"):
        return [rng.choice([0.0, 1.0, rng.random()]) for _ in range(k)]
    return normal(rng, k)


def network(rng, n, hidden, activations, k, final=None, bias_pattern=None):
    """Layers linear/activation ... linear k (final), with per-layer parameters."""
    layers, width = [], n
    widths = hidden + [k]
    for j, out in enumerate(widths):
        bias = True if bias_pattern is None else bias_pattern[j % len(bias_pattern)]
        layer = {"type": "linear", "outputs": out}
        if not bias:
            layer["bias"] = False
        layer["parameters"] = normal(rng, out * width + (out if bias else 0), 1.0 / math.sqrt(width))
        layers.append(layer)
        width = out
        if j < len(hidden):
            layers.append(dict(activations[j % len(activations)]))
    if final:
        layers.append({"type": final})
    return layers


def flatten(request):
    """The same request with the parameters as one top-level array (w^L; ...; w^1)."""
    flat = []
    layers = []
    for layer in request["layers"]:
        layer = dict(layer)
        if "parameters" in layer:
            flat = layer.pop("parameters") + flat
        layers.append(layer)
    out = dict(request, layers=layers, parameters=flat)
    return out


def hand_made(seed=20260):
    rng = random.Random(seed)
    cases = []
    all_activations = [{"type": "sigmoid"}, {"type": "tanh"}, {"type": "relu"}, {"type": "leaky_relu"},
                       {"type": "elu"}, {"type": "softplus"}, {"type": "softmax"}, {"type": "log_softmax"},
                       {"type": "leaky_relu", "negativeSlope": 0.2}, {"type": "elu", "alpha": 0.7},
                       {"type": "softplus", "beta": 2.5, "threshold": 3.0}]
    finals = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}
    losses = ["cross_entropy", "cross_entropy_logits", "squared_error", "half_squared_error",
              "mean_squared_error", "binary_cross_entropy", "binary_cross_entropy_logits"]

    # Every loss, one sample, per-layer parameters, every activation along the way.
    for j, loss in enumerate(losses):
        n, k = 5, 4
        acts = all_activations[j % len(all_activations):] + all_activations[:j % len(all_activations)]
        layers = network(rng, n, [6, 5, 6], acts, k, finals.get(loss), bias_pattern=[True, False])
        cases.append((f"loss {loss}, one sample", {"layers": layers, "loss": {"type": loss},
                                                     "x": normal(rng, n), "y": label(rng, loss, k)}))

    # The cross-entropies on outputs that are probabilities without the final softmax/sigmoid:
    # the plain formula -sum y log z (and its binary form) on the outputs themselves.
    layers = network(rng, 4, [5], [{"type": "tanh"}], 3, "sigmoid")
    cases.append(("cross_entropy after sigmoid (no stable form)",
                  {"layers": layers, "loss": {"type": "cross_entropy"}, "x": normal(rng, 4),
                   "y": label(rng, "cross_entropy", 3)}))
    layers = network(rng, 4, [5], [{"type": "elu"}], 3, "softmax")
    cases.append(("binary_cross_entropy after softmax (no stable form)",
                  {"layers": layers, "loss": {"type": "binary_cross_entropy"}, "x": normal(rng, 4),
                   "y": label(rng, "binary_cross_entropy", 3)}))

    # Flat parameters: one sample and a batch.
    layers = network(rng, 3, [4, 4], [{"type": "sigmoid"}, {"type": "relu"}], 2, "softmax")
    one = {"layers": layers, "loss": {"type": "cross_entropy"}, "x": normal(rng, 3),
           "y": label(rng, "cross_entropy", 2)}
    cases.append(("flat parameters, one sample", flatten(one)))
    cases.append(("per-layer parameters, the same sample", one))

    # Batches: sum, mean, mean by default; with both parameter forms.
    for j, loss in enumerate(losses):
        layers = network(rng, 6, [7], [all_activations[(2 * j) % len(all_activations)]], 3, finals.get(loss))
        samples = [{"x": normal(rng, 6), "y": label(rng, loss, 3)} for _ in range(5)]
        reduction = ["sum", "mean", None][j % 3]
        request = {"layers": layers, "loss": {"type": loss}, "samples": samples}
        if reduction:
            request["reduction"] = reduction
        form = "flat" if j % 2 else "per-layer"
        cases.append((f"batch of 5, {reduction or 'mean (default)'}, {loss}, {form}",
                      flatten(request) if j % 2 else request))

    # The course's example as a batch of its one sample with "sum", and flat.
    course = json.loads((WORKLOADS / "course.json").read_text())
    batch = {"layers": course["layers"], "loss": course["loss"], "reduction": "sum",
             "samples": [{"x": course["x"], "y": course["y"]}, {"x": [0.5, -2, 1], "y": [1, 0]}]}
    cases.append(("course, batch of 2 with sum, flat", flatten(batch)))

    # Saturated inputs: a softmax and a sigmoid far in their tails.
    layers = [{"type": "linear", "outputs": 3, "parameters": [40, -30, 25, -35, 60, 0, 1, 2, 3]},
              {"type": "softmax"}]
    cases.append(("saturated softmax, cross_entropy", {"layers": layers, "loss": {"type": "cross_entropy"},
                                                       "x": [1.0, 1.0], "y": [0.0, 0.0, 1.0]}))
    layers = [{"type": "linear", "outputs": 2, "bias": False, "parameters": [30, -5, -25, 4]},
              {"type": "sigmoid"}]
    cases.append(("saturated sigmoid, binary_cross_entropy",
                  {"layers": layers, "loss": {"type": "binary_cross_entropy"}, "x": [1.0, 2.0], "y": [0.0, 1.0]}))
    return cases


def bad_requests():
    course = json.loads((WORKLOADS / "course.json").read_text())
    wrong_count = json.loads(json.dumps(course))
    wrong_count["layers"][0]["parameters"] = [0, 1, -1, 2, 0]
    unknown_layer = json.loads(json.dumps(course))
    unknown_layer["layers"][1]["type"] = "swish"
    both_forms = json.loads(json.dumps(course))
    both_forms["parameters"] = [0.0] * 10
    bad_label = json.loads(json.dumps(course))
    bad_label["y"] = [0.5, 0.6]
    wrong_x = json.loads(json.dumps(course))
    wrong_x["x"] = [1, 0]
    misspelt = json.loads(json.dumps(course))
    misspelt["layers"][0]["bais"] = misspelt["layers"][0].pop("bias")

    def with_x(literal):
        text = json.dumps(dict(course, x="X"))
        assert '"X"' in text
        return text.replace('"X"', literal).encode()

    return [
        ("malformed JSON", b'{"layers": [', 400),
        ("NaN in x", with_x("[NaN, 0, -1]"), 400),
        ("1e999 in x", with_x("[1e999, 0, -1]"), 400),
        ("a string in x", with_x('[1, "0", -1]'), 400),
        ("misspelt field (bais)", json.dumps(misspelt).encode(), 400),
        ("unknown layer type", json.dumps(unknown_layer).encode(), 400),
        ("missing loss", json.dumps({k: v for k, v in course.items() if k != "loss"}).encode(), 400),
        ("wrong parameter count", json.dumps(wrong_count).encode(), 422),
        ("parameters in both forms", json.dumps(both_forms).encode(), 422),
        ("label not a probability vector", json.dumps(bad_label).encode(), 422),
        ("x of the wrong length", json.dumps(wrong_x).encode(), 422),
    ]


# ---------------------------------------------------------------------------------------------


def compare(name, body, args):
    java_status, java, java_seconds = post(args.java, body, args.timeout)
    python_status, python, python_seconds = post(args.python, body, args.timeout)
    result = {"name": name, "javaStatus": java_status, "pythonStatus": python_status,
              "javaSeconds": java_seconds, "pythonSeconds": python_seconds}
    if java_status != 200 or python_status != 200:
        result["agrees"] = False
        result["problem"] = f"status {java_status} (Java) vs {python_status} (Python): " \
                            f"{json.dumps(java)[:200]} | {json.dumps(python)[:200]}"
        return result
    differences = {"loss": worst_relative([python["loss"]], [java["loss"]]),
                   "gradient": worst_relative(python["gradient"], java["gradient"])}
    result["gradientNormwise"] = normwise(python["gradient"], java["gradient"])
    if "output" in java or "output" in python:
        differences["output"] = worst_relative(python.get("output", []), java.get("output", [])) \
            if "output" in java and "output" in python else math.inf
    mismatched = [key for key in ("layout", "sampleCount", "reduction") if java.get(key) != python.get(key)]
    result.update(differences={k: v for k, v in differences.items()},
                  worst=max(differences.values()), gradientLength=len(java["gradient"]),
                  mismatchedFields=mismatched,
                  agrees=max(differences.values()) <= args.tolerance and not mismatched)
    return result


def main():
    parser = argparse.ArgumentParser(description="Compare two POST /gradient services answer by answer")
    parser.add_argument("--java", required=True, help="the Java service's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--python", required=True, help="the Python service's base URL, e.g. http://127.0.0.1:8090")
    parser.add_argument("--workloads", default=",".join(ORDER), help="workloads to send (default: all six)")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    results = []

    def report(result):
        results.append(result)
        if "worst" in result:
            d = result["differences"]
            detail = "  ".join(f"{k} {v:.1e}" for k, v in d.items())
            extra = f"  fields differ: {result['mismatchedFields']}" if result["mismatchedFields"] else ""
            print(f"{'ok ' if result['agrees'] else 'BAD'} {result['name']:<58} max rel {result['worst']:.2e}  "
                  f"({detail}; {result['gradientLength']} entries; normwise {result['gradientNormwise']:.1e})"
                  f"{extra}", flush=True)
        else:
            print(f"{'ok ' if result['agrees'] else 'BAD'} {result['name']:<58} {result.get('problem', '')}",
                  flush=True)

    print("workloads:")
    for name in [n.strip() for n in args.workloads.split(",") if n.strip()]:
        body = (WORKLOADS / f"{name}.json").read_bytes()
        result = compare(f"workload {name}", body, args)
        report(result)
        print(f"      one request each: Java {result['javaSeconds'] * 1000:.1f} ms, "
              f"Python {result['pythonSeconds'] * 1000:.1f} ms (first calls, not a benchmark)")

    print("hand-made requests:")
    for name, request in hand_made():
        report(compare(name, json.dumps(request).encode(), args))

    print("bad requests (the status codes must agree):")
    for name, body, expected in bad_requests():
        java_status, java, _ = post(args.java, body, args.timeout)
        python_status, python, _ = post(args.python, body, args.timeout)
        agrees = java_status == python_status == expected
        result = {"name": name, "javaStatus": java_status, "pythonStatus": python_status, "expected": expected,
                  "agrees": agrees}
        results.append(result)
        print(f"{'ok ' if agrees else 'BAD'} {name:<58} Java {java_status}, Python {python_status} "
              f"(expected {expected}); Python says: {python.get('detail', python)}", flush=True)

    disagreements = [r for r in results if not r["agrees"]]
    numeric = [r for r in results if "worst" in r]
    print(f"\n{len(results) - len(disagreements)} of {len(results)} requests agree; largest relative difference "
          f"{max((r['worst'] for r in numeric), default=0):.2e} (tolerance {args.tolerance:g})")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"java": args.java, "python": args.python,
                                               "tolerance": args.tolerance, "results": results}, indent=2) + "\n")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
