"""Generate golden test vectors for the backpropagation REST service.

Produces ``src/test/resources/golden/gradients.json``: a list of cases, each
holding a request exactly as a client would POST it and the values the
service must return (loss, gradient, and for one-sample requests also the
network output, the input gradient and the Jacobian of the output with respect
to the parameters; for batch requests the output of every sample).

Run from the repository root with Debian's PyTorch (python3-torch)::

    /usr/bin/python3 src/test/python/make_golden_vectors.py

The generator is deterministic (fixed seed, double precision, one thread), so
reruns with the same BLAS produce a byte-identical file. PyTorch multiplies
through the system's BLAS, whose summation order shows in the last digits:
the file is made with OpenBLAS (libopenblas0-pthread); the reference BLAS
gives values within 3e-14 relative of it.

Conventions (the service contract):

* A request is a chain of layers g_1..g_L: z^1 = x, z^{i+1} = g_i(w^i; z^i),
  output h_x(w) = z^{L+1}, loss f = l_y(z^{L+1}).
* The parameter vector is w = (w^L; ...; w^1), i.e. LAST LAYER FIRST; the
  gradient and the Jacobian columns use the same order.
* ``linear`` (fields ``outputs``, ``bias`` default true): g = W z + b with W of
  shape outputs x n; w^i = (W flattened row-major; then b if bias).
  All other layers (``sigmoid``, ``tanh``, ``relu``, ``softmax``,
  ``log_softmax``, ``leaky_relu`` [negativeSlope=0.01], ``elu`` [alpha=1.0],
  ``softplus`` [beta=1.0, threshold=20.0], ``silu``) have no parameters;
  omitted optional fields take the defaults shown.
* Kinds added after the first release (``ADDED_ACTIVATIONS``) get cases of
  their own, drawn from a seed of their own, so that the earlier cases stay
  byte-identical.
* Per-sample losses: cross_entropy  -sum y log z (only after a final softmax),
  cross_entropy_logits  -sum y log_softmax(z), squared_error  sum (z-y)^2,
  half_squared_error  1/2 sum (z-y)^2, mean_squared_error  1/K sum (z-y)^2,
  binary_cross_entropy  -sum [y log z + (1-y) log(1-z)] (only after a final
  sigmoid), binary_cross_entropy_logits  the same on sigmoid(z).
  cross_entropy and binary_cross_entropy are evaluated stably from the input
  of the final softmax / sigmoid (log_softmax, logsigmoid), which is
  mathematically identical and stays finite when z underflows.
* A request has either ``x``/``y`` (one sample) or ``samples`` plus
  ``reduction`` ("mean", the default when omitted, or "sum"); the batch loss
  and gradient are the mean / sum of the per-sample ones.
* Parameters are given either per linear layer (``"parameters"`` inside the
  layer) or as one top-level ``"parameters"`` array holding w = (w^L; ...; w^1).
"""

import json
import math
import random
from collections import Counter
from pathlib import Path

import torch
import torch.nn.functional as F

SEED = 20240917
NUM_RANDOM_CASES = 180
GENERATOR = "src/test/python/make_golden_vectors.py"
REPO_ROOT = Path(__file__).resolve().parents[3]
OUTPUT_FILE = REPO_ROOT / "src" / "test" / "resources" / "golden" / "gradients.json"

ACTIVATIONS = ["sigmoid", "tanh", "relu", "softmax", "log_softmax",
               "leaky_relu", "elu", "softplus"]
ADDED_ACTIVATIONS = ["silu"]
ADDED_CASES = 20       # cases containing each added kind
LAYER_TYPES = ["linear"] + ACTIVATIONS + ADDED_ACTIVATIONS
KINKED = {"relu", "leaky_relu", "elu"}          # non-differentiable at 0
LOSSES = ["cross_entropy", "cross_entropy_logits", "squared_error",
          "half_squared_error", "mean_squared_error",
          "binary_cross_entropy", "binary_cross_entropy_logits"]
REQUIRED_LAST_LAYER = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}
SIMPLEX_LOSSES = {"cross_entropy", "cross_entropy_logits"}
BINARY_LOSSES = {"binary_cross_entropy", "binary_cross_entropy_logits"}
DEFAULTS = {"bias": True, "negativeSlope": 0.01, "alpha": 1.0,
            "beta": 1.0, "threshold": 20.0}
OPTIONAL_FIELDS = {"linear": ["bias"], "leaky_relu": ["negativeSlope"],
                   "elu": ["alpha"], "softplus": ["beta", "threshold"]}
KINK_MARGIN = 1e-3     # keep kink inputs (and softplus beta*z - threshold) this far from 0
MODES = ["single", "mean", "mean-default", "sum"]
FORMS = ["per-layer", "flat"]


def option(layer, name):
    """Value of an optional layer field, applying the documented default."""
    return layer.get(name, DEFAULTS[name])


# --------------------------------------------------------------------------
# Parameter layout
# --------------------------------------------------------------------------

def input_widths(layers, d):
    """Widths n_1..n_{L+1} of z^1..z^{L+1} for input width d."""
    widths = [d]
    for layer in layers:
        widths.append(layer["outputs"] if layer["type"] == "linear" else widths[-1])
    return widths


def parameter_sizes(layers, d):
    """Number of parameters r_i of every layer (0 for non-linear layers)."""
    sizes = []
    for layer, n in zip(layers, input_widths(layers, d)):
        if layer["type"] == "linear":
            m = layer["outputs"]
            sizes.append(m * n + (m if option(layer, "bias") else 0))
        else:
            sizes.append(0)
    return sizes


def split_parameters(w, sizes):
    """Split w = (w^L; ...; w^1) into per-layer vectors [w^1, ..., w^L]."""
    parts = [None] * len(sizes)
    offset = 0
    for i in reversed(range(len(sizes))):
        parts[i] = w[offset:offset + sizes[i]]
        offset += sizes[i]
    assert offset == w.shape[0], "parameter vector has the wrong length"
    return parts


def join_parameters(parts):
    """Concatenate per-layer vectors [w^1, ..., w^L] into w = (w^L; ...; w^1)."""
    return torch.cat(list(reversed(parts))) if parts else torch.zeros(0)


