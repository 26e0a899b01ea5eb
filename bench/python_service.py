#!/usr/bin/env python3
"""POST /gradient in Python: the same API as the Java service (the subset below), computed with
PyTorch's autograd in float64, served by FastAPI on uvicorn. It is the service a Python team would
write instead, and the benchmarks run it next to the Java one.

Run from the repository root (Debian's packages: python3-torch, python3-fastapi, python3-uvicorn;
python3-uvloop and python3-httptools are used when installed, as uvicorn[standard] would):

    /usr/bin/python3 bench/python_service.py --port 8090 --workers 2

What it answers. A request is a chain of layers (linear with outputs/bias, sigmoid, tanh, relu,
softmax, log_softmax, leaky_relu/negativeSlope, elu/alpha, softplus/beta/threshold), a loss
(cross_entropy, cross_entropy_logits, squared_error, half_squared_error, mean_squared_error,
binary_cross_entropy, binary_cross_entropy_logits), parameters either on each linear layer or as one
top-level array w = (w^L; ...; w^1) (last layer first), and one sample (x, y) or a batch (samples,
reduction mean or sum). The answer is {"loss", "gradient" (p^L; ...; p^1), "layout", "output" (one
sample only), "sampleCount", "reduction"}. Cross-entropy after a final softmax and binary
cross-entropy after a final sigmoid are computed from the logits (log_softmax, logsigmoid), as the
Java service does. "trace" and "check" are not offered: true is a 422.

Errors are JSON problems ({"type", "title", "status", "detail", "pointer"}, application/problem+json):
400 for a body that is not JSON, a wrong JSON type, a missing or unknown field, an unknown layer or
loss type, a non-finite number; 413 for a body over --max-body-mb; 422 for requests that are valid
JSON but do not make a network (parameter counts and forms, sample forms, shapes, labels outside the
loss's domain, limits, non-finite results).

Processes and threads. One worker process per core (--workers 2 on this 2-core machine, uvicorn's
own process manager), each with ONE intra-op thread: torch.set_num_threads(1) and, before torch is
imported, OMP_NUM_THREADS=1 / OPENBLAS_NUM_THREADS=1 / MKL_NUM_THREADS=1, because Debian's torch
calls OpenBLAS, whose own thread pool torch.set_num_threads does not govern. Two workers with two
threads each would put four busy threads on two cores, and OpenMP/OpenBLAS threads that spin while
waiting for a core that another process holds make that far slower than one thread each. Requests
are parallel across processes, not inside one: each worker computes one request at a time (an
anyio CapacityLimiter of 1) in a worker thread, so its event loop keeps reading the next requests'
bodies and answering while a computation runs; the parsing, the autograd pass and the JSON encoding
all hold the GIL for most of their time, so more threads per process would not add throughput.
Access logs are off by default (--access-log turns them on).
"""

import os

# Before torch is imported: one thread per worker for OpenMP and for OpenBLAS's own pool.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import anyio  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import Response  # noqa: E402
from torch_layers import apply_layer  # noqa: E402

torch.set_num_threads(int(os.environ.get("GRADIENT_TORCH_THREADS", "1")))
torch.set_default_dtype(torch.float64)
DTYPE = torch.float64

log = logging.getLogger("gradient")

PROBLEM = "tag:gradient.mmids,2026:problems/"
MAX_BODY_BYTES = int(float(os.environ.get("GRADIENT_MAX_BODY_MB", "64")) * 1024 * 1024)
MAX_LAYERS = 1000
MAX_PARAMETERS = 10_000_000
MAX_SAMPLES = 100_000
MAX_WIDTH = 1_000_000
SIMPLEX_TOLERANCE = 1e-6

LAYER_FIELDS = {
    "linear": {"outputs", "bias", "parameters"},
    "sigmoid": set(), "tanh": set(), "relu": set(), "softmax": set(), "log_softmax": set(),
    "leaky_relu": {"negativeSlope"},
    "elu": {"alpha"},
    "softplus": {"beta", "threshold"},
}
LOSSES = ("cross_entropy", "cross_entropy_logits", "squared_error", "half_squared_error",
          "mean_squared_error", "binary_cross_entropy", "binary_cross_entropy_logits")
