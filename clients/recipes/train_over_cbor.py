"""Gradient descent through the service, in CBOR: a softmax classifier of three clusters in the plane.

Usage: python3 train_over_cbor.py [BASE_URL]   (needs cbor2; the service at BASE_URL, localhost:8080)
"""
import random
import sys
import urllib.request

import cbor2

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
rng = random.Random(535)

centers = [(-2.0, 0.0), (2.0, 1.0), (0.0, -2.5)]
samples = []
for _ in range(150):
    k = rng.randrange(3)
    x = [centers[k][0] + rng.gauss(0, 0.7), centers[k][1] + rng.gauss(0, 0.7)]
    samples.append({"x": x, "y": [1.0 if j == k else 0.0 for j in range(3)]})

layers = [{"type": "linear", "outputs": 3}]  # W (3 × 2, row by row), then b: 9 parameters
w = [0.0] * 9


def gradient(w):
    body = cbor2.dumps({"layers": layers, "parameters": w, "loss": {"type": "cross_entropy_logits"},
                        "samples": samples})
    headers = {"Content-Type": "application/cbor", "Accept": "application/cbor"}
    with urllib.request.urlopen(urllib.request.Request(BASE_URL + "/gradient", body, headers)) as answer:
        return cbor2.loads(answer.read())


first = None
for step in range(60):
    answer = gradient(w)
    first = first if first is not None else answer["loss"]
    w = [wk - 0.5 * gk for wk, gk in zip(w, answer["gradient"])]
    if step % 20 == 0:
        print("step %2d: loss %.6f" % (step, answer["loss"]))

outputs = cbor2.loads(urllib.request.urlopen(urllib.request.Request(
    BASE_URL + "/forward", cbor2.dumps({"layers": layers, "parameters": w, "samples": [{"x": s["x"]} for s in samples]}),
    {"Content-Type": "application/cbor", "Accept": "application/cbor"})).read())["outputs"]
right = sum(max(range(3), key=lambda j: o[j]) == s["y"].index(1.0) for o, s in zip(outputs, samples))
print("loss %.6f after 60 steps (from %.6f); %d of %d samples classified right" % (
    answer["loss"], first, right, len(samples)))
assert answer["loss"] < first / 5 and right >= 0.9 * len(samples)