# --------------------------------------------------------------------------
# Forward pass and loss
# --------------------------------------------------------------------------

class AccurateSigmoid(torch.autograd.Function):
    """sigmoid, with the derivative computed as e^{-|z|} / (1 + e^{-|z|})^2.

    PyTorch's own backward, y (1 - y), loses the relative precision of the
    derivative where y rounds towards 1 (z above about 20): 1 - y then keeps
    only the digits that y does not. The formula here is exact to rounding
    for every z, so the vectors stay an oracle to double precision.
    """

    @staticmethod
    def forward(ctx, z):
        ctx.save_for_backward(z)
        return torch.sigmoid(z)

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        e = torch.exp(-z.abs())
        return grad * e / (1 + e) ** 2


class AccurateTanh(torch.autograd.Function):
    """tanh, with the derivative computed as 4 e^{-2|z|} / (1 + e^{-2|z|})^2.

    PyTorch's backward, 1 - y^2, cancels where |y| is near 1 (|z| above about
    10) and keeps only about 16 - log10(1 / (1 - y^2)) correct digits.
    """

    @staticmethod
    def forward(ctx, z):
        ctx.save_for_backward(z)
        return torch.tanh(z)

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        e = torch.exp(-2 * z.abs())
        return grad * 4 * e / (1 + e) ** 2


def apply_layer(layer, p, z):
    kind = layer["type"]
    if kind == "linear":
        m, n = layer["outputs"], z.shape[0]
        out = p[:m * n].reshape(m, n) @ z
        return out + p[m * n:] if option(layer, "bias") else out
    if kind == "sigmoid":
        return AccurateSigmoid.apply(z)
    if kind == "tanh":
        return AccurateTanh.apply(z)
    if kind == "relu":
        return F.relu(z)
    if kind == "softmax":
        return torch.softmax(z, dim=0)
    if kind == "log_softmax":
        return torch.log_softmax(z, dim=0)
    if kind == "leaky_relu":
        return F.leaky_relu(z, option(layer, "negativeSlope"))
    if kind == "elu":
        return F.elu(z, option(layer, "alpha"))
    if kind == "softplus":
        return F.softplus(z, option(layer, "beta"), option(layer, "threshold"))
    if kind == "silu":
        return F.silu(z)
    raise ValueError(kind)


def forward(layers, parts, x):
    """All activations [z^1 = x, ..., z^{L+1}]."""
    zs = [x]
    for layer, p in zip(layers, parts):
        zs.append(apply_layer(layer, p, zs[-1]))
    return zs


def sample_loss(loss, zs, y):
    """Per-sample loss l_y(z^{L+1}); zs are all activations of the sample."""
    z = zs[-1]
    if loss == "cross_entropy":
        # z = softmax(t): -sum y log z == -sum y log_softmax(t), without log(0).
        return -(y * torch.log_softmax(zs[-2], dim=0)).sum()
    if loss == "cross_entropy_logits":
        return -(y * torch.log_softmax(z, dim=0)).sum()
    if loss == "squared_error":
        return ((z - y) ** 2).sum()
    if loss == "half_squared_error":
        return 0.5 * ((z - y) ** 2).sum()
    if loss == "mean_squared_error":
        return ((z - y) ** 2).sum() / z.shape[0]
    if loss == "binary_cross_entropy":
        # z = sigmoid(t): log z = logsigmoid(t), log(1 - z) = logsigmoid(-t).
        logits = zs[-2]
        return -(y * F.logsigmoid(logits) + (1 - y) * F.logsigmoid(-logits)).sum()
    if loss == "binary_cross_entropy_logits":
        return F.binary_cross_entropy_with_logits(z, y, reduction="sum")
    raise ValueError(loss)


def naive_loss(loss, z, y):
    """Textbook formula on the output itself (may be inf/nan when z saturates)."""
    if loss == "cross_entropy":
        return float(-(y * torch.log(z)).sum())
    if loss == "binary_cross_entropy":
        return float(-(y * torch.log(z) + (1 - y) * torch.log(1 - z)).sum())
    return None


# --------------------------------------------------------------------------
# Random data
# --------------------------------------------------------------------------