TOP_FIELDS = {"layers", "loss", "parameters", "x", "y", "samples", "reduction", "trace", "check"}


class ApiError(Exception):
    """A problem the client can fix; becomes a JSON problem with its status."""

    TITLES = {400: "Bad request", 413: "Payload too large", 415: "Unsupported media type",
              422: "Unprocessable request"}

    def __init__(self, status, kind, pointer, detail):
        super().__init__(detail)
        self.status, self.kind, self.pointer, self.detail = status, kind, pointer, detail

    def body(self):
        return {"type": PROBLEM + self.kind, "title": self.TITLES.get(self.status, "Error"),
                "status": self.status, "detail": f"{self.pointer} {self.detail}" if self.pointer else self.detail,
                "pointer": self.pointer}


def bad(pointer, detail, kind="wrong-type"):
    return ApiError(400, kind, pointer, detail)


def unprocessable(pointer, detail, kind):
    return ApiError(422, kind, pointer, detail)


# ---------------------------------------------------------------------------------------------
# Reading the request
# ---------------------------------------------------------------------------------------------


def _reject_constant(name):
    raise ApiError(400, "non-finite-number", "", f"the body holds {name}, which is not a JSON number")


def parse_body(body: bytes):
    if len(body) > MAX_BODY_BYTES:
        raise ApiError(413, "payload-too-large", "", f"the body has {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
    try:
        request = json.loads(body, parse_constant=_reject_constant)
    except ApiError:
        raise
    except (ValueError, UnicodeDecodeError) as e:
        raise ApiError(400, "malformed-json", "", f"the body is not JSON: {e}") from None
    if not isinstance(request, dict):
        raise ApiError(400, "malformed-json", "", "the body must be one JSON object")
    return request


def number(value, pointer):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise bad(pointer, "must be a number")
    try:
        value = float(value)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise bad(pointer, "is not finite (a number beyond ±1.8e308)", "non-finite-number")
    return value


def vector(value, pointer):
    """A JSON array of numbers as a float64 tensor (one C-level pass, then the checks on the tensor)."""
    if not isinstance(value, list):
        raise bad(pointer, "must be an array of numbers")
    try:
        t = torch.tensor(value, dtype=DTYPE)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        t = None
    if t is None or t.dim() != 1:
        for k, v in enumerate(value):
            number(v, f"{pointer}/{k}")
        raise bad(pointer, "must be an array of numbers")
    if not bool(torch.isfinite(t).all()):
        k = int((~torch.isfinite(t)).nonzero()[0])
        raise bad(f"{pointer}/{k}", "is not finite (a number beyond ±1.8e308)", "non-finite-number")
    return t


def rows(values, pointer_of, width, what):
    """Stacks equally long arrays into an m × width tensor."""
    try:
        t = torch.tensor(values, dtype=DTYPE)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        t = None
    if t is None or t.dim() != 2:
        for s, v in enumerate(values):
            if len(vector(v, pointer_of(s))) != width:
                raise unprocessable(pointer_of(s), f"has length {len(v)}, but {what} has length {width}",
                                    "shape-mismatch")
        raise bad(pointer_of(0), "must be an array of numbers")
    if t.shape[1] != width:
        raise unprocessable(pointer_of(0), f"has length {t.shape[1]}, but {what} has length {width}",
                            "shape-mismatch")
    if not bool(torch.isfinite(t).all()):
        s, k = (int(i) for i in (~torch.isfinite(t)).nonzero()[0])
        raise bad(f"{pointer_of(s)}/{k}", "is not finite (a number beyond ±1.8e308)", "non-finite-number")
    return t


class Network:
    """A checked request: the layers with their parameter leaves, the inputs X (m × n), labels Y."""

    def __init__(self, request):
        for key in request:
            if key not in TOP_FIELDS:
                raise bad(f"/{key}", "is not a field of the request", "unknown-field")
        for flag in ("trace", "check"):
            if flag in request:
                if not isinstance(request[flag], bool):
                    raise bad(f"/{flag}", "must be true or false")
                if request[flag]:
                    raise unprocessable(f"/{flag}", "is not offered by this service", "invalid-setting")

        layers = request.get("layers")
        if layers is None:
            raise bad("/layers", "is required", "missing-field")
        if not isinstance(layers, list):
            raise bad("/layers", "must be an array of layer objects")
        loss = request.get("loss")
        if loss is None:
            raise bad("/loss", "is required", "missing-field")
        if not isinstance(loss, dict):
            raise bad("/loss", "must be an object {\"type\": ...}")
        if "type" not in loss:
            raise bad("/loss/type", "is required", "missing-field")
        for key in loss:
            if key != "type":
                raise bad(f"/loss/{key}", "is not a field of the loss", "unknown-field")
        if loss["type"] not in LOSSES:
            raise bad("/loss/type", f"is {loss['type']!r}; the losses are {', '.join(LOSSES)}", "unknown-type")
        self.loss_type = loss["type"]
        self.reduction = request.get("reduction", "mean")
        if self.reduction not in ("mean", "sum"):
            raise bad("/reduction", f"is {self.reduction!r}; it is \"mean\" or \"sum\"", "unknown-type")
        for i, layer in enumerate(layers):
            self._check_layer(layer, i)
        if not layers:
            raise unprocessable("/layers", "is empty; a network has at least one layer", "shape-mismatch")
        if len(layers) > MAX_LAYERS:
            raise unprocessable("/layers", f"has {len(layers)} layers; the limit is {MAX_LAYERS}", "limit-exceeded")
        self.layers = layers

        self.X, self.Y, self.batch = self._samples(request)
        self.m, n = self.X.shape

        # Widths and parameter counts, then the parameters of each layer.
        widths, counts = [n], []
        for i, layer in enumerate(layers):
            if layer["type"] == "linear":
                outputs = layer["outputs"]
                counts.append(outputs * widths[-1] + (outputs if layer.get("bias", True) else 0))
                widths.append(outputs)
            else:
                counts.append(0)
                widths.append(widths[-1])
        total = sum(counts)
        if total > MAX_PARAMETERS:
            raise unprocessable("/layers", f"take {total} parameters; the limit is {MAX_PARAMETERS}", "limit-exceeded")
        if self.Y.shape[1] != widths[-1]:
            pointer = "/samples/0/y" if self.batch else "/y"
            raise unprocessable(pointer, f"has length {self.Y.shape[1]}, but the network's output has length "
                                f"{widths[-1]}", "shape-mismatch")
        self._check_labels()

        self.counts = counts
        self.weights = []       # per layer: (W, b) or None
        self.leaves = []        # every leaf tensor, layer L first, each layer's weight before its bias
        self._parameters(request, layers, widths, counts, total)
        last = layers[-1]["type"]
        self.from_logits = ((self.loss_type == "cross_entropy" and last == "softmax")
                            or (self.loss_type == "binary_cross_entropy" and last == "sigmoid"))

    @staticmethod
    def _check_layer(layer, i):
        at = f"/layers/{i}"
        if not isinstance(layer, dict):
            raise bad(at, "must be a layer object")
        kind = layer.get("type")
        if kind is None:
            raise bad(f"{at}/type", "is required", "missing-field")
        if kind not in LAYER_FIELDS:
            raise bad(f"{at}/type", f"is {kind!r}; the layer types are {', '.join(LAYER_FIELDS)}", "unknown-type")
        for key in layer:
            if key == "type":
                continue
            if key == "parameters" and kind != "linear":
                raise unprocessable(f"{at}/parameters", f"is given, but layer {i + 1} ({kind}) has no parameters",
                                    "parameter-form")
            if key not in LAYER_FIELDS[kind]:
                raise bad(f"{at}/{key}", f"is not a field of {kind}", "unknown-field")
        if kind == "linear":
            if "outputs" not in layer:
                raise bad(f"{at}/outputs", "is required", "missing-field")
            outputs = layer["outputs"]
            if isinstance(outputs, bool) or not isinstance(outputs, int):
                raise bad(f"{at}/outputs", "must be an integer")
            if outputs < 1:
                raise unprocessable(f"{at}/outputs", f"is {outputs}; a linear layer has at least 1 output",
                                    "invalid-setting")
            if outputs > MAX_WIDTH:
                raise unprocessable(f"{at}/outputs", f"is {outputs}; the limit is {MAX_WIDTH}", "limit-exceeded")
            if not isinstance(layer.get("bias", True), bool):
                raise bad(f"{at}/bias", "must be true or false")
        for key in ("negativeSlope", "alpha", "beta", "threshold"):
            if key in layer:
                number(layer[key], f"{at}/{key}")
        if kind == "softplus" and "beta" in layer and not layer["beta"] > 0:
            raise unprocessable(f"{at}/beta", f"is {layer['beta']}; softplus needs beta > 0", "invalid-setting")

    def _samples(self, request):
        has_x, has_samples = "x" in request, "samples" in request
        if has_x and has_samples:
            raise unprocessable("/samples", "is given beside /x; send one sample or a batch", "sample-form")
        if not has_x and not has_samples:
            raise unprocessable("/x", "is missing, and so is /samples; send one of them", "sample-form")
        if has_x:
            if "y" not in request:
                raise bad("/y", "is required", "missing-field")
            x = vector(request["x"], "/x")
            if len(x) == 0:
                raise unprocessable("/x", "is empty; an input has at least one entry", "shape-mismatch")
            if len(x) > MAX_WIDTH:
                raise unprocessable("/x", f"has {len(x)} entries; the limit is {MAX_WIDTH}", "limit-exceeded")
            return x.unsqueeze(0), vector(request["y"], "/y").unsqueeze(0), False
        if "y" in request:
            raise unprocessable("/y", "is given beside /samples; each sample holds its own y", "sample-form")
        samples = request["samples"]
        if not isinstance(samples, list):
            raise bad("/samples", "must be an array of {\"x\": [...], \"y\": [...]}")
        if not samples:
            raise unprocessable("/samples", "is empty; a batch has at least one sample", "sample-form")
        if len(samples) > MAX_SAMPLES:
            raise unprocessable("/samples", f"has {len(samples)} samples; the limit is {MAX_SAMPLES}",
                                "limit-exceeded")
        xs, ys = [], []
        for s, sample in enumerate(samples):
            if not isinstance(sample, dict):
                raise bad(f"/samples/{s}", "must be an object {\"x\": [...], \"y\": [...]}")
            for key in sample:
                if key not in ("x", "y"):
                    raise bad(f"/samples/{s}/{key}", "is not a field of a sample", "unknown-field")
            for key in ("x", "y"):
                if key not in sample:
                    raise bad(f"/samples/{s}/{key}", "is required", "missing-field")
                if not isinstance(sample[key], list):
                    raise bad(f"/samples/{s}/{key}", "must be an array of numbers")
            xs.append(sample["x"])
            ys.append(sample["y"])
        n, k = len(xs[0]), len(ys[0])
        if n == 0:
            raise unprocessable("/samples/0/x", "is empty; an input has at least one entry", "shape-mismatch")
        if n > MAX_WIDTH:
            raise unprocessable("/samples/0/x", f"has {n} entries; the limit is {MAX_WIDTH}", "limit-exceeded")
        X = rows(xs, lambda s: f"/samples/{s}/x", n, "the first sample's x")
        Y = rows(ys, lambda s: f"/samples/{s}/y", k, "the first sample's y")
        return X, Y, True

    def _label_pointer(self, s, k=None):
        base = f"/samples/{s}/y" if self.batch else "/y"
        return base if k is None else f"{base}/{k}"

    def _check_labels(self):
        Y = self.Y
        if self.loss_type in ("cross_entropy", "cross_entropy_logits"):
            negative = (Y < 0).nonzero()
            if len(negative):
                s, k = (int(i) for i in negative[0])
                raise unprocessable(self._label_pointer(s, k), "is negative; a probability vector has entries ≥ 0",
                                    "invalid-label")
            off = ((Y.sum(1) - 1).abs() > SIMPLEX_TOLERANCE).nonzero()
            if len(off):
                s = int(off[0])
                raise unprocessable(self._label_pointer(s), f"sums to {float(Y[s].sum())}; a probability vector "
                                    f"sums to 1 (within {SIMPLEX_TOLERANCE})", "invalid-label")
        elif self.loss_type in ("binary_cross_entropy", "binary_cross_entropy_logits"):
            outside = ((Y < 0) | (Y > 1)).nonzero()
            if len(outside):
                s, k = (int(i) for i in outside[0])
                raise unprocessable(self._label_pointer(s, k), "is outside [0, 1]", "invalid-label")

    def _parameters(self, request, layers, widths, counts, total):
        flat = request.get("parameters")
        carrying = [i for i, layer in enumerate(layers) if "parameters" in layer]
        if flat is not None and carrying:
            raise unprocessable(f"/layers/{carrying[0]}/parameters", "is given beside the top-level /parameters; "
                                "use one form", "parameter-form")
        if flat is not None:
            w = vector(flat, "/parameters")
            if len(w) != total:
                raise unprocessable("/parameters", f"has {len(w)} numbers, but the network takes {total}",
                                    "parameter-count")
            offsets, end = [], total
            for c in counts:
                end -= c
                offsets.append(end)
            per_layer = [w[o:o + c] for o, c in zip(offsets, counts)]
        else:
            per_layer = []
            for i, (layer, c) in enumerate(zip(layers, counts)):
                if c == 0:
                    per_layer.append(None)
                    continue
                if "parameters" not in layer:
                    if not carrying:
                        raise unprocessable("/parameters", "is missing, and no layer has parameters",
                                            "parameter-form")
                    raise unprocessable(f"/layers/{i}/parameters", f"is missing; layer {i + 1} takes {c}",
                                        "parameter-form")
                w = vector(layer["parameters"], f"/layers/{i}/parameters")
                if len(w) != c:
                    raise unprocessable(f"/layers/{i}/parameters", f"has {len(w)} numbers, but layer {i + 1} "
                                        f"takes {c}", "parameter-count")
                per_layer.append(w)
        for layer, n, w in zip(layers, widths, per_layer):
            if layer["type"] != "linear":
                self.weights.append(None)
                continue
            m = layer["outputs"]
            W = w[:m * n].reshape(m, n).detach().requires_grad_()
            b = w[m * n:].detach().requires_grad_() if layer.get("bias", True) else None
            self.weights.append((W, b))
        for pair in reversed(self.weights):
            if pair is not None:
                self.leaves += [t for t in pair if t is not None]

    # ---- the computation

    def _layer(self, i, z):
        return apply_layer(self.layers[i], self.weights[i], z)

    def _per_sample_loss(self, z, y):
        kind = self.loss_type
        if kind == "cross_entropy_logits" or (kind == "cross_entropy" and self.from_logits):
            return -(y * torch.log_softmax(z, dim=-1)).sum(-1)
        if kind == "binary_cross_entropy_logits" or (kind == "binary_cross_entropy" and self.from_logits):
            return F.binary_cross_entropy_with_logits(z, y, reduction="none").sum(-1)
        if kind in ("cross_entropy", "binary_cross_entropy"):
            # On the outputs themselves: they must be probabilities, positive where y is (and below 1
            # where 1 - y is); terms with y = 0 contribute 0, and no gradient flows through them.
            outside = ((z < 0) | (z > 1) | ((y != 0) & (z <= 0))).nonzero()
            if kind == "binary_cross_entropy" and not len(outside):
                outside = ((y != 1) & (z >= 1)).nonzero()
            if len(outside):
                s, k = (int(i) for i in outside[0])
                raise unprocessable("/loss/type", f"{kind} needs outputs in the loss's domain, but output {k} of "
                                    f"sample {s} is {float(z[s, k])}; end the network with "
                                    f"{'softmax' if kind == 'cross_entropy' else 'sigmoid'}", "loss-domain")
            ones = torch.ones_like(z)
            positive = y != 0
            value = -(torch.where(positive, y, 0.0) * torch.log(torch.where(positive, z, ones)))
            if kind == "binary_cross_entropy":
                rest = y != 1
                value = value - torch.where(rest, 1 - y, 0.0) * torch.log1p(-torch.where(rest, z, 0 * ones))
            return value.sum(-1)
        difference = ((z - y) ** 2).sum(-1)
        if kind == "squared_error":
            return difference
        if kind == "half_squared_error":
            return 0.5 * difference
        return difference / z.shape[-1]

    def compute(self):
        """The loss, the gradient (p^L; ...; p^1) and the output h of every sample."""
        L = len(self.layers)
        top = L - 1 if self.from_logits else L
        z = self.X
        for i in range(top):
            z = self._layer(i, z)
        logits = z
        if self.from_logits:
            with torch.no_grad():
                output = self._layer(L - 1, logits)
        else:
            output = z.detach()
        if not bool(torch.isfinite(output).all()):
            raise unprocessable("/layers", "the forward pass overflows (a non-finite output)", "non-finite-result")
        total = self._per_sample_loss(logits, self.Y).sum()
        loss = total / self.m if self.reduction == "mean" else total
        if not math.isfinite(float(loss)):
            raise unprocessable("/loss", "is not finite", "non-finite-result")
        if self.leaves:
            grads = torch.autograd.grad(loss, self.leaves)
            gradient = torch.cat([g.reshape(-1) for g in grads])
            if not bool(torch.isfinite(gradient).all()):
                raise unprocessable("/layers", "the backward pass overflows (a non-finite gradient)",
                                    "non-finite-result")
        else:
            gradient = torch.zeros(0)
        return float(loss), gradient, output

    def layout(self):
        entries, offset = [], 0
        for i in range(len(self.layers), 0, -1):
            length = self.counts[i - 1]
            entries.append({"layer": i, "type": self.layers[i - 1]["type"], "offset": offset, "length": length})
            offset += length
        return entries


def gradient_response(body: bytes) -> bytes:
    """The whole request, from the body's bytes to the answer's."""
    network = Network(parse_body(body))
    loss, gradient, output = network.compute()
    answer = {"loss": loss, "gradient": gradient.tolist(), "layout": network.layout()}
    if not network.batch:
        answer["output"] = output[0].tolist()
    answer["sampleCount"] = network.m
    answer["reduction"] = network.reduction
    return json.dumps(answer, separators=(",", ":")).encode()


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

app = FastAPI(title="gradient-service (Python)", docs_url=None, redoc_url=None, openapi_url=None)
_limiter = None


def limiter():
    """One computation at a time per worker process (created on the worker's event loop)."""
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(1)
    return _limiter


def problem(error: ApiError) -> Response:
    return Response(json.dumps(error.body()), status_code=error.status, media_type="application/problem+json")


@app.post("/gradient")
async def gradient(request: Request) -> Response:
    content_type = request.headers.get("content-type", "")
    if content_type and not content_type.split(";")[0].strip().lower().endswith("json"):
        return problem(ApiError(415, "unsupported-media-type", "", f"Content-Type {content_type} is not JSON"))
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return problem(ApiError(413, "payload-too-large", "", f"the body has {declared} bytes; "
                                f"the limit is {MAX_BODY_BYTES}"))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return problem(ApiError(413, "payload-too-large", "", f"the body is over {MAX_BODY_BYTES} bytes"))
    try:
        content = await anyio.to_thread.run_sync(gradient_response, bytes(body), limiter=limiter())
    except ApiError as e:
        return problem(e)
    except Exception:  # a failure of ours: logged, not shown
        log.exception("POST /gradient failed")
        return Response(json.dumps({"type": PROBLEM + "internal-error", "title": "Internal server error",
                                    "status": 500, "detail": "the server failed; see its log"}),
                        status_code=500, media_type="application/problem+json")
    return Response(content, media_type="application/json")


def main():
    parser = argparse.ArgumentParser(description="POST /gradient with PyTorch behind FastAPI and uvicorn")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--workers", type=int, default=2,
                        help="uvicorn worker processes, one per core (default 2), each with one torch thread")
    parser.add_argument("--access-log", action="store_true", help="log every request (off by default)")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()

    import uvicorn

    # The workers import this file as the module python_service, from its own directory.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import uvloop  # noqa: F401
        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    try:
        import httptools  # noqa: F401
        http = "httptools"
    except ImportError:
        http = "h11"
    print(f"POST /gradient on http://{args.host}:{args.port} with {args.workers} worker process(es), "
          f"uvicorn {uvicorn.__version__} ({loop}, {http}), torch {torch.__version__} with "
          f"{torch.get_num_threads()} thread(s) per worker", flush=True)
    uvicorn.run("python_service:app", host=args.host, port=args.port, workers=args.workers, loop=loop,
                http=http, access_log=args.access_log, log_level=args.log_level,
                timeout_keep_alive=30)


if __name__ == "__main__":
    main()
