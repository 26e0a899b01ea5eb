#!/usr/bin/env python3
"""Prints the tables of BENCHMARKS.md from the measured results in bench/results/:

  jmh-engine-1thread.json, jmh-engine-2threads.json   EngineBenchmark (JMH, sample mode, gc profiler)
  jmh-engine-ejml.json                                 EngineBenchmark with -Dgradient.blas.disabled=true
  jmh-json.json                                        JsonBenchmark (Jackson alone)
  pytorch.json                                         bench/pytorch_bench.py
  http.json                                            bench/http_bench.py

  python3 bench/report.py
"""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
WORKLOADS = ["course", "mlp-b1", "mlp-b64", "mlp-b1024", "deep", "wide"]


def load(name):
    path = RESULTS / name
    return json.loads(path.read_text()) if path.exists() else None


def engine(threads):
    runs = load("jmh-engine-%s.json" % {1: "1thread", 2: "2threads", 0: "ejml"}[threads])
    table = {}
    for run in runs or []:
        metric = run["primaryMetric"]
        table[run["params"]["workload"]] = {
            "p50": metric["scorePercentiles"]["50.0"],
            "p90": metric["scorePercentiles"]["90.0"],
            "alloc": run["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score"),
        }
    return table


def pytorch(threads):
    """The best median PyTorch reached with this many threads, over the OpenMP wait policies tried."""
    table = {}
    for result in (load("pytorch.json") or {}).get("results", []):
        timings = [t for t in result["timings"] if t["threads"] == threads]
        if timings:
            best = min(timings, key=lambda t: t["medianMicros"])
            table[result["workload"]] = (best["medianMicros"], best["ompWaitPolicy"])
    return table


def numbers(workload):
    """The count of numbers in the workload's request and in its answer."""
    body = json.loads((Path(__file__).resolve().parent / "workloads" / (workload + ".json")).read_text())
    parameters = sum(len(layer.get("parameters", [])) for layer in body["layers"])
    samples = body.get("samples") or [{"x": body["x"], "y": body["y"]}]
    inputs = sum(len(s["x"]) + len(s["y"]) for s in samples)
    output = 0 if "samples" in body else len(samples[0]["y"])
    return parameters + inputs, 1 + parameters + output


def engine_table():
    print("| workload | service, 1 thread | PyTorch, 1 thread | ratio | service, 2 threads | PyTorch, 2 threads | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    e1, e2, p1, p2 = engine(1), engine(2), pytorch(1), pytorch(2)
    for w in WORKLOADS:
        if w in e1 and w in p1:
            print("| %s | %s | %s | %.2f | %s | %s | %.2f |" % (
                w, us(e1[w]["p50"]), us(p1[w][0]), e1[w]["p50"] / p1[w][0],
                us(e2[w]["p50"]), us(p2[w][0]), e2[w]["p50"] / p2[w][0]))


def ejml_table():
    print("| workload | OpenBLAS through JNI, 1 thread | EJML, 1 thread | EJML / OpenBLAS |")
    print("|---|---:|---:|---:|")
    blas, ejml = engine(1), engine(0)
    for w in WORKLOADS:
        if w in ejml:
            print("| %s | %s | %s | %.1f |" % (w, us(blas[w]["p50"]), us(ejml[w]["p50"]), ejml[w]["p50"] / blas[w]["p50"]))


def allocation_table():
    print("| workload | allocated per gradient | numbers in request + answer | bytes of those numbers | ratio |")
    print("|---|---:|---:|---:|---:|")
    e1 = engine(1)
    for w in WORKLOADS:
        if w in e1:
            request, answer = numbers(w)
            size = 8 * (request + answer)
            print("| %s | %s | %d + %d | %s | %.2f |" % (w, size_text(e1[w]["alloc"]), request, answer,
                                                       size_text(size), e1[w]["alloc"] / size))


def json_table():
    runs = load("jmh-json.json") or []
    rows = {}
    for run in runs:
        key = (run["params"]["workload"], run["params"]["format"])
        name = run["benchmark"].rsplit(".", 1)[1]
        rows.setdefault(key, {})[name] = (run["primaryMetric"]["score"],
                                          run["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
    print("| workload | format | read the request | write the answer | read + write | allocated |")
    print("|---|---|---:|---:|---:|---:|")
    for (w, f), r in sorted(rows.items()):
        read, write = r["readRequest"], r["writeResponse"]
        print("| %s | %s | %s | %s | %s | %s |" % (w, f, us(read[0]), us(write[0]), us(read[0] + write[0]),
                                                  size_text(read[1] + write[1])))


def http_table():
    results = load("http.json")
    if not results:
        return
    runs = results["runs"]
    for w in sorted({r["workload"] for r in runs if r["workload"] != "wide"}, key=WORKLOADS.index):
        print("\n%s:\n" % w)
        print("| connections | service req/s | p50 | p99 | errors | floor req/s | service / floor | Python req/s | p50 | p99 | errors | service / Python |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for c in sorted({r["connections"] for r in runs if r["workload"] == w}):
            s, f, p = (next(r for r in runs if r["workload"] == w and r["target"] == t and r["connections"] == c)
                       for t in ("service", "floor", "python"))
            print("| %d | %.0f | %s | %s | %d | %.0f | %.2f | %.1f | %s | %s | %d | %.1f |" % (
                c, s["rps"], us(s["p50_us"]), us(s["p99_us"]), s["errors"], f["rps"], s["rps"] / f["rps"],
                p["rps"], us(p["p50_us"]), us(p["p99_us"]), p["errors"], s["rps"] / p["rps"]))
    print("\nwide (10^6 parameters), one connection:\n")
    print("| format | req/s | p50 | p99 | errors |")
    print("|---|---:|---:|---:|---:|")
    for r in runs:
        if r["workload"] == "wide":
            print("| %s | %.2f | %s | %s | %d |" % (r["format"], r["rps"], us(r["p50_us"]), us(r["p99_us"]), r["errors"]))


def us(micros):
    if micros >= 1e6:
        return "%.2f s" % (micros / 1e6)
    if micros >= 10000:
        return "%.1f ms" % (micros / 1000)
    if micros >= 1000:
        return "%.2f ms" % (micros / 1000)
    return "%.3g µs" % micros if micros < 1 else "%.0f µs" % micros


def size_text(size):
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return "%.1f %s" % (size / scale, unit)
    return "%.0f B" % size


if __name__ == "__main__":
    print("## Engine against PyTorch (median time per gradient)\n")
    engine_table()
    print("\n## Matrix products: OpenBLAS or EJML\n")
    ejml_table()
    print("\n## Allocation per gradient\n")
    allocation_table()
    print("\n## Jackson alone\n")
    json_table()
    print("\n## HTTP")
    http_table()
