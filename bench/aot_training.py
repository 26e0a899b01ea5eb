#!/usr/bin/env python3
"""A training run for the JVM's AOT cache (JEP 483, 514, 515): starts the service with the given command
(which should carry -XX:AOTCacheOutput=FILE), sends it the requests of every endpoint in JSON and CBOR,
answers and problems, for --seconds, then stops it with SIGTERM, so that the JVM writes the cache as it
exits. The cache then holds the classes these requests load and linked, and their method profiles.

    python3 bench/aot_training.py --port 18280 --seconds 20 -- \\
        /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:AOTCacheOutput=target/app.aot -jar target/app/app.jar
"""

import argparse
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from make_workloads import COURSE, cbor  # noqa: E402

EXAMPLE_5 = {"layers": [{"type": "linear", "outputs": 2, "bias": False, "parameters": [0, 1, -1, 2, 0, 1]},
                        {"type": "linear", "outputs": 2, "bias": False, "parameters": [-1, 0, 2, -1]}],
             "x": [1, 0, -1]}


def requests():
    batch = dict(COURSE)
    batch.pop("x"), batch.pop("y")
    batch["samples"] = [{"x": [1, 0, -1], "y": [0, 1]}, {"x": [0, 1, 1], "label": 0}]
    yield "/gradient", COURSE
    yield "/gradient", dict(COURSE, trace=True, check=True)
    yield "/gradient", dict(batch, reduction="none", order="first-layer-first")
    yield "/forward", batch
    yield "/jacobian", {k: v for k, v in COURSE.items() if k not in ("loss", "y")}
    yield "/vjp", dict(EXAMPLE_5, cotangent=[1, 0])
    yield "/jvp", dict(EXAMPLE_5, tangent=[1] + [0] * 9)
    yield "/descent", dict(batch, optimizer={"type": "adam"}, epochs=5)
    yield "/gradient", dict(COURSE, x=[1, 0])  # a problem


def post(port, path, body, kind):
    data = cbor(body) if kind == "application/cbor" else json.dumps(body).encode()
    request = urllib.request.Request("http://localhost:%d%s" % (port, path), data,
                                     {"Content-Type": kind, "Accept": kind + ", application/problem+json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            answer.read()
    except urllib.error.HTTPError as e:
        e.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18280)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"]
    server = subprocess.Popen(command + ["--server.port=%d" % args.port,
                                         "--management.server.port=%d" % (args.port + 1)])
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen("http://localhost:%d/catalog" % args.port, timeout=1).read()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("the service did not start")
                time.sleep(0.2)
        end, sent = time.time() + args.seconds, 0
        while time.time() < end:
            for path, body in requests():
                for kind in ("application/json", "application/cbor"):
                    post(args.port, path, body, kind)
                    sent += 1
            urllib.request.urlopen("http://localhost:%d/catalog" % args.port).read()
        print("training: %d requests in %.0f s" % (sent, args.seconds))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)


if __name__ == "__main__":
    main()
