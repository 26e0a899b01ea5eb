#!/usr/bin/env python3
"""End-to-end HTTP benchmarks with wrk, all in one run, for BENCHMARKS.md.

For each workload (bench/workloads, made by make_workloads.py) and each number of connections, wrk
posts the same body for --seconds to three servers in turn:

  service   this service's POST /gradient (the jar in target/)
  floor     the same server stack answering a trivial request of the same size: POST /bench/floor
            reads the body as bytes and answers {"bytes": n} (gradient.bench.floor-endpoint=true)
  python    the service a Python user would write instead: bench/python_service.py (PyTorch behind
            FastAPI and uvicorn)

and, for the 10^6-parameter workload, this service in JSON and in CBOR with one connection. Every
server gets a warm-up run first. wrk and the servers share the machine. Results go to
bench/results/http.json and to standard output as a table.

  python3 bench/http_bench.py [--seconds 10] [--connections 1,16,64] [--workloads course,mlp-b1,mlp-b64]
"""

import argparse
import glob
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKLOADS = ROOT / "bench" / "workloads"
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "wrk" / "post.lua"
JAVA_PORT, MANAGEMENT_PORT, PYTHON_PORT = 18080, 18079, 18090


def wait_until_up(url, seconds=120, body=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=5)
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError("no answer from " + url)


def wrk(url, body, connections, seconds, content_type="application/json"):
    threads = min(2, connections)
    command = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "60s",
               "-s", str(LUA), url, "--", str(body), content_type]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def start(command, log, env=None):
    return subprocess.Popen(command, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=env, cwd=ROOT)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--workloads", default="course,mlp-b1,mlp-b64")
    parser.add_argument("--wide-seconds", type=int, default=20)
    parser.add_argument("--java-opts", default="")
    args = parser.parse_args()
    connections = [int(c) for c in args.connections.split(",")]
    workloads = args.workloads.split(",")
    RESULTS.mkdir(exist_ok=True)

    jar = sorted(glob.glob(str(ROOT / "target" / "gradient-service-*.jar")))[0]
    java = start(["java"] + args.java_opts.split() + ["-jar", jar, "--server.port=%d" % JAVA_PORT,
                                                     "--management.server.port=%d" % MANAGEMENT_PORT,
                                                     "--gradient.bench.floor-endpoint=true"],
                 ROOT / "target" / "bench-java.log")
    python = start(["/usr/bin/python3", "bench/python_service.py", "--port", str(PYTHON_PORT), "--workers", "2"],
                   ROOT / "target" / "bench-python.log")
    results = {"machine": {"cpu": cpu(), "cores": os.cpu_count(), "os": platform.platform(),
                           "java": java_version(), "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "all")},
               "seconds": args.seconds, "runs": []}
    try:
        wait_until_up("http://localhost:%d/actuator/health/readiness" % MANAGEMENT_PORT)
        wait_until_up("http://localhost:%d/gradient" % PYTHON_PORT, body=(WORKLOADS / "course.json").read_bytes())
        targets = {"service": "http://localhost:%d/gradient" % JAVA_PORT,
                   "floor": "http://localhost:%d/bench/floor" % JAVA_PORT,
                   "python": "http://localhost:%d/gradient" % PYTHON_PORT}
        for workload in workloads:
            body = WORKLOADS / (workload + ".json")
            for name, url in targets.items():
                wrk(url, body, 4, max(3, args.seconds // 2))  # warm-up
                for c in connections:
                    run = dict(workload=workload, target=name, connections=c, format="json",
                               **wrk(url, body, c, args.seconds))
                    results["runs"].append(run)
                    report(run)
        for fmt, content_type in (("json", "application/json"), ("cbor", "application/cbor")):
            body = WORKLOADS / ("wide." + fmt)
            wrk(targets["service"], body, 1, 5, content_type)
            run = dict(workload="wide", target="service", connections=1, format=fmt,
                       **wrk(targets["service"], body, 1, args.wide_seconds, content_type))
            results["runs"].append(run)
            report(run)
    finally:
        for process in (java, python):
            process.terminate()
            process.wait(timeout=30)
    (RESULTS / "http.json").write_text(json.dumps(results, indent=1))


def report(run):
    print("%-10s %-8s %-5s c=%-3d %9.1f req/s  p50 %8d us  p99 %8d us  errors %d" % (
        run["workload"], run["target"], run["format"], run["connections"], run["rps"], run["p50_us"],
        run["p99_us"], run["errors"]), flush=True)


def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def java_version():
    out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    return out.splitlines()[0] if out else "unknown"


if __name__ == "__main__":
    sys.exit(main())
