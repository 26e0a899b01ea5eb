#!/usr/bin/env python3
"""The digits workflow, three ways, for BENCHMARKS.md: scikit-learn's bundled digits (1,797 images of
8 × 8 pixels, scaled to [0, 1]), a 64-32-10 network (linear, relu, linear, cross-entropy on the logits),
SGD with momentum 0.9 and learning rate 0.05, batches of 64 in order (no shuffling), 20 epochs: 580 steps.

  descent        POST /descent: the whole training in one request (JSON), end to end: building the
                 request, sending it, waiting, and reading the answer
  descent-cbor   the same in CBOR (cbor2)
  gradient-json  a Python loop that posts each batch with the current parameters to POST /gradient (JSON)
                 and applies the same SGD update in Python (numpy), as a client would without /descent
  gradient-cbor  the same loop in CBOR (cbor2)
  pytorch        the same training in local PyTorch (float64, one thread, torch.optim.SGD): the model,
                 the loss and the optimizer built once, the loop timed

All four start from the same initial parameters (nn.Linear's initialization, seed 0) and take the same
steps, so they end at the same parameters: the script checks that each way's final parameters agree
with PyTorch's within 1e-9 relative, and prints the wall times (median of --runs runs after one warm-up
run each). The service is started from the jar in target/ (or --jar) with one OpenBLAS thread, on a port
of its own.

    /usr/bin/python3 bench/digits_bench.py [--runs 5] [--out bench/results/digits.json]

(apt-get install python3-torch python3-sklearn python3-cbor2 libopenblas0-pthread)
"""

import argparse
import glob
import http.client
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

import cbor2
import numpy as np
import torch
from sklearn.datasets import load_digits

ROOT = Path(__file__).resolve().parent.parent
PORT, MANAGEMENT_PORT = 18095, 18096
EPOCHS, BATCH, LEARNING_RATE, MOMENTUM = 20, 64, 0.05, 0.9
LAYERS = [{"type": "linear", "outputs": 32}, {"type": "relu"}, {"type": "linear", "outputs": 10}]
LOSS = {"type": "cross_entropy_logits"}

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)


def data():
    digits = load_digits()
    return (digits.data / 16.0).astype(np.float64), digits.target.astype(int)


def initial_model():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)).double()


def first_layer_first(model):
    return torch.nn.utils.parameters_to_vector(model.parameters()).detach().numpy().copy()


def pytorch(X, labels):
    model = initial_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM, foreach=False)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(labels)
    start = time.perf_counter()
    for _ in range(EPOCHS):
        for s in range(0, len(X), BATCH):
            optimizer.zero_grad()
            loss_fn(model(Xt[s:s + BATCH]), yt[s:s + BATCH]).backward()
            optimizer.step()
    return time.perf_counter() - start, first_layer_first(model)


def samples(X, labels, rows):
    return [{"x": X[s].tolist(), "label": int(labels[s])} for s in rows]


def descent(X, labels, w0, cbor=False):
    start = time.perf_counter()
    request = {"layers": LAYERS, "loss": LOSS, "parameters": w0.tolist(), "order": "first-layer-first",
               "samples": samples(X, labels, range(len(X))),
               "optimizer": {"type": "sgd", "learningRate": LEARNING_RATE, "momentum": MOMENTUM},
               "epochs": EPOCHS, "batchSize": BATCH}
    kind = "application/cbor" if cbor else "application/json"
    connection = http.client.HTTPConnection("localhost", PORT)
    connection.request("POST", "/descent", cbor2.dumps(request) if cbor else json.dumps(request),
                       {"Content-Type": kind, "Accept": kind})
    response = connection.getresponse()
    raw = response.read()
    answer = cbor2.loads(raw) if cbor else json.loads(raw)
    assert response.status == 200, answer
    connection.close()
    return time.perf_counter() - start, np.array(answer["parameters"])