class Sampler:
    """Seeded source of discrete choices (random.Random) and doubles (torch)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.gen = torch.Generator().manual_seed(seed)

    def normal(self, n, scale=1.0):
        return torch.randn(n, generator=self.gen) * scale

    def uniform(self, n):
        return torch.rand(n, generator=self.gen)

    def simplex(self, k):
        if self.rng.random() < 0.4:
            y = torch.zeros(k)
            y[self.rng.randrange(k)] = 1.0
            return y
        e = -torch.log1p(-self.uniform(k))        # Exp(1) draws -> Dirichlet(1,..,1)
        e = e ** self.rng.choice([0.5, 1.0, 2.0])  # vary how peaked it is
        y = e / e.sum()
        assert abs(float(y.sum()) - 1.0) < 1e-12
        return y

    def binary_target(self, k):
        y = self.uniform(k)
        for j in range(k):
            u = self.rng.random()
            if u < 0.15:
                y[j] = 0.0
            elif u < 0.3:
                y[j] = 1.0
        return y

    def target(self, loss, k):
        if loss in SIMPLEX_LOSSES:
            return self.simplex(k)
        if loss in BINARY_LOSSES:
            return self.binary_target(k)
        return self.normal(k)


# --------------------------------------------------------------------------
# Random networks
# --------------------------------------------------------------------------

def random_linear(s):
    layer = {"type": "linear", "outputs": s.rng.randint(1, 6)}
    bias = s.rng.choice(["omit", True, False])
    if bias != "omit":
        layer["bias"] = bias
    return layer


def random_activation(s, kind):
    """An activation layer; optional fields are sometimes omitted (defaults)."""
    layer = {"type": kind}
    if kind == "leaky_relu" and s.rng.random() < 0.5:
        layer["negativeSlope"] = s.rng.choice([0.05, 0.1, 0.2, 0.3])
    elif kind == "elu" and s.rng.random() < 0.5:
        layer["alpha"] = s.rng.choice([0.3, 0.5, 1.5, 2.0])
    elif kind == "softplus":
        if s.rng.random() < 0.5:
            layer["beta"] = s.rng.choice([0.5, 2.0, 3.0])
        if s.rng.random() < 0.6:
            layer["threshold"] = s.rng.choice([0.5, 1.0, 2.0])
    return layer


def random_layers(s, loss, depth, with_linear, activations=ACTIVATIONS):
    """Random chain of `depth` layers compatible with `loss`.

    A kinked activation never directly follows relu (whose output has exact
    zeros); cross_entropy / binary_cross_entropy force a final softmax / sigmoid.
    """
    final = REQUIRED_LAST_LAYER.get(loss)
    body = depth - (1 if final else 0)
    if with_linear:
        body = max(body, 1)
    kinds = []
    for _ in range(body):
        if with_linear and s.rng.random() < 0.45:
            kinds.append("linear")
            continue
        allowed = [a for a in activations
                   if not (kinds and kinds[-1] == "relu" and a in KINKED)]
        kinds.append(s.rng.choice(allowed))
    if with_linear and "linear" not in kinds:
        kinds[s.rng.randrange(body)] = "linear"
    if final:
        kinds.append(final)
    return [random_linear(s) if k == "linear" else random_activation(s, k)
            for k in kinds]


def draw_instance(s, layers, loss, d, batch, scaled_layer=None, scale=1.0,
                  target="random"):
    """Random parameters (per layer) and samples for a fixed architecture."""
    parts = [s.normal(r) for r in parameter_sizes(layers, d)]
    if scaled_layer is not None:
        parts[scaled_layer] = parts[scaled_layer] * scale
    k = input_widths(layers, d)[-1]
    samples = []
    for _ in range(batch):
        x = s.normal(d)
        if target == "argmin":          # put all mass on the least likely class
            out = forward(layers, parts, x)[-1]
            y = torch.zeros(k)
            y[int(torch.argmin(out))] = 1.0
        else:
            y = s.target(loss, k)
        samples.append((x, y))
    return parts, samples


def away_from_kinks(layers, parts, samples):
    """True if no relu/leaky_relu/elu input and no softplus switch is near a kink."""
    with torch.no_grad():
        for x, _ in samples:
            zs = forward(layers, parts, x)
            for layer, z in zip(layers, zs):
                if layer["type"] in KINKED and float(z.abs().min()) < KINK_MARGIN:
                    return False
                if layer["type"] == "softplus":
                    gap = option(layer, "beta") * z - option(layer, "threshold")
                    if float(gap.abs().min()) < KINK_MARGIN:
                        return False
    return True


# --------------------------------------------------------------------------
# Expected values and case assembly
# --------------------------------------------------------------------------

def evaluate(layers, loss, w, samples, reduction, single):
    """Oracle: loss, gradient (order of w) and outputs / Jacobian."""
    d = samples[0][0].shape[0]
    sizes = parameter_sizes(layers, d)
    w = w.detach().clone().requires_grad_(True)
    parts = split_parameters(w, sizes)
    losses, outputs = [], []
    for x, y in samples:
        zs = forward(layers, parts, x)
        losses.append(sample_loss(loss, zs, y))
        outputs.append(zs[-1].detach())
    total = torch.stack(losses).sum()
    if reduction == "mean":
        total = total / len(samples)
    if total.requires_grad:
        (grad,) = torch.autograd.grad(total, w)
    else:                                 # no linear layer: w is empty
        grad = torch.zeros_like(w)
    expected = {"loss": float(total), "gradient": grad.tolist()}
    if not single:
        expected["outputs"] = [o.tolist() for o in outputs]
        return expected

    x0, y0 = samples[0]
    x = x0.clone().requires_grad_(True)
    zs = forward(layers, split_parameters(w.detach(), sizes), x)
    (grad_x,) = torch.autograd.grad(sample_loss(loss, zs, y0), x)
    jac = torch.autograd.functional.jacobian(
        lambda v: forward(layers, split_parameters(v, sizes), x0)[-1], w.detach())
    expected["output"] = outputs[0].tolist()
    expected["inputGradient"] = grad_x.tolist()
    expected["jacobian"] = jac.tolist()
    check_jacobian_against_gradient(loss, zs, y0, jac, grad)
    return expected


def check_jacobian_against_gradient(loss, zs, y, jac, grad):
    """Chain rule self-check: gradient == J^T dl/dz (losses defined on z)."""
    if loss in REQUIRED_LAST_LAYER:
        return
    z = zs[-1].detach().clone().requires_grad_(True)
    (dl_dz,) = torch.autograd.grad(sample_loss(loss, zs[:-1] + [z], y), z)
    assert torch.allclose(jac.T @ dl_dz, grad, rtol=1e-9, atol=1e-11)


def check_stable_loss(loss, samples, outputs, reduction, value):
    """Where the textbook formula is finite, it must agree with the oracle."""
    naive = [naive_loss(loss, torch.tensor(o), y) for o, (_, y) in zip(outputs, samples)]
    if naive[0] is None or not all(math.isfinite(v) for v in naive):
        return
    total = sum(naive) / (len(naive) if reduction == "mean" else 1)
    assert abs(total - value) <= 1e-6 * max(1.0, abs(value)), (total, value)


def build_case(name, layers, loss, parts, samples, mode, form):
    """Request (exactly what a client POSTs) plus expected values."""
    request_layers = []
    for layer, p in zip(layers, parts):
        layer = dict(layer)
        if form == "per-layer" and layer["type"] == "linear":
            layer["parameters"] = p.tolist()
        request_layers.append(layer)
    request = {"layers": request_layers, "loss": {"type": loss}}
    if form == "flat":
        request["parameters"] = join_parameters(parts).tolist()
    single = mode == "single"
    if single:
        assert len(samples) == 1
        request["x"] = samples[0][0].tolist()
        request["y"] = samples[0][1].tolist()
    else:
        request["samples"] = [{"x": x.tolist(), "y": y.tolist()} for x, y in samples]
        if mode != "mean-default":
            request["reduction"] = mode
    reduction = "sum" if mode == "sum" else "mean"
    expected = evaluate(layers, loss, join_parameters(parts), samples, reduction, single)
    outputs = [expected["output"]] if single else expected["outputs"]
    check_stable_loss(loss, samples, outputs, reduction, expected["loss"])
    return {"name": name, "request": request, "expected": expected}


def describe(prefix, layers, loss, mode, batch, form):
    if mode == "single":
        samples = "single"
    else:
        samples = "batch%d %s" % (batch, "mean(default)" if mode == "mean-default" else mode)
    kinds = ",".join(layer["type"] for layer in layers)
    return "%s depth%d %s %s %s %s" % (prefix, len(layers), kinds, loss, samples, form)


def random_case(s, index, activations=ACTIVATIONS, prefix="case", kind=None):
    """A random case; with ``kind``, one whose layers include that kind."""
    loss = LOSSES[index % len(LOSSES)]
    with_linear = s.rng.random() > 0.05
    mode = s.rng.choices(MODES, weights=[40, 20, 15, 25])[0]
    batch = 1 if mode == "single" else s.rng.randint(2, 5)
    form = s.rng.choice(FORMS)
    while True:
        depth = s.rng.randint(1, 5)
        d = s.rng.randint(1, 6)
        layers = random_layers(s, loss, depth, with_linear, activations)
        if kind is not None and kind not in [layer["type"] for layer in layers]:
            continue
        for _ in range(20):
            parts, samples = draw_instance(s, layers, loss, d, batch)
            if away_from_kinks(layers, parts, samples):
                name = describe("%s-%03d" % (prefix, index), layers, loss, mode, batch, form)
                return build_case(name, layers, loss, parts, samples, mode, form)


# --------------------------------------------------------------------------
# Stress cases: huge logits / saturated softmax and sigmoid
# --------------------------------------------------------------------------

def lin(outputs, bias=None):
    layer = {"type": "linear", "outputs": outputs}
    if bias is not None:
        layer["bias"] = bias
    return layer


STRESS_SPECS = [
    # layers, loss, d, index of the scaled linear layer, scale, mode, batch, form, target, requirement
    ([lin(3), {"type": "softmax"}], "cross_entropy", 4, 0, 200.0, "single", 1, "per-layer", "argmin", "softmax_zero"),
    ([lin(4, False), {"type": "softmax"}], "cross_entropy", 3, 0, 200.0, "sum", 3, "flat", "random", "softmax_zero"),
    ([lin(6, False), {"type": "softmax"}], "cross_entropy", 5, 0, 150.0, "single", 1, "flat", "argmin", "softmax_zero"),
    ([{"type": "tanh"}, lin(5), {"type": "softmax"}], "cross_entropy", 2, 1, 150.0, "mean", 2, "flat", "random", None),
    ([lin(4), {"type": "log_softmax"}], "cross_entropy_logits", 3, 0, 100.0, "single", 1, "per-layer", "argmin", None),
    ([lin(5)], "cross_entropy_logits", 4, 0, 150.0, "mean-default", 4, "per-layer", "argmin", None),
    ([lin(4, True), {"type": "log_softmax"}], "mean_squared_error", 3, 0, 30.0, "single", 1, "flat", "random", None),
    ([lin(3)], "binary_cross_entropy_logits", 2, 0, 80.0, "single", 1, "flat", "random", None),
    ([lin(2, False)], "binary_cross_entropy_logits", 5, 0, 120.0, "sum", 3, "per-layer", "random", None),
    ([lin(3), {"type": "sigmoid"}], "binary_cross_entropy", 3, 0, 60.0, "single", 1, "per-layer", "random", "sigmoid_saturated"),
    ([{"type": "elu"}, lin(4), {"type": "sigmoid"}], "binary_cross_entropy", 2, 1, 200.0, "mean", 5, "flat", "random", "sigmoid_saturated"),
    ([lin(3), {"type": "softmax"}, lin(2)], "half_squared_error", 3, 0, 100.0, "single", 1, "per-layer", "random", None),
]


def saturated(requirement, layers, parts, samples):
    """Does the naive formula on the output really underflow (log 0)?"""
    if requirement is None:
        return True
    with torch.no_grad():
        for x, y in samples:
            z = forward(layers, parts, x)[-1]
            if requirement == "softmax_zero" and bool(((z == 0) & (y > 0)).any()):
                return True
            if requirement == "sigmoid_saturated" and bool(
                    (((z == 1) & (y < 1)) | ((z == 0) & (y > 0))).any()):
                return True
    return False


def stress_cases(s):
    cases = []
    for i, spec in enumerate(STRESS_SPECS, start=1):
        layers, loss, d, scaled, scale, mode, batch, form, target, requirement = spec
        while True:
            parts, samples = draw_instance(s, layers, loss, d, batch, scaled, scale, target)
            if (away_from_kinks(layers, parts, samples)
                    and saturated(requirement, layers, parts, samples)):
                break
        name = describe("stress-%02d" % i, layers, loss, mode, batch, form) + " scale%g" % scale
        cases.append(build_case(name, layers, loss, parts, samples, mode, form))
    return cases


# --------------------------------------------------------------------------
# Fixed hand-checkable cases
# --------------------------------------------------------------------------

def t(*values):
    return torch.tensor(values, dtype=torch.float64)


def assert_close(actual, expected, what):
    actual = actual if isinstance(actual, list) else [actual]
    expected = expected if isinstance(expected, (list, tuple)) else [expected]
    assert len(actual) == len(expected), (what, actual, expected)
    for a, e in zip(actual, expected):
        assert abs(a - e) <= 1e-9, (what, actual, expected)


def course_cases():
    cases = []

    # (1) one linear unit with bias, squared error.
    layers = [lin(1, True)]
    c = build_case("course-1 linear1 bias squared_error single per-layer",
                   layers, "squared_error", [t(0.5, -1.0, 0.25)],
                   [(t(1.0, 2.0), t(3.0))], "single", "per-layer")
    assert_close(c["expected"]["output"], [-1.25], "course-1 output")
    assert_close(c["expected"]["loss"], 18.0625, "course-1 loss")
    assert_close(c["expected"]["gradient"], [-8.5, -17.0, -8.5], "course-1 gradient")
    cases.append(c)

    # (2) linear 3 (no bias), softmax, cross entropy; checked against (p - y) x^T.
    w_rows = [[0.1, -0.2, 0.3], [0.0, 0.5, -0.1], [-0.3, 0.2, 0.2]]
    x, y = [1.0, 2.0, -1.0], [0.0, 1.0, 0.0]
    c = build_case("course-2 linear3 nobias,softmax cross_entropy single per-layer",
                   [lin(3, False), {"type": "softmax"}], "cross_entropy",
                   [t(*sum(w_rows, [])), torch.zeros(0)], [(t(*x), t(*y))],
                   "single", "per-layer")
    logits = [sum(wj * xj for wj, xj in zip(row, x)) for row in w_rows]
    norm = sum(math.exp(v) for v in logits)
    p = [math.exp(v) / norm for v in logits]
    assert_close(c["expected"]["loss"], -math.log(p[1]), "course-2 loss")
    assert_close(c["expected"]["gradient"],
                 [(p[k] - y[k]) * xj for k in range(3) for xj in x], "course-2 gradient")
    cases.append(c)

    # (3) linear, sigmoid, linear, softmax, cross entropy; flat parameters (W2; W1).
    w1, w2 = t(0.0, 1.0, -1.0, 2.0, 0.0, 1.0), t(-1.0, 0.0, 2.0, -1.0)
    layers = [lin(2, False), {"type": "sigmoid"}, lin(2, False), {"type": "softmax"}]
    c = build_case("course-3 linear2,sigmoid,linear2,softmax cross_entropy single flat",
                   layers, "cross_entropy", [w1, torch.zeros(0), w2, torch.zeros(0)],
                   [(t(1.0, 0.0, -1.0), t(0.0, 1.0))], "single", "flat")
    assert c["request"]["parameters"] == [-1.0, 0.0, 2.0, -1.0, 0.0, 1.0, -1.0, 2.0, 0.0, 1.0]
    assert_close(c["expected"]["loss"], 0.2084319558, "course-3 loss")
    assert_close(c["expected"]["gradient"],
                 [0.1375440842, 0.1375440842, -0.1375440842, -0.1375440842,
                  -0.1109739045, 0.0, 0.1109739045, 0.0369913015, 0.0, -0.0369913015],
                 "course-3 gradient")
    cases.append(c)

    # (4) zero weights, softmax, cross entropy, two samples, mean and sum.
    layers = [lin(3, False), {"type": "softmax"}]
    samples = [(t(1.0, 2.0), t(0.0, 0.0, 1.0)), (t(4.0, -1.0), t(1.0, 0.0, 0.0))]
    mean_gradient = [-7 / 6, 2 / 3, 5 / 6, 1 / 6, 1 / 3, -5 / 6]
    for mode, form, factor in [("mean", "per-layer", 1.0), ("sum", "flat", 2.0)]:
        c = build_case("course-4 linear3 nobias zero,softmax cross_entropy batch2 %s %s"
                       % (mode, form), layers, "cross_entropy",
                       [torch.zeros(6), torch.zeros(0)], samples, mode, form)
        assert_close(c["expected"]["loss"], factor * math.log(3.0), "course-4 loss")
        assert_close(c["expected"]["gradient"], [factor * g for g in mean_gradient],
                     "course-4 gradient")
        cases.append(c)

    # (5) two linear layers, half squared error.
    layers = [lin(2, False), lin(2, False)]
    c = build_case("course-5 linear2,linear2 half_squared_error single per-layer",
                   layers, "half_squared_error", [w1, w2],
                   [(t(1.0, 0.0, -1.0), t(0.0, 1.0))], "single", "per-layer")
    assert_close(c["expected"]["loss"], 0.5, "course-5 loss")
    assert_close(c["expected"]["gradient"],
                 [-1.0, -1.0, 0.0, 0.0, 1.0, 0.0, -1.0, 0.0, 0.0, 0.0], "course-5 gradient")
    assert_close(c["expected"]["inputGradient"], [0.0, 1.0, -1.0], "course-5 input gradient")
    cases.append(c)
    return cases


# --------------------------------------------------------------------------
# Coverage summary and main
# --------------------------------------------------------------------------

def case_mode(request):
    if "x" in request:
        return "single"
    return request.get("reduction", "mean-default")


def coverage(cases):
    """Count what the cases exercise and assert the minimum coverage."""
    layer_counts, cases_with_layer = Counter(), Counter()
    counts = {"loss": Counter(), "form": Counter(), "mode": Counter(), "depth": Counter()}
    extra = Counter()
    for case in cases:
        req = case["request"]
        kinds = [layer["type"] for layer in req["layers"]]
        layer_counts.update(kinds)
        cases_with_layer.update(set(kinds))
        counts["loss"][req["loss"]["type"]] += 1
        counts["form"]["flat" if "parameters" in req else "per-layer"] += 1
        counts["mode"][case_mode(req)] += 1
        counts["depth"][len(kinds)] += 1
        extra["no linear layer"] += "linear" not in kinds
        extra["linear without bias"] += sum(1 for l in req["layers"] if l.get("bias") is False)
        for l in req["layers"]:
            for field in OPTIONAL_FIELDS.get(l["type"], ()):
                extra["%s.%s %s" % (l["type"], field, "given" if field in l else "omitted")] += 1
    extra["softplus above threshold"] = softplus_above_threshold(cases)
    for kind in LAYER_TYPES:
        assert cases_with_layer[kind] >= 15, ("layer type", kind)
    for loss in LOSSES:
        assert counts["loss"][loss] >= 15, ("loss", loss)
    for key in ("single", "mean", "mean-default", "sum"):
        assert counts["mode"][key] >= 15, ("mode", key)
    assert set(counts["depth"]) >= {1, 2, 3, 4, 5}
    assert extra["no linear layer"] >= 3 and extra["linear without bias"] >= 15
    assert extra["softplus above threshold"] >= 5
    return layer_counts, cases_with_layer, counts, extra


def softplus_above_threshold(cases):
    """Number of softplus layers where beta*z > threshold for some sample entry."""
    found = 0
    for case in cases:
        req = case["request"]
        if not any(l["type"] == "softplus" for l in req["layers"]):
            continue
        xs = [req["x"]] if "x" in req else [sample["x"] for sample in req["samples"]]
        layers = [{k: v for k, v in l.items() if k != "parameters"} for l in req["layers"]]
        sizes = parameter_sizes(layers, len(xs[0]))
        w = (t(*req["parameters"]) if "parameters" in req else
             join_parameters([t(*l.get("parameters", [])) for l in req["layers"]]))
        zss = [forward(layers, split_parameters(w, sizes), t(*x)) for x in xs]
        for i, layer in enumerate(layers):
            if layer["type"] == "softplus":
                beta, threshold = option(layer, "beta"), option(layer, "threshold")
                found += any(bool((beta * zs[i] > threshold).any()) for zs in zss)
    return found


# --------------------------------------------------------------------------
# Additions (v1.1): parameter order, class labels, per-sample gradients,
# vector-Jacobian and Jacobian-vector products. Written to ADDITIONS_FILE as
# cases {name, endpoint, request, expected}: every expected field is a number,
# a vector or a list of vectors that the answer must hold.
# --------------------------------------------------------------------------

ADDITIONS_FILE = OUTPUT_FILE.parent / "additions.json"
ADDITIONS_SEED = SEED + 100
ALL_ACTIVATIONS = ACTIVATIONS + ADDED_ACTIVATIONS
TORCH_MODULES = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU,
                 "silu": torch.nn.SiLU, "softmax": lambda: torch.nn.Softmax(dim=0),
                 "log_softmax": lambda: torch.nn.LogSoftmax(dim=0)}


def first_layer_first(parts):
    """w = (w^1; ...; w^L), PyTorch's parameters_to_vector order."""
    return torch.cat(list(parts)) if parts else torch.zeros(0)


