#!/usr/bin/env python3
"""Times PyTorch (float64, CPU, one thread) on what v1.1 added, for BENCHMARKS.md beside
AdditionsBenchmark (JMH): per-sample gradients, the vector-Jacobian product and the Jacobian-vector
product, on the benchmark workloads, with the request's tensors already built.

Run from the repository root with Debian's PyTorch (which ships functorch):

    /usr/bin/python3 bench/pytorch_additions_bench.py [--workloads course,mlp-b64,...] [--seconds 2]
        [--out bench/results/pytorch-additions.json]

What is timed, for each workload (bench/workloads/<name>.json):

  mean          the mean loss and its gradient: torch.autograd.grad (as bench/pytorch_bench.py)
  perSampleLoop one autograd.grad per sample, as PyTorch's documentation first shows it
  perSampleVmap functorch.vmap(functorch.grad(loss of one sample)), PyTorch's fast way
  vjp           J_w^T v and J_x^T v of the whole batch for v = ones: autograd.grad with grad_outputs
  jvp           J_w t + J_x u of the first sample for t = ones, u = 0: forward-mode AD (dual numbers)

as AdditionsBenchmark computes them through the service's request model. Before timing, the per-sample
gradients are checked against each other (loop and vmap) and their mean against the mean gradient.
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

import functorch
import torch
import torch.autograd.forward_ad as fwAD
from pytorch_bench import WORKLOADS, Model, find_openblas, set_threads, time_step
from torch_layers import apply_layer

ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = ROOT / "results" / "pytorch-additions.json"
ORDER = ["course", "mlp-b1", "mlp-b64", "deep", "wide"]


class Additions(Model):
    """The request's model with the additions as functions of its leaves."""

    def forward(self, params, x, top):
        layers = self._layers_of(params)
        z = x
        for i in range(top):
            z = apply_layer(self.layers[i], layers[i], z)
        return z

    def _layers_of(self, params):
        out, k = [], 0
        for pair in self.weights:
            if pair is None:
                out.append(None)
            elif pair[1] is None:
                out.append((params[k], None))
                k += 1
            else:
                out.append((params[k], params[k + 1]))
                k += 2
        return out

    def top(self):
        return len(self.layers) - 1 if self.stable_from_logits else len(self.layers)

    def per_sample_loop(self):
        grads = []
        for j in range(self.m):
            loss = self.per_sample_loss(self.forward(self.params, self.x[j:j + 1], self.top()),
                                        self.y[j:j + 1]).sum()
            grads.append(torch.autograd.grad(loss, self.params))
        return grads

    def per_sample_vmap(self):
        top = self.top()

        def one(params, x, y):
            z = self.forward(params, x.unsqueeze(0), top)
            return self.per_sample_loss(z, y.unsqueeze(0)).sum()

        leaves = tuple(p.detach() for p in self.params)
        return functorch.vmap(functorch.grad(one), in_dims=(None, 0, 0))(leaves, self.x, self.y)

    def vjp(self):
        x = self.x.detach().requires_grad_()
        out = self.forward(self.params, x, len(self.layers))
        return torch.autograd.grad(out, list(self.params) + [x], grad_outputs=torch.ones_like(out))

    def jvp(self):
        x = self.x[0:1]
        with fwAD.dual_level():
            duals = [fwAD.make_dual(p.detach(), torch.ones_like(p)) for p in self.params]
            out = self.forward(duals, x, len(self.layers))
            return fwAD.unpack_dual(out).tangent


def check(model):
    loop = model.per_sample_loop()
    vmapped = model.per_sample_vmap()
    loss = model.loss()
    mean = torch.autograd.grad(loss, model.params)
    worst = 0.0
    for k, g in enumerate(mean):
        stacked = torch.stack([grads[k] for grads in loop])
        worst = max(worst, float((stacked - vmapped[k]).abs().max() / (stacked.abs().max() + 1e-300)))
        total = stacked.mean(0) if model.reduction == "mean" else stacked.sum(0)
        worst = max(worst, float((total - g).abs().max() / (g.abs().max() + 1e-300)))
    if worst > 1e-10:
        sys.exit(f"per-sample gradients disagree: {worst:.2e}")
    return worst


class Timed:
    def __init__(self, fn):
        self.step = fn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workloads", default=",".join(ORDER))
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--min-runs", type=int, default=20)
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args()

    torch.set_num_interop_threads(1)
    _, openblas = find_openblas()
    set_threads(1, openblas)
    results = []
    print(f"{'workload':10} {'what':14} {'median µs':>12} {'runs':>7}")
    for name in args.workloads.split(","):
        model = Additions(json.loads((WORKLOADS / f"{name}.json").read_text()))
        worst = check(model)
        for what, fn in [("mean", model.step), ("perSampleLoop", model.per_sample_loop),
                         ("perSampleVmap", model.per_sample_vmap), ("vjp", model.vjp), ("jvp", model.jvp)]:
            timing = time_step(Timed(fn), args.seconds, args.min_runs, warmup_seconds=1.0)
            timing.update(workload=name, what=what, samples=model.m, threads=1, checkedWithin=worst)
            results.append(timing)
            print(f"{name:10} {what:14} {timing['medianMicros']:12.1f} {timing['runs']:7d}", flush=True)
    Path(args.out).write_text(json.dumps({"torch": torch.__version__, "results": results}, indent=2) + "\n")
    print("wrote", args.out, "median of medians", statistics.median(r["medianMicros"] for r in results))


if __name__ == "__main__":
    main()