def gradient_loop(X, labels, w0, cbor):
    start = time.perf_counter()
    connection = http.client.HTTPConnection("localhost", PORT)
    kind = "application/cbor" if cbor else "application/json"
    headers = {"Content-Type": kind, "Accept": kind}
    w = w0.copy()
    buffer = None
    batches = [samples(X, labels, range(s, min(s + BATCH, len(X)))) for s in range(0, len(X), BATCH)]
    for _ in range(EPOCHS):
        for batch in batches:
            request = {"layers": LAYERS, "loss": LOSS, "parameters": w.tolist(), "order": "first-layer-first",
                       "samples": batch}
            connection.request("POST", "/gradient", cbor2.dumps(request) if cbor else json.dumps(request), headers)
            response = connection.getresponse()
            raw = response.read()
            answer = cbor2.loads(raw) if cbor else json.loads(raw)
            assert response.status == 200, answer
            g = np.array(answer["gradient"])
            buffer = g if buffer is None else MOMENTUM * buffer + g  # torch.optim.SGD's update
            w -= LEARNING_RATE * buffer
    connection.close()
    return time.perf_counter() - start, w


def start_service(jar):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    log = open(ROOT / "target" / "digits-server.log", "w")
    server = subprocess.Popen(["java", "-jar", jar, "--server.port=%d" % PORT, "--management.server.port=%d" % MANAGEMENT_PORT],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("localhost", PORT, timeout=1)
            connection.request("GET", "/catalog")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the service did not start")


def server_descent_seconds():
    connection = http.client.HTTPConnection("localhost", MANAGEMENT_PORT)
    connection.request("GET", "/actuator/prometheus")
    text = connection.getresponse().read().decode()
    count = total = 0.0
    for line in text.splitlines():
        if line.startswith("gradient_descent_duration_seconds_count{") and 'outcome="completed"' in line:
            count = float(line.split()[-1])
        if line.startswith("gradient_descent_duration_seconds_sum{") and 'outcome="completed"' in line:
            total = float(line.split()[-1])
    return count, total


def relative(a, b):
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jar", default=None)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "digits.json"))
    args = parser.parse_args()
    jar = args.jar or sorted(glob.glob(str(ROOT / "target" / "gradient-service-*.jar")))[0]
    X, labels = data()
    w0 = first_layer_first(initial_model())
    server = start_service(jar)
    try:
        ways = {
            "descent": lambda: descent(X, labels, w0),
            "descent-cbor": lambda: descent(X, labels, w0, cbor=True),
            "gradient-json": lambda: gradient_loop(X, labels, w0, cbor=False),
            "gradient-cbor": lambda: gradient_loop(X, labels, w0, cbor=True),
            "pytorch": lambda: pytorch(X, labels),
        }
        _, reference = pytorch(X, labels)
        results = {}
        for name, way in ways.items():
            _, w = way()  # warm-up
            agreement = relative(w, reference)
            assert agreement < 1e-9, (name, agreement)
            times = [way()[0] for _ in range(args.runs)]
            results[name] = {"medianSeconds": statistics.median(times), "minSeconds": min(times),
                             "maxSeconds": max(times), "runs": times, "agreesWithPyTorchWithin": agreement}
            print("%-14s median %8.3f s  (min %.3f, max %.3f)  parameters within %.1e of PyTorch's"
                  % (name, statistics.median(times), min(times), max(times), agreement), flush=True)
        # the server's own time for the runs of /descent: gradient.descent.duration, from the first step to
        # the last (parsing, checking and answering excluded)
        runs = server_descent_seconds()
        results["server-run"] = {"meanSeconds": runs[1] / runs[0], "runs": runs[0]}
        print("%-14s mean   %8.3f s  over %d runs of /descent (the server's gradient.descent.duration)"
              % ("server-run", runs[1] / runs[0], runs[0]))
    finally:
        server.terminate()
        server.wait()
    document = {"samples": len(X), "network": "64-32-10 relu", "epochs": EPOCHS, "batch": BATCH,
                "steps": EPOCHS * -(-len(X) // BATCH), "torch": torch.__version__, "results": results}
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
