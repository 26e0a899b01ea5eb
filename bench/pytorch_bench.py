#!/usr/bin/env python3
"""Times PyTorch (float64, CPU) on the benchmark workloads: the forward and backward pass that gives
the same loss and gradient as POST /gradient, with the request's tensors already built.

Run from the repository root with Debian's PyTorch:

    /usr/bin/python3 bench/pytorch_bench.py [--workloads course,mlp-b64,...] [--threads 1,2] [--seconds 2]
        [--omp-wait-policy default,passive] [--wait-idle SECONDS] [--out bench/results/pytorch.json]

For every workload (bench/workloads/<name>.json, see bench/make_workloads.py) the script

  1. reads the request body and builds, once, the input and label tensors and one leaf tensor per
     linear layer's weight and bias (nothing of the JSON or of the tensor construction is timed);
  2. checks once that the gradient is right, by a route other than autograd's: central differences
     of the loss along a random direction and along a few coordinates of the gradient, and the loss
     against its textbook formula on the network's output;
  3. for each thread count k: torch.set_num_threads(k) (and, since Debian's PyTorch calls OpenBLAS,
     which keeps its own thread pool, openblas_set_num_threads(k) as well), warms up, then times
     `loss = f(params); grads = torch.autograd.grad(loss, params)` one call at a time until it has
     both at least --min-runs runs and at least --seconds seconds. Python's garbage collector is off
     while timing, as in timeit.

It prints a table (median, p10 and p90 in microseconds, and the number of runs) and writes the same
numbers, with the versions, the BLAS and the CPU, to bench/results/pytorch.json. The inter-op pool
is set to one thread once at the start: autograd on the CPU runs the backward pass on the calling
thread and the workloads have no inter-op parallelism to use.

OpenMP's wait policy. Debian's PyTorch runs its element-wise kernels on GNU OpenMP and its matrix
products on OpenBLAS, two thread pools. With k = 2 on two cores and OMP_WAIT_POLICY unset, the
OpenMP threads spin after each parallel region while OpenBLAS's threads want the same cores, and a
large batch (mlp-b1024) becomes slower with two threads than with one, with a bimodal spread.
OMP_WAIT_POLICY=passive (the threads sleep instead) removes that. The policy is fixed when libgomp
starts, so each policy of --omp-wait-policy (default: "default,passive", where "default" is the
environment's, normally unset) is measured in a process of its own, and every timing records its
policy. Note also that this PyTorch starts with torch.get_num_threads() == 1 on this machine.

The loss follows the service's definitions: cross-entropy after a final softmax is computed from the
softmax's input with log_softmax, binary cross-entropy after a final sigmoid from its input with
logsigmoid; a batch's loss is the mean (or sum) of the per-sample losses.
"""

import argparse
import ctypes
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch_layers import apply_layer

ROOT = Path(__file__).resolve().parent
WORKLOADS = ROOT / "workloads"
DEFAULT_OUT = ROOT / "results" / "pytorch.json"
ORDER = ["course", "mlp-b1", "mlp-b64", "mlp-b1024", "deep", "wide"]
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_NUM_THREADS",
                    "MKL_NUM_THREADS")

torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------------------------------------
# The model of a request
# ---------------------------------------------------------------------------------------------


