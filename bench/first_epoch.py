#!/usr/bin/env python3
"""A training client's first steps, for BENCHMARKS.md: the digits loop of bench/digits_bench.py (a Python
client that posts each batch of 64 to POST /gradient in JSON and applies SGD with momentum itself, 29
steps an epoch, 20 epochs), started as soon as the service reports ready, as a pipeline that waits for the
readiness probe does. Prints the median time of a step in the first epoch and in the last, for the
service started cold and with its warm-up (gradient.warm-up.duration=60s), from the jar in target/ (or
--jar) with one OpenBLAS thread.

    /usr/bin/python3 bench/first_epoch.py [--out bench/results/first-epoch.json]
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

import sys

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import digits_bench as digits  # noqa: E402


def start(jar, warm_up):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    server = subprocess.Popen(["java", "-jar", jar, "--server.port=%d" % digits.PORT,
                               "--management.server.port=%d" % digits.MANAGEMENT_PORT,
                               "--gradient.warm-up.duration=%s" % warm_up],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    began = time.time()
    while time.time() < began + 120:
        try:
            connection = http.client.HTTPConnection("localhost", digits.MANAGEMENT_PORT, timeout=1)
            connection.request("GET", "/actuator/health/readiness")
            if connection.getresponse().status == 200:
                return server, time.time() - began
        except OSError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("the service was not ready in 120 s")


def steps(X, labels, w0):
    """The loop's steps, each timed from its request's start to its update's end, by epoch."""
    connection = http.client.HTTPConnection("localhost", digits.PORT)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    w, buffer = w0.copy(), None
    batches = [digits.samples(X, labels, range(s, min(s + digits.BATCH, len(X))))
               for s in range(0, len(X), digits.BATCH)]
    times = []
    for _ in range(digits.EPOCHS):
        epoch = []
        for batch in batches:
            began = time.perf_counter()
            request = {"layers": digits.LAYERS, "loss": digits.LOSS, "parameters": w.tolist(),
                       "order": "first-layer-first", "samples": batch}
            connection.request("POST", "/gradient", json.dumps(request), headers)
            response = connection.getresponse()
            answer = json.loads(response.read())
            assert response.status == 200, answer
            g = np.array(answer["gradient"])
            buffer = g if buffer is None else digits.MOMENTUM * buffer + g
            w -= digits.LEARNING_RATE * buffer
            epoch.append(time.perf_counter() - began)
        times.append(epoch)
    connection.close()
    return times, w


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=None)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    jar = args.jar or sorted(glob.glob(str(ROOT / "target" / "gradient-service-*.jar")))[0]
    X, labels = digits.data()
    w0 = digits.first_layer_first(digits.initial_model())
    _, expected = digits.pytorch(X, labels)
    results = {}
    for name, warm_up in (("cold", "0s"), ("warmed up", "60s")):
        server, ready = start(jar, warm_up)
        try:
            times, w = steps(X, labels, w0)
        finally:
            server.terminate()
            server.wait(timeout=60)
        assert digits.relative(w, expected) < 1e-9, "the loop's parameters differ from PyTorch's"
        first, last = (1000 * statistics.median(times[k]) for k in (0, -1))
        results[name] = {"readySeconds": ready, "firstEpochMedianMs": first, "lastEpochMedianMs": last,
                         "firstEpochTotalMs": 1000 * sum(times[0]), "stepsMs": [[1000 * t for t in e] for e in times]}
        print("%-9s ready after %5.1f s; a step of epoch 1: %6.2f ms (epoch 1 in all: %6.0f ms), of epoch %d: %5.2f ms"
              % (name, ready, first, 1000 * sum(times[0]), digits.EPOCHS, last), flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
