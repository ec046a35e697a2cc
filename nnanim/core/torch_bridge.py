"""The bridge between nnanim's numpy networks and torch: the same network as a torch module,
and its weights back as numpy.

Training needs torch; pictures never do. Keeping every torch call here lets the geometry and
the drawing side import the numpy forward pass (``nnanim.core.model``) without reaching torch.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Mapping, Sequence

import numpy as np
import torch

from nnanim.core.model import (
    Architecture, Params, accuracy_and_loss, as_points, check_params, flatten_params,
)
from nnanim.core.trajectory import Trajectory
from nnanim.errors import NnanimError


TORCH_ACTIVATIONS: dict[str, type[torch.nn.Module]] = {
    "linear": torch.nn.Identity,
    "tanh": torch.nn.Tanh,
    "relu": torch.nn.ReLU,
    "sigmoid": torch.nn.Sigmoid,
}
"""nnanim's activations as torch modules: the ones it builds, and the only ones it draws
between two ``Linear`` layers of a teacher's network."""


def build_torch_model(arch: Architecture) -> torch.nn.Sequential:
    """The same network as a torch module (``Linear`` + activation per row; logits out)."""
    modules: list[torch.nn.Module] = []
    widths = arch.widths
    for i, layer in enumerate(arch.hidden):
        modules.append(torch.nn.Linear(widths[i], widths[i + 1]))
        modules.append(TORCH_ACTIVATIONS[layer.activation]())
    modules.append(torch.nn.Linear(widths[-2], widths[-1]))
    return torch.nn.Sequential(*modules).double()


def params_from_torch(model: torch.nn.Module) -> Params:
    """Export the ``Linear`` layers' weights as numpy float64 ``(W, b)`` pairs."""
    return [
        (m.weight.detach().cpu().double().numpy().copy(),
         m.bias.detach().cpu().double().numpy().copy())
        for m in model
        if isinstance(m, torch.nn.Linear)
    ]


_DRAWN_ACTIVATIONS: dict[type, str] = {kind: name for name, kind in TORCH_ACTIVATIONS.items()}
"""The torch modules that may stand between two ``Linear`` layers, by nnanim's names."""


def _refuse(name: str, what: str, fix: str) -> NnanimError:
    return NnanimError(f"network[{name}]: {what}; {fix}")


def _activation(layer: torch.nn.Module) -> str | None:
    return next((name for kind, name in _DRAWN_ACTIVATIONS.items() if isinstance(layer, kind)),
                None)


def network_from_torch(module: torch.nn.Module) -> tuple[Architecture, Params]:
    """Your trained ``nn.Sequential`` as nnanim's numpy network, exactly.

    Accepted: ``Linear`` layers, each but the last followed by at most one of ``Tanh``,
    ``ReLU``, ``Sigmoid`` or ``Identity`` (none is the identity too); 2 inputs; 2 or 3 logits
    (nnanim ends them in a softmax, as ``CrossEntropyLoss`` does), or one logit read through a
    sigmoid (``BCEWithLogitsLoss``). One logit ``z`` gives p(class 1) = sigmoid(z), which is
    exactly the softmax of the two logits ``(0, z)``: the last layer becomes ``W = [0; w]``,
    ``b = [0; b]``, so the pictures show the same probabilities the module computes. A final
    ``Softmax`` (after 2 or 3 logits) or ``Sigmoid`` (after one) is that same reading and is
    allowed; ``Dropout`` is skipped (it does nothing once trained, in eval mode). Anything
    else (convolutions, normalisation, other activations, 3 inputs, 4 classes) is refused with
    one line naming the layer (its index in the module, or its name in an ``OrderedDict``)
    and what to do, before any drawing.

    >>> net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    >>> arch, params = network_from_torch(net)
    >>> arch.classes, [layer.activation for layer in arch.hidden], [w.shape for w, _ in params]
    (2, ['relu'], [(3, 2), (2, 3)])
    >>> network_from_torch(torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.GELU(),
    ...                                        torch.nn.Linear(4, 2)))
    Traceback (most recent call last):
    nnanim.errors.NnanimError: network[1]: GELU cannot be drawn as a warp of the plane; ...
    """
    if not isinstance(module, torch.nn.Sequential):
        raise NnanimError(f"network: a {type(module).__name__} is not an nn.Sequential; "
                          "build the network as nn.Sequential(Linear, Tanh, ..., Linear)")
    # Each layer by its name in the module: its index, or the key of the OrderedDict it was
    # built from (a module placed twice is listed twice, as the Sequential runs it). Dropout
    # does nothing to a trained network (eval mode): the pictures skip it.
    layers = [(name, layer) for name, layer in module.named_modules(remove_duplicate=False)
              if name and "." not in name and not isinstance(layer, torch.nn.Dropout)]
    if len(layers) > 1 and isinstance(layers[-2][1], torch.nn.Linear):
        (_, last), (_, logits) = layers[-1], layers[-2]
        if (isinstance(last, torch.nn.Sigmoid) and logits.out_features == 1) or (
                isinstance(last, torch.nn.Softmax) and logits.out_features > 1):
            layers = layers[:-1]  # the reading of the logits nnanim draws anyway
    if not layers or not isinstance(layers[0][1], torch.nn.Linear):
        raise _refuse(layers[0][0] if layers else "0", "the network must start with "
                      "nn.Linear(2, width)", "put the first Linear layer first")
    rows: list[tuple[int, str]] = []
    params: Params = []
    pending: torch.nn.Linear | None = None
    for name, layer in layers:
        activation = _activation(layer)
        if isinstance(layer, torch.nn.Linear):
            if pending is not None:
                rows.append((pending.out_features, "linear"))
            params.append(_weights(name, layer, params))
            pending, last_linear = layer, name
        elif activation is not None and pending is not None:
            rows.append((pending.out_features, activation))
            pending = None
        elif activation is not None:
            raise _refuse(name, f"{type(layer).__name__} follows another activation",
                          "keep one activation between two Linear layers")
        else:
            raise _refuse(name, f"{type(layer).__name__} cannot be drawn as a warp of the "
                          "plane", "use only Linear layers with Tanh, ReLU, Sigmoid or "
                          "Identity between")
    if pending is None:
        raise _refuse(layers[-1][0], "the network ends in an activation, not in its logits",
                      "end with nn.Linear(width, classes); nnanim adds the softmax")
    if params[0][0].shape[1] != 2:
        raise _refuse(layers[0][0], f"Linear takes {params[0][0].shape[1]} inputs, not 2",
                      "nnanim draws networks of points in the plane (2 inputs)")
    classes = params[-1][0].shape[0]
    if classes == 1:
        w, b = params[-1]
        params[-1] = (np.vstack([np.zeros_like(w), w]), np.concatenate([[0.0], b]))
        classes = 2
    if classes > 3:
        raise _refuse(last_linear, f"{classes} classes cannot be drawn",
                      "nnanim draws 2 classes (a line) or 3 (a triangle)")
    arch = Architecture.from_table(rows, classes=classes)
    return arch, check_params(params, arch)


