"""The bridge between nnanim's numpy networks and torch: the same network as a torch module,
and its weights back as numpy.

Training needs torch; pictures never do. Keeping every torch call here lets the geometry and
the drawing side import the numpy forward pass (``nnanim.core.model``) without reaching torch.
"""

from __future__ import annotations

import torch

from nnanim.core.model import Architecture, Params


def build_torch_model(arch: Architecture) -> torch.nn.Sequential:
    """The same network as a torch module (``Linear`` + activation per row; logits out)."""
    torch_activations = {
        "linear": torch.nn.Identity,
        "tanh": torch.nn.Tanh,
        "relu": torch.nn.ReLU,
        "sigmoid": torch.nn.Sigmoid,
    }
    modules: list[torch.nn.Module] = []
    widths = arch.widths
    for i, layer in enumerate(arch.hidden):
        modules.append(torch.nn.Linear(widths[i], widths[i + 1]))
        modules.append(torch_activations[layer.activation]())
    modules.append(torch.nn.Linear(widths[-2], widths[-1]))
    return torch.nn.Sequential(*modules).double()


def params_from_torch(model: torch.nn.Module) -> Params:
    """Export the ``Linear`` layers' weights as numpy float64 ``(W, b)`` pairs."""
    return [
        (m.weight.detach().cpu().double().numpy().copy(), m.bias.detach().cpu().double().numpy().copy())
        for m in model
        if isinstance(m, torch.nn.Linear)
    ]