def split_first_first(w, sizes):
    parts, offset = [], 0
    for r in sizes:
        parts.append(w[offset:offset + r])
        offset += r
    return parts


def torch_module(layer, p, n):
    """The torch.nn module of a layer, with the parameters p (rows of W, then b)."""
    kind = layer["type"]
    if kind == "linear":
        m, bias = layer["outputs"], option(layer, "bias")
        module = torch.nn.Linear(n, m, bias=bias).double()
        with torch.no_grad():
            module.weight.copy_(p[:m * n].reshape(m, n))
            if bias:
                module.bias.copy_(p[m * n:])
        return module
    if kind == "leaky_relu":
        return torch.nn.LeakyReLU(option(layer, "negativeSlope"))
    if kind == "elu":
        return torch.nn.ELU(option(layer, "alpha"))
    if kind == "softplus":
        return torch.nn.Softplus(option(layer, "beta"), option(layer, "threshold"))
    return TORCH_MODULES[kind]()


def instance(s, loss, batch, activations=ALL_ACTIVATIONS, with_linear=True):
    """A random network (away from kinks) with parameters and samples."""
    while True:
        layers = random_layers(s, loss, s.rng.randint(1, 4), with_linear, activations)
        d = s.rng.randint(1, 5)
        for _ in range(20):
            parts, samples = draw_instance(s, layers, loss, d, batch)
            if away_from_kinks(layers, parts, samples):
                return layers, parts, samples, d


