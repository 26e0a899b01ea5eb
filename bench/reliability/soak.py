#!/usr/bin/env python3
"""The soak and overload tests of RELIABILITY.md, bounded in time, on loopback.

Soak: the service (the jar in target/) with a fixed heap takes wrk's mix of valid, invalid and
oversized requests (bench/wrk/mixed.lua) for --seconds, while a sampler posts PyTorch's golden cases
(src/test/resources/golden/gradients.json) and checks every number of their answers to 1e-9. It
fails on any 5xx but admission control's 503, on a wrong number, on a dead or out-of-memory process,
and it compares the heap after a full GC before and after.

Overload (--overload): the service with a 512 MiB heap takes --connections large gradient requests
(--body-mib, 24 MiB by default: one linear layer of a million parameters, whose computation the
service counts at about 100 MiB) at once for --seconds: every request must be answered (200, or 503
with Retry-After) and the process must not run out of memory. A body of the 64 MiB limit asks for more
memory than the 256 MiB budget of that heap holds, and is answered 422 at once: not an overload.

  python3 bench/reliability/soak.py --seconds 600
  python3 bench/reliability/soak.py --overload --connections 16 --seconds 120
"""

import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from make_workloads import COURSE, cbor  # noqa: E402

PORT = 18081
MANAGEMENT_PORT = 18082
BODIES = ROOT / "target" / "soak-bodies"
RESULTS = ROOT / "bench" / "results"
GOLDEN = ROOT / "src" / "test" / "resources" / "golden" / "gradients.json"

def linear_request(rng, inputs, outputs, samples):
    request = {"layers": [{"type": "linear", "outputs": outputs, "parameters": [rng.gauss(0, 0.1) for _ in range(outputs * (inputs + 1))]},
                          {"type": "relu"}, {"type": "linear", "outputs": 10, "parameters": [rng.gauss(0, 0.1) for _ in range(10 * (outputs + 1))]},
                          {"type": "softmax"}],
               "loss": {"type": "cross_entropy"}}
    rows = [{"x": [rng.gauss(0, 1) for _ in range(inputs)], "y": [1.0 if k == s % 10 else 0.0 for k in range(10)]}
            for s in range(samples)]
    if samples == 1:
        request.update(x=rows[0]["x"], y=rows[0]["y"])
    else:
        request["samples"] = rows
    return request


def write_bodies(max_body):
    BODIES.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    jacobian = {"layers": COURSE["layers"], "x": COURSE["x"]}
    bodies = {
        "course": COURSE,
        "batch": linear_request(rng, 20, 16, 32),
        "trace": dict(COURSE, trace=True),
        "check": dict(COURSE, check=True),
        "jacobian": jacobian,
        "forward": dict(COURSE),
        "malformed": None,
        "nan": dict(COURSE, x=[1, "NaN", -1]),
        "wrong-count": dict(COURSE, layers=[dict(COURSE["layers"][0], parameters=[1, 2, 3])] + COURSE["layers"][1:]),
        "bad-label": dict(COURSE, y=[0.5, 0.6]),
        "overflow": {"layers": [{"type": "linear", "outputs": 1, "bias": False, "parameters": [1e300]},
                                {"type": "linear", "outputs": 1, "bias": False, "parameters": [1e300]}],
                     "loss": {"type": "squared_error"}, "x": [1], "y": [1]},
        "unknown-field": dict(COURSE, reductoin="sum"),
        "text": COURSE,
        "nowhere": COURSE,
        "large": linear_request(rng, 300, 100, 1),
    }
    for name, body in bodies.items():
        text = '{"layers": [{"type": "linear",' if body is None else json.dumps(body)
        (BODIES / (name + ".json")).write_text(text)
    (BODIES / "course-cbor.cbor").write_bytes(cbor(COURSE))
    oversized = dict(COURSE, x=[0.0] * (max_body // 4))
    (BODIES / "oversized.json").write_text(json.dumps(oversized))


def max_size_body(limit):
    """A valid request whose JSON body is just under the body limit: one wide linear layer."""
    rng = random.Random(2)
    inputs = 1000
    outputs = int(0.9 * limit / (inputs * 20))
    while True:
        request = {"layers": [{"type": "linear", "outputs": outputs, "bias": False}],
                   "loss": {"type": "squared_error"},
                   "x": [rng.uniform(-1, 1) for _ in range(inputs)], "y": [0.0] * outputs,
                   "parameters": [rng.uniform(-0.03, 0.03) for _ in range(outputs * inputs)]}
        text = json.dumps(request)
        if len(text) < limit:
            return text, outputs * inputs
        outputs = int(outputs * 0.95 * limit / len(text))


JAR = None  # --jar, or the jar in target/


def start_server(heap, properties):
    jar = JAR or sorted(glob.glob(str(ROOT / "target" / "gradient-service-*.jar")))[0]
    log = open(ROOT / "target" / "soak-server.log", "w")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    server = subprocess.Popen(["java", "-Xms" + heap, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar,
                               "--server.port=%d" % PORT, "--management.server.port=%d" % MANAGEMENT_PORT]
                              + ["--" + p for p in properties],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen("http://localhost:%d/actuator/health/readiness" % MANAGEMENT_PORT, timeout=2)
            return server
        except Exception:
            time.sleep(0.5)
    raise RuntimeError("the service did not start")


def heap_after_full_gc(pid):
    for _ in range(2):
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, check=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"used (\d+)K", info).group(1)) * 1024


def wrk(connections, seconds, kinds=None):
    command = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "60s",
               "-s", str(ROOT / "bench" / "wrk" / "mixed.lua"), "http://localhost:%d" % PORT, "--", str(BODIES)]
    if kinds:
        command.append(kinds)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


