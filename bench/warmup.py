#!/usr/bin/env python3
"""Warm-up under load, for BENCHMARKS.md: starts the service with the given command, waits until its
readiness probe is UP (as an orchestrator does before it sends traffic; with gradient.warm-up.duration
set, that is after the warm-up), then runs wrk on the course's POST /gradient (16 connections) in consecutive 10 s windows for
--seconds (120 by default), and prints the rate of each window against the last window's.

    python3 bench/warmup.py --out bench/results/warmup-jar17.json -- java -jar target/gradient-service-*.jar

--no-probe waits for the first answer only, for the bare floor app (bench/floor-app), which has no probes.
"""

import argparse
import json
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 18400


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-probe", action="store_true", help="no readiness probe: wait for the first answer")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"]
    body = (ROOT / "bench" / "workloads" / "course.json").read_bytes()
    server = subprocess.Popen(command + ["--server.port=%d" % PORT, "--management.server.port=%d" % (PORT + 1)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.time()
    try:
        while True:
            try:
                if not args.no_probe:
                    urllib.request.urlopen("http://localhost:%d/actuator/health/readiness" % (PORT + 1),
                                           timeout=1).read()
                request = urllib.request.Request("http://localhost:%d/gradient" % PORT, body,
                                                 {"Content-Type": "application/json"})
                urllib.request.urlopen(request, timeout=1).read()
                break
            except OSError:
                time.sleep(0.01)
        first = time.time() - start
        windows = []
        for k in range(args.seconds // 10):
            out = subprocess.run(["wrk", "-t2", "-c16", "-d10s", "-s", str(ROOT / "bench" / "wrk" / "post.lua"),
                                  "http://localhost:%d/gradient" % PORT, "--", str(ROOT / "bench" / "workloads" / "course.json")],
                                 capture_output=True, text=True, check=True).stdout
            line = next(l for l in out.splitlines() if l.startswith("RESULT "))
            result = json.loads(line[len("RESULT "):])
            windows.append(result)
            print("%4d-%3d s: %8.0f requests/s, p99 %6.2f ms, errors %d" % (
                10 * k, 10 * k + 10, result["rps"], result["p99_us"] / 1000, result["errors"]), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)
    steady = windows[-1]["rps"]
    print("ready after %.2f s; first window %.0f%% of the last" % (first, 100 * windows[0]["rps"] / steady))
    Path(args.out).write_text(json.dumps({"command": command, "readySeconds": first, "windows": windows},
                                         indent=2) + "\n")


if __name__ == "__main__":
    main()