def request_layers(layers, parts, form):
    out = []
    for layer, p in zip(layers, parts):
        layer = dict(layer)
        if form == "per-layer" and layer["type"] == "linear":
            layer["parameters"] = p.tolist()
        out.append(layer)
    return out


def vector(parts, order):
    return first_layer_first(parts) if order == "first-layer-first" else join_parameters(parts)


def split(w, sizes, order):
    return split_first_first(w, sizes) if order == "first-layer-first" else split_parameters(w, sizes)


def order_cases(s):
    """The gradient and the Jacobian in PyTorch's order, checked against parameters_to_vector."""
    cases = []
    for i in range(1, 21):
        loss = LOSSES[i % len(LOSSES)]
        mode = ["single", "mean", "sum"][i % 3]
        batch = 1 if mode == "single" else s.rng.randint(2, 4)
        layers, parts, samples, d = instance(s, loss, batch)
        widths = input_widths(layers, d)
        model = torch.nn.Sequential(*[torch_module(l, p, n) for l, p, n in zip(layers, parts, widths)])
        w = torch.nn.utils.parameters_to_vector(model.parameters()).detach()
        assert torch.equal(w, first_layer_first(parts)), "the layout within a layer is PyTorch's"
        form = "flat" if i % 2 else "per-layer"
        request = {"layers": request_layers(layers, parts, form), "loss": {"type": loss},
                   "order": "first-layer-first"}
        if form == "flat":
            request["parameters"] = w.tolist()
        if mode == "single":
            request["x"], request["y"] = samples[0][0].tolist(), samples[0][1].tolist()
        else:
            request["samples"] = [{"x": x.tolist(), "y": y.tolist()} for x, y in samples]
            request["reduction"] = mode
        sizes = parameter_sizes(layers, d)
        wg = w.clone().requires_grad_(True)
        ps = split_first_first(wg, sizes)
        total = torch.stack([sample_loss(loss, forward(layers, ps, x), y) for x, y in samples]).sum()
        if mode != "sum":
            total = total / len(samples)
        (grad,) = torch.autograd.grad(total, wg)
        name = describe("order-%03d" % i, layers, loss, mode, batch, form)
        cases.append({"name": name, "endpoint": "/gradient", "request": request,
                      "expected": {"loss": float(total), "gradient": grad.tolist()}})
        if mode == "single":
            jac = torch.autograd.functional.jacobian(
                lambda v: forward(layers, split_first_first(v, sizes), samples[0][0])[-1], w)
            jrequest = {k: v for k, v in request.items() if k not in ("loss", "y")}
            cases.append({"name": name.replace("order-", "order-jacobian-"), "endpoint": "/jacobian",
                          "request": jrequest, "expected": {"jacobian": jac.tolist()}})
    return cases