class Model:
    """The tensors of one request and the function loss(params) that the benchmark times."""

    def __init__(self, request):
        self.layers = request["layers"]
        if "samples" in request:
            samples = request["samples"]
            self.x = torch.tensor([s["x"] for s in samples], dtype=torch.float64)
            self.y = torch.tensor([s["y"] for s in samples], dtype=torch.float64)
        else:
            self.x = torch.tensor([request["x"]], dtype=torch.float64)
            self.y = torch.tensor([request["y"]], dtype=torch.float64)
        self.m = self.x.shape[0]
        self.reduction = request.get("reduction", "mean")
        self.loss_type = request["loss"]["type"]

        # One leaf per weight and per bias, built from each layer's parameters (or the flat array,
        # which holds w^L; ...; w^1, last layer first).
        flat = request.get("parameters")
        widths = [self.x.shape[1]]
        counts = []
        for layer in self.layers:
            if layer["type"] == "linear":
                n, m = widths[-1], layer["outputs"]
                counts.append(m * n + (m if layer.get("bias", True) else 0))
                widths.append(m)
            else:
                counts.append(0)
                widths.append(widths[-1])
        if flat is not None:
            offsets = []
            end = len(flat)
            for c in counts:
                end -= c
                offsets.append(end)
            per_layer = [flat[o:o + c] for o, c in zip(offsets, counts)]
        else:
            per_layer = [layer.get("parameters", []) for layer in self.layers]

        self.params = []          # the leaves, in the order of layers 1..L (weight, then bias)
        self.weights = []         # per layer: (W, b) or None
        for layer, n, w in zip(self.layers, widths, per_layer):
            if layer["type"] != "linear":
                self.weights.append(None)
                continue
            m = layer["outputs"]
            t = torch.tensor(w, dtype=torch.float64)
            W = t[:m * n].reshape(m, n).clone().requires_grad_()
            b = t[m * n:].clone().requires_grad_() if layer.get("bias", True) else None
            self.weights.append((W, b))
            self.params += [W] + ([b] if b is not None else [])

        last = self.layers[-1]["type"]
        self.stable_from_logits = (self.loss_type == "cross_entropy" and last == "softmax") or (
            self.loss_type == "binary_cross_entropy" and last == "sigmoid")

    def apply(self, i, z):
        return apply_layer(self.layers[i], self.weights[i], z)

    def per_sample_loss(self, z, y):
        kind = self.loss_type
        if kind in ("cross_entropy_logits",) or (kind == "cross_entropy" and self.stable_from_logits):
            return -(y * torch.log_softmax(z, dim=-1)).sum(-1)
        if kind == "binary_cross_entropy_logits" or (kind == "binary_cross_entropy" and self.stable_from_logits):
            return F.binary_cross_entropy_with_logits(z, y, reduction="none").sum(-1)
        if kind == "cross_entropy":
            return -torch.xlogy(y, z).sum(-1)
        if kind == "binary_cross_entropy":
            return -(torch.xlogy(y, z) + torch.xlogy(1 - y, 1 - z)).sum(-1)
        if kind == "squared_error":
            return ((z - y) ** 2).sum(-1)
        if kind == "half_squared_error":
            return 0.5 * ((z - y) ** 2).sum(-1)
        if kind == "mean_squared_error":
            return ((z - y) ** 2).sum(-1) / z.shape[-1]
        raise ValueError("unknown loss type " + kind)

    def loss(self):
        """f(w): forward through the chain (up to the logits where the loss has a stable form)."""
        top = len(self.layers) - 1 if self.stable_from_logits else len(self.layers)
        z = self.x
        for i in range(top):
            z = self.apply(i, z)
        total = self.per_sample_loss(z, self.y).sum()
        return total / self.m if self.reduction == "mean" else total

    def step(self):
        """What is timed: the loss and its gradient with respect to every parameter."""
        loss = self.loss()
        return loss, torch.autograd.grad(loss, self.params)

    def output(self):
        """h_x(w) for every sample (no gradient)."""
        with torch.no_grad():
            z = self.x
            for i in range(len(self.layers)):
                z = self.apply(i, z)
            return z

    def flat_gradient(self, grads):
        """The gradient in the service's order (p^L; ...; p^1), each layer as weight.flatten() then bias."""
        parts = []
        k = len(grads)
        for pair in reversed(self.weights):
            if pair is None:
                continue
            W, b = pair
            if b is not None:
                k -= 2
                parts += [grads[k].flatten(), grads[k + 1]]
            else:
                k -= 1
                parts.append(grads[k].flatten())
        if not parts:
            return torch.zeros(0)
        # parts were collected layer L first, each as (weight, bias); keep that order.
        return torch.cat(parts)


# ---------------------------------------------------------------------------------------------
# The check, once per workload
# ---------------------------------------------------------------------------------------------


