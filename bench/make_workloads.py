#!/usr/bin/env python3
"""Writes the benchmark workloads as request bodies of POST /gradient into bench/workloads/, each in
JSON (NAME.json) and in CBOR (NAME.cbor).

Every benchmark reads these same files: the engine's JMH benchmarks, the PyTorch script, the Python
service and the wrk scripts. The numbers are random (fixed seed) and written in full precision, as a
client would send them. Run from the repository root:  python3 bench/make_workloads.py

  course     the course's example 3: linear 2 (no bias), sigmoid, linear 2 (no bias), softmax,
             cross_entropy; one sample
  mlp-b1     an MLP 784-256-128-10 with ReLU, softmax and cross_entropy; one sample
  mlp-b64    the same MLP, a batch of 64 (mean)
  mlp-b1024  the same MLP, a batch of 1024 (mean)
  deep       50 layers of width 32 (linear 32 then tanh, 50 times), half_squared_error; one sample
  wide       one linear layer 1000 -> 1000 without bias (10^6 parameters), squared_error; one sample
"""

import json
import math
import random
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parent / "workloads"


def normal(rng, n, scale):
    return [rng.gauss(0.0, scale) for _ in range(n)]


def one_hot(rng, k):
    y = [0.0] * k
    y[rng.randrange(k)] = 1.0
    return y


def mlp(rng, batch):
    sizes = [784, 256, 128, 10]
    layers = []
    for n, m in zip(sizes, sizes[1:]):
        # He initialisation keeps the activations of order 1 through the ReLUs.
        layers.append({"type": "linear", "outputs": m,
                       "parameters": normal(rng, m * n, math.sqrt(2.0 / n)) + normal(rng, m, 0.01)})
        layers.append({"type": "relu"})
    layers[-1] = {"type": "softmax"}
    request = {"layers": layers, "loss": {"type": "cross_entropy"}}
    if batch == 1:
        request.update(x=normal(rng, 784, 1.0), y=one_hot(rng, 10))
    else:
        request["samples"] = [{"x": normal(rng, 784, 1.0), "y": one_hot(rng, 10)} for _ in range(batch)]
    return request


def deep(rng):
    layers = []
    for _ in range(50):
        layers.append({"type": "linear", "outputs": 32,
                       "parameters": normal(rng, 32 * 32, 1.0 / math.sqrt(32)) + normal(rng, 32, 0.01)})
        layers.append({"type": "tanh"})
    return {"layers": layers, "loss": {"type": "half_squared_error"},
            "x": normal(rng, 32, 1.0), "y": normal(rng, 32, 0.5)}


def wide(rng):
    return {"layers": [{"type": "linear", "outputs": 1000, "bias": False,
                        "parameters": normal(rng, 1000 * 1000, 1.0 / math.sqrt(1000))}],
            "loss": {"type": "squared_error"}, "x": normal(rng, 1000, 1.0), "y": normal(rng, 1000, 1.0)}


COURSE = {
    "layers": [
        {"type": "linear", "outputs": 2, "bias": False, "parameters": [0, 1, -1, 2, 0, 1]},
        {"type": "sigmoid"},
        {"type": "linear", "outputs": 2, "bias": False, "parameters": [-1, 0, 2, -1]},
        {"type": "softmax"},
    ],
    "loss": {"type": "cross_entropy"},
    "x": [1, 0, -1],
    "y": [0, 1],
}


def cbor(value):
    """The same request in CBOR (RFC 8949): every number a float64, as the service's CBOR answers are."""
    if isinstance(value, bool):
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**32:
        return head(0, value)
    if isinstance(value, (int, float)):
        return b"\xfb" + struct.pack(">d", float(value))
    if isinstance(value, str):
        data = value.encode("utf-8")
        return head(3, len(data)) + data
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(cbor(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(type(value))


def head(major, length):
    if length < 24:
        return bytes([major << 5 | length])
    for extra, size in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if length < 256 ** struct.calcsize(size):
            return bytes([major << 5 | extra]) + struct.pack(size, length)
    raise ValueError(length)


def main():
    OUT.mkdir(exist_ok=True)
    workloads = {
        "course": lambda rng: COURSE,
        "mlp-b1": lambda rng: mlp(rng, 1),
        "mlp-b64": lambda rng: mlp(rng, 64),
        "mlp-b1024": lambda rng: mlp(rng, 1024),
        "deep": deep,
        "wide": wide,
    }
    for name, make in workloads.items():
        body = make(random.Random(name))
        path = OUT / (name + ".json")
        path.write_text(json.dumps(body, separators=(",", ":")))
        binary = OUT / (name + ".cbor")
        binary.write_bytes(cbor(body))
        print("%-10s %10d bytes JSON %10d bytes CBOR" % (name, path.stat().st_size, binary.stat().st_size))


if __name__ == "__main__":
    main()
