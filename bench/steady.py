#!/usr/bin/env python3
"""Small requests at steady state, for BENCHMARKS.md: starts the jar with its floor endpoints
(gradient.bench.floor-endpoint=true), warms every endpoint up under load, then runs wrk (16 connections,
10 s) on the course's request in turn against POST /gradient and the two floors, which answer a
constant through the same stack: /bench/floor reads the body as bytes, /bench/floor/tree parses it into a
tree. Prints each round's ratios and their medians.

    OPENBLAS_NUM_THREADS=1 python3 bench/steady.py --out bench/results/steady.json -- java -jar target/gradient-service-*.jar
"""

import argparse
import json
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 18450
ENDPOINTS = ("/gradient", "/bench/floor", "/bench/floor/tree")


def wrk(path, seconds):
    out = subprocess.run(["wrk", "-t2", "-c16", "-d%ds" % seconds, "-s", str(ROOT / "bench" / "wrk" / "post.lua"),
                          "http://localhost:%d%s" % (PORT, path), "--",
                          str(ROOT / "bench" / "workloads" / "course.json")],
                         capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm-up", type=int, default=60, help="seconds of load before the rounds, shared by the endpoints")
    parser.add_argument("--out", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"]
    server = subprocess.Popen(command + ["--server.port=%d" % PORT, "--management.server.port=%d" % (PORT + 1),
                                         "--gradient.bench.floor-endpoint=true"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen("http://localhost:%d/actuator/health/readiness" % (PORT + 1), timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(2):
            for path in ENDPOINTS:
                wrk(path, max(1, args.warm_up // (2 * len(ENDPOINTS))))
        rounds = []
        for k in range(args.rounds):
            result = {path: wrk(path, 10) for path in ENDPOINTS}
            for r in result.values():
                if r["errors"]:
                    raise SystemExit("errors in round %d: %s" % (k + 1, result))
            rounds.append(result)
            g, f, t = (result[p]["rps"] for p in ENDPOINTS)
            print("round %d: /gradient %.0f, /bench/floor %.0f (%.2f), /bench/floor/tree %.0f (%.2f)"
                  % (k + 1, g, f, g / f, t, g / t), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)
    for floor in ENDPOINTS[1:]:
        print("median /gradient / %s: %.2f" % (floor, statistics.median(
            r["/gradient"]["rps"] / r[floor]["rps"] for r in rounds)))
    Path(args.out).write_text(json.dumps({"command": command, "rounds": rounds}, indent=2) + "\n")


if __name__ == "__main__":
    main()