def check_gradient(model, seed=535, coordinates=5, eps=1e-6):
    """Compares autograd's gradient with central differences of the loss and the loss with its
    textbook formula. Returns a dict of the worst relative errors and whether they pass."""
    loss, grads = model.step()
    loss = float(loss)
    gen = torch.Generator().manual_seed(seed)

    def loss_at(deltas):
        with torch.no_grad():
            for p, d in zip(model.params, deltas):
                p.add_(d)
            try:
                return float(model.loss())
            finally:
                for p, d in zip(model.params, deltas):
                    p.sub_(d)

    def central(direction):
        plus = loss_at([eps * d for d in direction])
        minus = loss_at([-eps * d for d in direction])
        return (plus - minus) / (2 * eps)

    raw = [0.0]

    def rel(a, n):
        scale = abs(a) + abs(n)
        error = abs(a - n) / scale if scale > 0 else 0.0
        raw[0] = max(raw[0], error)
        # below what rounding in f explains, a difference is no evidence against the gradient
        rounding = 4 * 2.2e-16 * max(1.0, abs(loss)) / eps
        return 0.0 if abs(a - n) <= rounding else error

    # A random direction d (unit length): <grad, d> against the central difference along d.
    direction = [torch.randn(p.shape, generator=gen) for p in model.params]
    norm = math.sqrt(sum(float((d * d).sum()) for d in direction))
    direction = [d / norm for d in direction]
    analytic = sum(float((g * d).sum()) for g, d in zip(grads, direction))
    worst = rel(analytic, central(direction))

    # The largest entries of the gradient and a few random ones, one coordinate at a time.
    flat_sizes = [p.numel() for p in model.params]
    picks = []
    all_grads = torch.cat([g.flatten() for g in grads])
    picks += torch.topk(all_grads.abs(), min(coordinates, all_grads.numel())).indices.tolist()
    picks += torch.randint(all_grads.numel(), (coordinates,), generator=gen).tolist()
    for k in picks:
        which, offset = 0, k
        while offset >= flat_sizes[which]:
            offset -= flat_sizes[which]
            which += 1
        unit = [torch.zeros(p.shape) for p in model.params]
        unit[which].view(-1)[offset] = 1.0
        worst = max(worst, rel(float(all_grads[k]), central(unit)))

    # The loss against its formula on the output h = z^{L+1} (no stable form, no autograd).
    h, y = model.output(), model.y
    kind = model.loss_type
    if kind == "cross_entropy":
        per = -(y * torch.log(h)).sum(-1)
    elif kind == "cross_entropy_logits":
        per = -(y * (h - torch.logsumexp(h, dim=-1, keepdim=True))).sum(-1)
    elif kind == "binary_cross_entropy":
        per = -(y * torch.log(h) + (1 - y) * torch.log1p(-h)).sum(-1)
    elif kind == "binary_cross_entropy_logits":
        s = torch.sigmoid(h)
        per = -(y * torch.log(s) + (1 - y) * torch.log1p(-s)).sum(-1)
    else:
        d = ((h - y) ** 2).sum(-1)
        per = {"squared_error": d, "half_squared_error": d / 2, "mean_squared_error": d / h.shape[-1]}[kind]
    recomputed = float(per.sum()) / (model.m if model.reduction == "mean" else 1)
    loss_rel = abs(recomputed - loss) / max(abs(loss), 1e-300)
    flat = model.flat_gradient(grads)
    return {
        "loss": loss,
        "gradientNorm": float(flat.norm()),
        "gradientLength": int(flat.numel()),
        "lossFinite": math.isfinite(loss),
        "lossVsFormulaRelative": loss_rel,
        "centralDifferenceWorstRelative": worst,
        "centralDifferenceWorstRawRelative": raw[0],
        "centralDifferenceComparisons": 1 + len(picks),
        "passed": math.isfinite(loss) and loss_rel < 1e-9 and worst < 1e-5,
    }


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def find_openblas():
    """The OpenBLAS that PyTorch loaded (Debian's python3-torch links libblas.so.3, which the
    alternatives system points at OpenBLAS), or None."""
    torch.ones(8, 8) @ torch.ones(8, 8)  # makes sure BLAS is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        paths = set()
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_set_num_threads  # noqa: B018 - raises AttributeError if absent
        except (OSError, AttributeError):
            continue
        lib.openblas_get_config.restype = ctypes.c_char_p
        return path, lib
    return None, None


def set_threads(k, openblas):
    torch.set_num_threads(k)
    if openblas is not None:
        openblas.openblas_set_num_threads(k)


def percentile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def time_step(model, seconds, min_runs, warmup_seconds):
    step = model.step
    # Warm-up: at least 5 calls and about warmup_seconds.
    start = time.perf_counter()
    calls = 0
    while calls < 5 or time.perf_counter() - start < warmup_seconds:
        step()
        calls += 1
    samples = []
    gc_was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        clock = time.perf_counter_ns
        deadline = clock() + int(seconds * 1e9)
        while len(samples) < min_runs or clock() < deadline:
            t0 = clock()
            step()
            samples.append(clock() - t0)
    finally:
        if gc_was_enabled:
            gc.enable()
    us = sorted(s / 1000.0 for s in samples)
    return {
        "medianMicros": statistics.median(us),
        "p10Micros": percentile(us, 0.10),
        "p90Micros": percentile(us, 0.90),
        "meanMicros": statistics.fmean(us),
        "minMicros": us[0],
        "runs": len(us),
        "measuredSeconds": sum(us) / 1e6,
    }


