"""A PyTorch model's gradient, computed by the service, back in each parameter's .grad.

Usage: python3 pytorch_gradient.py [BASE_URL]   (needs torch; the service at BASE_URL, localhost:8080)
"""
import json
import sys
import urllib.request

import torch

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
torch.set_default_dtype(torch.float64)
torch.manual_seed(535)

model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
x = torch.randn(5, 4)
labels = torch.tensor([0, 2, 1, 1, 0])

NAMES = {torch.nn.Sigmoid: "sigmoid", torch.nn.Tanh: "tanh", torch.nn.ReLU: "relu", torch.nn.SiLU: "silu",
         torch.nn.Softmax: "softmax", torch.nn.LogSoftmax: "log_softmax"}


def layer(module):
    """The service's layer for a module: Linear's parameters are its weight row by row, then its bias."""
    if isinstance(module, torch.nn.Linear):
        w = module.weight.detach().flatten().tolist()
        b = module.bias.detach().tolist() if module.bias is not None else []
        return {"type": "linear", "outputs": module.out_features, "bias": module.bias is not None,
                "parameters": w + b}
    if isinstance(module, torch.nn.LeakyReLU):
        return {"type": "leaky_relu", "negativeSlope": module.negative_slope}
    if isinstance(module, torch.nn.ELU):
        return {"type": "elu", "alpha": module.alpha}
    if isinstance(module, torch.nn.Softplus):
        return {"type": "softplus", "beta": module.beta, "threshold": module.threshold}
    return {"type": NAMES[type(module)]}


def post(path, request):
    body = json.dumps(request).encode()
    headers = {"Content-Type": "application/json"}
    with urllib.request.urlopen(urllib.request.Request(BASE_URL + path, body, headers)) as answer:
        return json.load(answer)


# torch.nn.CrossEntropyLoss on logits, averaged over the batch: cross_entropy_logits with one-hot labels
one_hot = torch.nn.functional.one_hot(labels, 3).double()
answer = post("/gradient", {
    "layers": [layer(m) for m in model],
    "loss": {"type": "cross_entropy_logits"},
    "samples": [{"x": xs.tolist(), "y": ys.tolist()} for xs, ys in zip(x, one_hot)],
})

# "layout" says where each layer's p^i sits in "gradient" (layer L first): reshape it into .grad
for entry in answer["layout"]:
    module = model[entry["layer"] - 1]
    if entry["length"] == 0:
        continue
    p = torch.tensor(answer["gradient"][entry["offset"]:entry["offset"] + entry["length"]])
    rows = module.weight.numel()
    module.weight.grad = p[:rows].reshape(module.weight.shape)
    if module.bias is not None:
        module.bias.grad = p[rows:]

# The same gradient by autograd, on a copy of the model
reference = torch.nn.Sequential(*(type(m)(m.in_features, m.out_features) if isinstance(m, torch.nn.Linear)
                                  else m for m in model))
reference.load_state_dict(model.state_dict())
torch.nn.CrossEntropyLoss()(reference(x), labels).backward()
for ours, theirs in zip(model.parameters(), reference.parameters()):
    assert torch.allclose(ours.grad, theirs.grad, rtol=1e-12, atol=1e-15)
print("loss %.15f, the same gradient as autograd in every .grad" % answer["loss"])

# One flat vector instead: the service's w is (w^L; ...; w^1), last layer first, while PyTorch's
# parameters_to_vector is (w^1; ...; w^L): reverse the order of the layers' blocks, each kept as it is.
blocks = [torch.cat([m.weight.detach().flatten()] + ([m.bias.detach()] if m.bias is not None else []))
          for m in model if isinstance(m, torch.nn.Linear)]
flat = torch.cat(blocks[::-1]).tolist()
plain = [{k: v for k, v in layer(m).items() if k != "parameters"} for m in model]
again = post("/gradient", {"layers": plain, "parameters": flat, "loss": {"type": "cross_entropy_logits"},
                           "samples": [{"x": xs.tolist(), "y": ys.tolist()} for xs, ys in zip(x, one_hot)]})
assert again["gradient"] == answer["gradient"]
print("the same gradient from the flat parameters, last layer first")