class Sampler(threading.Thread):
    """Posts golden cases while the load runs and checks every number of the answers."""

    def __init__(self, interval):
        super().__init__(daemon=True)
        self.cases = json.loads(GOLDEN.read_text())["cases"]
        self.interval = interval
        self.stop = threading.Event()
        self.checked = self.refused = 0
        self.wrong = []

    def run(self):
        rng = random.Random(3)
        while not self.stop.is_set():
            case = rng.choice(self.cases)
            request = urllib.request.Request("http://localhost:%d/gradient" % PORT,
                                             data=json.dumps(case["request"]).encode(),
                                             headers={"Content-Type": "application/json"})
            try:
                answer = json.load(urllib.request.urlopen(request, timeout=60))
                problem = compare(answer, case["expected"])
                if problem:
                    self.wrong.append(case["name"] + ": " + problem)
                self.checked += 1
            except urllib.error.HTTPError as e:
                if e.code == 503:
                    self.refused += 1
                else:
                    self.wrong.append("%s: status %d" % (case["name"], e.code))
            self.stop.wait(self.interval)


def compare(answer, expected):
    for field in ("gradient", "output"):
        if field in expected:
            actual, wanted = answer[field], expected[field]
            if len(actual) != len(wanted):
                return field + " length"
            scale = max([abs(v) for v in wanted] + [0.0])
            for a, e in zip(actual, wanted):
                if abs(a - e) > 1e-9 * max(abs(e), 1e-6 * scale):
                    return "%s %r against %r" % (field, a, e)
    if abs(answer["loss"] - expected["loss"]) > 1e-9 * max(abs(expected["loss"]), 1e-300):
        return "loss %r against %r" % (answer["loss"], expected["loss"])
    return None


def with_server(heap, properties, result, work):
    """Runs work(server) against a fresh service, then records whether it lived and ran out of memory."""
    server = start_server(heap, properties)
    try:
        work(server)
        result["alive"] = server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=60)
    result["outOfMemory"] = "OutOfMemoryError" in (ROOT / "target" / "soak-server.log").read_text()
    return result


def soak(args):
    write_bodies(1 << 20)
    result = {"mode": "soak", "heap": args.heap, "connections": args.connections, "seconds": args.seconds}

    def work(server):
        wrk(args.connections, 20)  # warm-up
        result["heapBeforeBytes"] = heap_after_full_gc(server.pid)
        sampler = Sampler(0.5)
        sampler.start()
        result["load"] = wrk(args.connections, args.seconds)
        sampler.stop.set()
        sampler.join()
        result["sampler"] = {"checked": sampler.checked, "refused": sampler.refused, "wrong": sampler.wrong}
        result["heapAfterBytes"] = heap_after_full_gc(server.pid)

    return with_server(args.heap, ["gradient.limits.max-body-size=1MB"], result, work)


def overload(args):
    BODIES.mkdir(parents=True, exist_ok=True)
    limit = args.body_mib << 20
    text, parameters = max_size_body(limit)
    (BODIES / "large.json").write_text(text)
    result = {"mode": "overload", "heap": "512m", "connections": args.connections, "seconds": args.seconds,
              "bodyBytes": (BODIES / "large.json").stat().st_size, "parameters": parameters}

    def work(server):
        result["load"] = wrk(args.connections, args.seconds, "large")
        answer = urllib.request.urlopen(urllib.request.Request(
            "http://localhost:%d/gradient" % PORT, data=json.dumps(COURSE).encode(),
            headers={"Content-Type": "application/json"}), timeout=60)
        result["afterwards"] = answer.status

    return with_server("512m", [], result, work)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--overload", action="store_true")
    parser.add_argument("--jar", help="the service's jar (default: the one in target/)")
    parser.add_argument("--body-mib", type=int, default=24,
                        help="overload: the body's size; 24 MiB is the largest gradient of one linear layer whose"
                             " computation fits the 256 MiB budget of a 512 MiB heap twice over")
    args = parser.parse_args()
    global JAR
    JAR = args.jar
    RESULTS.mkdir(exist_ok=True)
    result = overload(args) if args.overload else soak(args)
    name = "overload.json" if args.overload else "soak.json"
    (RESULTS / name).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))

    statuses = {int(s): n for s, n in result["load"]["statuses"].items()}
    failures = []
    if any(s >= 500 and s != 503 for s in statuses):
        failures.append("5xx other than 503: %s" % statuses)
    if not result["alive"] or result["outOfMemory"]:
        failures.append("the process died or ran out of memory")
    if result.get("sampler", {}).get("wrong"):
        failures.append("wrong numbers: %s" % result["sampler"]["wrong"][:5])
    if args.overload and set(statuses) - {200, 503}:
        failures.append("statuses other than 200 and 503: %s" % statuses)
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