def _weights(name: str, layer: torch.nn.Linear, before: Params) -> tuple[np.ndarray, np.ndarray]:
    """One ``Linear`` layer's ``(W, b)`` as float64, checked to read what the layer before wrote."""
    w = layer.weight.detach().cpu().double().numpy().copy()
    b = (layer.bias.detach().cpu().double().numpy().copy() if layer.bias is not None
         else np.zeros(w.shape[0]))
    if before and before[-1][0].shape[0] != w.shape[1]:
        raise _refuse(name, f"Linear takes {w.shape[1]} inputs but the layer before gives "
                      f"{before[-1][0].shape[0]}", "make the widths chain")
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
        raise _refuse(name, "Linear weights contain NaN or inf",
                      "train again with a smaller learning rate, or use an earlier checkpoint")
    return w, b


def checkpoints_from_torch(module: torch.nn.Module,
                           checkpoints: Sequence[tuple[int, Mapping[str, torch.Tensor]]],
                           X: np.ndarray, y: np.ndarray) -> Trajectory:
    """Your training as nnanim's trajectory: ``(epoch, state_dict)`` pairs, saved while training.

    Each state dict is loaded into a copy of ``module`` and read by ``network_from_torch``; the
    loss and accuracy of every checkpoint are measured on ``X``, ``y`` with nnanim's forward
    pass, and the video's time is paced by how much the decision changes
    (``Trajectory.paced_on_data``). Save the pairs as you train, the first before any step:

    >>> X = np.array([[-1.0, 0.2], [-0.6, -0.4], [0.8, 0.1], [1.2, -0.3]])
    >>> y = np.array([0, 0, 1, 1])
    >>> torch.manual_seed(0)  # doctest: +ELLIPSIS
    <torch._C.Generator object at ...>
    >>> net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh(), torch.nn.Linear(2, 2))
    >>> step, checkpoints = torch.optim.SGD(net.parameters(), lr=0.5), []
    >>> for epoch in range(21):
    ...     if epoch % 10 == 0:
    ...         checkpoints.append((epoch, {k: v.clone() for k, v in net.state_dict().items()}))
    ...     step.zero_grad()
    ...     loss = torch.nn.functional.cross_entropy(net(torch.tensor(X).float()), torch.tensor(y))
    ...     loss.backward()
    ...     step.step()
    >>> trajectory = checkpoints_from_torch(net, checkpoints, X, y)
    >>> trajectory.epochs.tolist(), bool(trajectory.loss[-1] < trajectory.loss[0])
    ([0, 10, 20], True)
    """
    pairs = list(checkpoints.items()) if isinstance(checkpoints, Mapping) else list(checkpoints)
    if len(pairs) < 2:
        raise NnanimError(f"checkpoints: {len(pairs)} given; save at least two "
                          "(epoch, model.state_dict()) pairs, the first before training")
    X = as_points(X)
    y = np.asarray(y)
    if y.shape != (len(X),) or not np.issubdtype(y.dtype, np.integer):
        raise NnanimError(f"y: shape {y.shape} of {y.dtype} is not one integer label per point "
                          f"({len(X)} points)")
    copy = deepcopy(module)
    arch: Architecture | None = None
    epochs, flat, losses, accuracies = [], [], [], []
    for k, pair in enumerate(pairs):
        try:
            epoch, state = pair
            copy.load_state_dict(state)
        except (TypeError, ValueError, RuntimeError) as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise NnanimError(f"checkpoints[{k}]: not an (epoch, state_dict) pair of this "
                              f"network ({first})") from None
        found, params = network_from_torch(copy)
        arch = arch or found
        if y.min() < 0 or y.max() >= arch.classes:
            raise NnanimError(f"y: labels {y.min()}..{y.max()} do not fit {arch.classes} "
                              f"classes; label them 0..{arch.classes - 1}")
        epochs.append(epoch)
        flat.append(flatten_params(params))
        acc, loss = accuracy_and_loss(params, arch, X, y)
        accuracies.append(acc)
        losses.append(loss)
    trajectory = Trajectory(arch=arch, epochs=np.asarray(epochs), params=np.stack(flat),
                            loss=np.asarray(losses), accuracy=np.asarray(accuracies))
    return trajectory.paced_on_data(X)
