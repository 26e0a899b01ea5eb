"""The layer types of the API as torch operations, shared by bench/pytorch_bench.py and
bench/python_service.py (src/test/python/make_golden_vectors.py keeps its own, so that the golden
vectors do not depend on the benchmarks)."""

import torch
import torch.nn.functional as F


def apply_layer(layer, weights, z):
    """g(w; z) for one layer of a request (a dict with "type" and the type's settings); weights is
    (W, b) for a linear layer, b None without a bias."""
    kind = layer["type"]
    if kind == "linear":
        W, b = weights
        return F.linear(z, W, b)
    if kind == "sigmoid":
        return torch.sigmoid(z)
    if kind == "tanh":
        return torch.tanh(z)
    if kind == "relu":
        return torch.relu(z)
    if kind == "silu":
        return F.silu(z)
    if kind == "softmax":
        return torch.softmax(z, dim=-1)
    if kind == "log_softmax":
        return torch.log_softmax(z, dim=-1)
    if kind == "leaky_relu":
        return F.leaky_relu(z, layer.get("negativeSlope", 0.01))
    if kind == "elu":
        return F.elu(z, layer.get("alpha", 1.0))
    if kind == "softplus":
        return F.softplus(z, layer.get("beta", 1.0), layer.get("threshold", 20.0))
    raise ValueError("unknown layer type " + kind)