def label_cases(s):
    """Class-index labels against one-hot targets."""
    cases = []
    for i in range(1, 17):
        loss = ["cross_entropy", "cross_entropy_logits"][i % 2]
        mode = ["single", "mean", "sum", "none"][i % 4]
        batch = 1 if mode == "single" else s.rng.randint(2, 5)
        layers, parts, samples, d = instance(s, loss, batch)
        k = input_widths(layers, d)[-1]
        classes = [s.rng.randrange(k) for _ in samples]
        samples = [(x, torch.nn.functional.one_hot(torch.tensor(c), k).double()) for (x, _), c in zip(samples, classes)]
        request = {"layers": request_layers(layers, parts, "flat"), "loss": {"type": loss},
                   "parameters": join_parameters(parts).tolist()}
        if mode == "single":
            request["x"], request["label"] = samples[0][0].tolist(), classes[0]
        else:
            request["samples"] = [{"x": x.tolist(), "label": c} for (x, _), c in zip(samples, classes)]
            request["reduction"] = mode
        expected = per_sample(layers, loss, parts, samples, "last-layer-first") if mode == "none" else \
            {key: value for key, value in evaluate(layers, loss, join_parameters(parts), samples,
                                                    "sum" if mode == "sum" else "mean", mode == "single").items()
             if key in ("loss", "gradient", "output")}
        cases.append({"name": describe("label-%03d" % i, layers, loss, mode, batch, "flat"),
                      "endpoint": "/gradient", "request": request, "expected": expected})
    return cases