def blas_summary():
    config = torch.__config__.show()
    lines = [line.strip() for line in config.splitlines()]
    blas = [line for line in lines if ("BLAS" in line.upper() or "MKL" in line.upper() or "LAPACK" in line.upper())
            and not line.startswith("- Build settings")]
    build = [line for line in lines if line.startswith("- Build settings")]
    info = {}
    if build:
        for item in build[0].split(","):
            if "=" in item and ("BLAS" in item or "LAPACK" in item or "MKL" in item):
                key, value = item.split("=", 1)
                info[key.strip().removeprefix("- Build settings: ")] = value.strip()
    return blas, info


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


class ForeignLoad:
    """The CPU time that other processes use while we measure, in cores (0 = the machine is ours,
    1 = another process kept one core busy): the machine's busy time from /proc/stat minus this
    process's own CPU time, over the wall time."""

    TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    @classmethod
    def _busy_seconds(cls):
        try:
            with open("/proc/stat") as f:
                fields = [int(v) for v in f.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        # user nice system idle iowait irq softirq steal ...; busy = all but idle and iowait
        return (sum(fields[:8]) - fields[3] - fields[4]) / cls.TICK

    def __init__(self):
        self.busy = self._busy_seconds()
        own = os.times()
        self.own = own.user + own.system
        self.wall = time.monotonic()

    def cores(self):
        busy = self._busy_seconds()
        if busy is None or self.busy is None:
            return None
        own = os.times()
        wall = time.monotonic() - self.wall
        if wall <= 0:
            return 0.0
        return max(0.0, ((busy - self.busy) - (own.user + own.system - self.own)) / wall)


def wait_for_idle(limit_seconds, threshold=0.15, window=1.0):
    """Waits (up to limit_seconds) until other processes use less than `threshold` cores for `window`
    seconds; returns the last reading."""
    deadline = time.monotonic() + limit_seconds
    while True:
        probe = ForeignLoad()
        time.sleep(window)
        cores = probe.cores()
        if cores is None or cores < threshold or time.monotonic() >= deadline:
            return cores


def load_average():
    try:
        return list(os.getloadavg())
    except OSError:
        return None


def measure(args, names, threads):
    """The measurements of one process (one OpenMP wait policy, fixed when torch started)."""
    torch.set_num_interop_threads(1)
    blas_path, openblas = find_openblas()
    blas_lines, blas_build = blas_summary()

    environment = {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "blasBuildSettings": blas_build,
        "blasConfigLines": blas_lines,
        "blasLibrary": blas_path,
        "openblasConfig": openblas.openblas_get_config().decode() if openblas is not None else None,
        "openblasThreadsSetWithTorch": openblas is not None,
        "parallelInfo": [line.strip() for line in torch.__config__.parallel_info().splitlines()
                         if line.strip() and not line.startswith("ATen/Parallel")],
        "threadEnvironment": {v: os.environ.get(v) for v in THREAD_VARIABLES},
        "cpu": cpu_model(),
        "logicalCpus": os.cpu_count(),
        "interopThreads": torch.get_num_interop_threads(),
        "defaultDtype": str(torch.get_default_dtype()),
        "platform": platform.platform(),
    }
    policy = (os.environ.get("OMP_WAIT_POLICY") or "default").lower()
    environment["blasSummary"] = (f"BLAS_INFO={blas_build.get('BLAS_INFO', '?')}, loaded {blas_path or 'none found'}"
                                  + (f" = {environment['openblasConfig']}" if openblas is not None else ""))
    print(f"torch {environment['torch']}, BLAS {blas_build.get('BLAS_INFO', '?')} -> {blas_path or 'none found'}"
          f" ({environment['openblasConfig'] or ''}), CPU {environment['cpu']} x {environment['logicalCpus']}, "
          f"OMP_WAIT_POLICY {policy}", flush=True)

    results = []
    for name in names:
        path = WORKLOADS / f"{name}.json"
        with open(path) as f:
            request = json.load(f)
        model = Model(request)
        set_threads(1, openblas)
        check = check_gradient(model)
        entry = {"workload": name, "samples": model.m,
                 "parameters": sum(p.numel() for p in model.params), "check": check, "timings": []}
        status = "ok" if check["passed"] else "FAILED"
        print(f"{name}: loss {check['loss']:.17g}, |grad| {check['gradientNorm']:.6g}, "
              f"central differences {check['centralDifferenceWorstRawRelative']:.1e} "
              f"({check['centralDifferenceComparisons']} comparisons), "
              f"loss vs formula {check['lossVsFormulaRelative']:.1e}: {status}", flush=True)
        for k in threads:
            set_threads(k, openblas)
            idle_before = wait_for_idle(args.wait_idle) if args.wait_idle > 0 else None
            before = load_average()
            probe = ForeignLoad()
            timing = time_step(model, args.seconds, args.min_runs, args.warmup)
            foreign = probe.cores()
            timing.update(threads=k, ompWaitPolicy=policy, otherProcessesCores=foreign,
                          otherProcessesCoresBefore=idle_before, loadAverageBefore=before,
                          loadAverageAfter=load_average())
            entry["timings"].append(timing)
            warning = f"  [other processes used {foreign:.2f} cores meanwhile]" if foreign and foreign > 0.15 else ""
            print(f"  {k} thread{'s' if k > 1 else ' '}: median {timing['medianMicros']:10.1f} us "
                  f"(p10 {timing['p10Micros']:.1f}, p90 {timing['p90Micros']:.1f}, {timing['runs']} runs){warning}",
                  flush=True)
        results.append(entry)
        del model, request
        gc.collect()
    return {"environment": environment, "results": results}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workloads", default=",".join(ORDER),
                        help="comma-separated names in bench/workloads (default: all six)")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--seconds", type=float, default=2.0, help="least time measured per configuration")
    parser.add_argument("--min-runs", type=int, default=20, help="least runs measured per configuration")
    parser.add_argument("--warmup", type=float, default=0.5, help="seconds of warm-up per configuration")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the JSON file to write")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                        help="before each configuration, wait up to this long for other processes to leave "
                             "the CPU (below 0.15 cores for 1 s); default 0: do not wait")
    parser.add_argument("--omp-wait-policy", default="default,passive",
                        help="comma-separated OpenMP wait policies, each measured in its own process: default "
                             "(the environment's, normally unset: threads spin), passive, active "
                             "(default: default,passive)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    names = [n.strip() for n in args.workloads.split(",") if n.strip()]
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    if args.child:
        Path(args.out).write_text(json.dumps(measure(args, names, threads)))
        return

    policies = [p.strip().lower() for p in args.omp_wait_policy.split(",") if p.strip()]
    runs = []
    for policy in policies:
        if policy not in ("default", "passive", "active"):
            parser.error(f"unknown OpenMP wait policy {policy!r}")
        env = dict(os.environ)
        if policy != "default":
            env["OMP_WAIT_POLICY"] = policy.upper()
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            part = Path(tmp.name)
        command = [sys.executable, str(Path(__file__).resolve()), "--child", "--workloads", ",".join(names),
                   "--threads", ",".join(map(str, threads)), "--seconds", str(args.seconds),
                   "--min-runs", str(args.min_runs), "--warmup", str(args.warmup),
                   "--wait-idle", str(args.wait_idle), "--out", str(part)]
        try:
            subprocess.run(command, env=env, check=True)
            runs.append(json.loads(part.read_text()))
        finally:
            part.unlink(missing_ok=True)
        print()

    # One entry per workload; its timings hold every (wait policy, thread count).
    results = runs[0]["results"]
    for run in runs[1:]:
        for entry, other in zip(results, run["results"]):
            entry["timings"] += other["timings"]
            entry.setdefault("otherChecks", []).append(other["check"])

    header = (f"{'workload':<10} {'OMP wait':>8} {'threads':>7} {'median us':>11} {'p10 us':>11} {'p90 us':>11} "
              f"{'runs':>8} {'others':>7}")
    print(header)
    print("-" * len(header))
    for entry in results:
        for t in entry["timings"]:
            print(f"{entry['workload']:<10} {t['ompWaitPolicy']:>8} {t['threads']:>7} {t['medianMicros']:>11.1f} "
                  f"{t['p10Micros']:>11.1f} {t['p90Micros']:>11.1f} {t['runs']:>8} "
                  f"{t['otherProcessesCores'] or 0:>7.2f}")
    print("(OMP wait: OMP_WAIT_POLICY of the process, default = unset; others: the cores that other processes "
          "kept busy during the measurement)")

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    environment = runs[0]["environment"]
    environment["threadEnvironmentPerPolicy"] = {p: r["environment"]["threadEnvironment"]
                                                 for p, r in zip(policies, runs)}
    document = {
        "description": "PyTorch float64 forward + backward (loss and autograd.grad) per workload, "
                       "tensors built once; times in microseconds",
        "settings": {"seconds": args.seconds, "minRuns": args.min_runs, "warmupSeconds": args.warmup,
                     "threads": threads, "ompWaitPolicies": policies, "gcDisabledWhileTiming": True,
                     "waitIdleSeconds": args.wait_idle,
                     "threadControl": "torch.set_num_threads(k) and openblas_set_num_threads(k); "
                                      "torch.set_num_interop_threads(1)"},
        "environment": environment,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "results": results,
    }
    out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nwrote {out}")
    if not all(entry["check"]["passed"] for entry in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