def per_sample(layers, loss, parts, samples, order):
    """Every sample's loss and gradient by its own torch.autograd.grad, and their means."""
    d = samples[0][0].shape[0]
    sizes = parameter_sizes(layers, d)
    losses, gradients = [], []
    for x, y in samples:
        w = vector(parts, order).clone().requires_grad_(True)
        l = sample_loss(loss, forward(layers, split(w, sizes, order), x), y)
        (g,) = torch.autograd.grad(l, w) if l.requires_grad else (torch.zeros_like(w),)
        losses.append(float(l))
        gradients.append(g)
    mean = torch.stack(gradients).mean(dim=0)
    return {"loss": sum(losses) / len(losses), "gradient": mean.tolist(),
            "losses": losses, "gradients": [g.tolist() for g in gradients]}


def none_cases(s):
    """reduction none against a per-sample loop of torch.autograd.grad."""
    cases = []
    for i in range(1, 22):
        loss = LOSSES[i % len(LOSSES)]
        order = "first-layer-first" if i % 3 == 0 else "last-layer-first"
        batch = s.rng.randint(2, 6)
        layers, parts, samples, d = instance(s, loss, batch)
        request = {"layers": request_layers(layers, parts, "flat"), "loss": {"type": loss},
                   "parameters": vector(parts, order).tolist(), "reduction": "none",
                   "samples": [{"x": x.tolist(), "y": y.tolist()} for x, y in samples]}
        if order != "last-layer-first":
            request["order"] = order
        cases.append({"name": describe("none-%03d" % i, layers, loss, "none", batch, order),
                      "endpoint": "/gradient", "request": request,
                      "expected": per_sample(layers, loss, parts, samples, order)})
    return cases


def vjp_cases(s):
    """/vjp against torch.autograd.functional.vjp."""
    cases = []
    for i in range(1, 22):
        batch = 1 if i % 2 else s.rng.randint(2, 4)
        order = "first-layer-first" if i % 4 == 0 else "last-layer-first"
        layers, parts, samples, d = instance(s, "squared_error", batch, with_linear=i % 7 != 0)
        sizes = parameter_sizes(layers, d)
        k = input_widths(layers, d)[-1]
        w = vector(parts, order)
        gradient = torch.zeros_like(w)
        outputs, input_gradients, cotangents = [], [], []
        for x, _ in samples:
            v = s.normal(k)
            out, (gw, gx) = torch.autograd.functional.vjp(
                lambda w_, x_: forward(layers, split(w_, sizes, order), x_)[-1], (w, x), v)
            gradient += gw
            outputs.append(out.tolist())
            input_gradients.append(gx.tolist())
            cotangents.append(v)
        request = {"layers": request_layers(layers, parts, "flat"), "parameters": w.tolist()}
        if order != "last-layer-first":
            request["order"] = order
        if batch == 1:
            request["x"], request["cotangent"] = samples[0][0].tolist(), cotangents[0].tolist()
            expected = {"output": outputs[0], "gradient": gradient.tolist(), "inputGradient": input_gradients[0]}
        else:
            request["samples"] = [{"x": x.tolist(), "cotangent": v.tolist()}
                                  for (x, _), v in zip(samples, cotangents)]
            expected = {"outputs": outputs, "gradient": gradient.tolist(), "inputGradients": input_gradients}
        kinds = ",".join(layer["type"] for layer in layers)
        cases.append({"name": "vjp-%03d depth%d %s batch%d %s" % (i, len(layers), kinds, batch, order),
                      "endpoint": "/vjp", "request": request, "expected": expected})
    return cases


def jvp_cases(s):
    """/jvp against torch.autograd.functional.jvp."""
    cases = []
    for i in range(1, 22):
        order = "first-layer-first" if i % 4 == 0 else "last-layer-first"
        layers, parts, samples, d = instance(s, "squared_error", 1, with_linear=i % 7 != 0)
        sizes = parameter_sizes(layers, d)
        w, x = vector(parts, order), samples[0][0]
        t = s.normal(w.shape[0])
        u = s.normal(d) if i % 3 else torch.zeros(d)
        out, tangent_out = torch.autograd.functional.jvp(
            lambda w_, x_: forward(layers, split(w_, sizes, order), x_)[-1], (w, x), (t, u))
        request = {"layers": request_layers(layers, parts, "flat"), "parameters": w.tolist(),
                   "x": x.tolist(), "tangent": t.tolist()}
        if i % 3:
            request["inputTangent"] = u.tolist()
        if order != "last-layer-first":
            request["order"] = order
        kinds = ",".join(layer["type"] for layer in layers)
        cases.append({"name": "jvp-%03d depth%d %s %s" % (i, len(layers), kinds, order),
                      "endpoint": "/jvp", "request": request,
                      "expected": {"output": out.tolist(), "tangentOutput": tangent_out.tolist()}})
    return cases


def write_additions():
    s = Sampler(ADDITIONS_SEED)
    cases = order_cases(s) + label_cases(s) + none_cases(s) + vjp_cases(s) + jvp_cases(s)
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    kinds = Counter(layer["type"] for c in cases for layer in c["request"]["layers"])
    for kind in LAYER_TYPES:
        assert kinds[kind] >= 3, ("layer type in the additions", kind)
    losses = Counter(c["request"]["loss"]["type"] for c in cases if "loss" in c["request"])
    for loss in LOSSES:
        assert losses[loss] >= 3, ("loss in the additions", loss)
    document = {"generator": GENERATOR, "torch": torch.__version__, "seed": ADDITIONS_SEED, "cases": cases}
    with open(ADDITIONS_FILE, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1, allow_nan=False)
        out.write("\n")
    print("wrote %s: %d cases, %d bytes" % (ADDITIONS_FILE, len(cases), ADDITIONS_FILE.stat().st_size))
    print("endpoints:", dict(Counter(c["endpoint"] for c in cases)))
    print("layer occurrences:", dict(kinds))
    print("losses:", dict(losses))


DESCENT_FILE = OUTPUT_FILE.parent / "descent.json"
DESCENT_SEED = SEED + 200
OPTIMIZERS = [
    {"type": "sgd", "learningRate": 0.1},
    {"type": "sgd", "learningRate": 0.05, "momentum": 0.9},
    {"type": "adam"},
    {"type": "adam", "learningRate": 0.01, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6},
]


def torch_optimizer(spec, leaves):
    """torch.optim's optimizer for a request's spec, one tensor at a time (foreach=False), as the service."""
    if spec["type"] == "sgd":
        return torch.optim.SGD(leaves, lr=spec["learningRate"], momentum=spec.get("momentum", 0.0), foreach=False)
    return torch.optim.Adam(leaves, lr=spec.get("learningRate", 0.001),
                            betas=(spec.get("beta1", 0.9), spec.get("beta2", 0.999)),
                            eps=spec.get("epsilon", 1e-8), foreach=False)


def descent_cases(s):
    """Runs of POST /descent against torch.optim: consecutive batches, each step the batch's mean loss."""
    cases = []
    for i in range(1, 25):
        loss = LOSSES[i % len(LOSSES)]
        spec = OPTIMIZERS[i % len(OPTIMIZERS)]
        m = s.rng.randint(2, 9)
        batch_size = [None, m, s.rng.randint(1, m), 3][i % 4]
        epochs = s.rng.randint(2, 6)
        order = "first-layer-first" if i % 5 == 0 else "last-layer-first"
        layers, parts, samples, d = instance(s, loss, m)
        leaves = [p.clone().requires_grad_(True) for p in parts]
        optimizer = torch_optimizer(spec, [leaf for leaf in leaves if leaf.numel() > 0])
        size = m if batch_size is None else min(batch_size, m)
        history, steps = [], 0
        for _ in range(epochs):
            batch_losses = []
            for start in range(0, m, size):
                batch = samples[start:start + size]
                optimizer.zero_grad()
                total = torch.stack([sample_loss(loss, forward(layers, leaves, x), y) for x, y in batch]).mean()
                if total.requires_grad:
                    total.backward()
                optimizer.step()
                batch_losses.append(float(total))
                steps += 1
            history.append(sum(batch_losses) / len(batch_losses))
        request = {"layers": request_layers(layers, parts, "flat"), "loss": {"type": loss},
                   "parameters": vector(parts, order).tolist(),
                   "samples": [{"x": x.tolist(), "y": y.tolist()} for x, y in samples],
                   "optimizer": spec, "epochs": epochs}
        if batch_size is not None:
            request["batchSize"] = batch_size
        if order != "last-layer-first":
            request["order"] = order
        trained = vector([leaf.detach() for leaf in leaves], order)
        name = describe("descent-%03d-%s" % (i, spec["type"]), layers, loss, "mean", m, order)
        cases.append({"name": name, "endpoint": "/descent", "request": request,
                      "expected": {"parameters": trained.tolist(), "steps": steps, "history": history}})
    return cases


def write_descent():
    s = Sampler(DESCENT_SEED)
    cases = descent_cases(s)
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    document = {"generator": GENERATOR, "torch": torch.__version__, "seed": DESCENT_SEED, "cases": cases}
    with open(DESCENT_FILE, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1, allow_nan=False)
        out.write("\n")
    print("wrote %s: %d cases, %d bytes" % (DESCENT_FILE, len(cases), DESCENT_FILE.stat().st_size))
    print("optimizers:", dict(Counter(c["request"]["optimizer"]["type"] + str(len(c["request"]["optimizer"]))
                                      for c in cases)))
    print("losses:", dict(Counter(c["request"]["loss"]["type"] for c in cases)))


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    sampler = Sampler(SEED)
    cases = course_cases()
    cases += [random_case(sampler, i) for i in range(1, NUM_RANDOM_CASES + 1)]
    cases += stress_cases(sampler)
    for k, kind in enumerate(ADDED_ACTIVATIONS, start=1):
        added = Sampler(SEED + k)
        cases += [random_case(added, i, ACTIVATIONS + [kind] * 4, kind, kind)
                  for i in range(1, ADDED_CASES + 1)]
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"

    layer_counts, cases_with_layer, counts, extra = coverage(cases)
    document = {"generator": GENERATOR, "torch": torch.__version__, "seed": SEED,
                "cases": cases}
    OUTPUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    with open(OUTPUT_FILE, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1, allow_nan=False)
        out.write("\n")

    print("wrote %s: %d cases, %d bytes" % (OUTPUT_FILE, len(cases), OUTPUT_FILE.stat().st_size))
    print("layer occurrences:", dict(layer_counts))
    print("cases containing layer:", dict(cases_with_layer))
    for key, counter in counts.items():
        print("%s:" % key, dict(sorted(counter.items())))
    print("other:", dict(extra))
    write_additions()
    write_descent()


if __name__ == "__main__":
    main()
