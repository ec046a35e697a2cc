"""The network run part of the way: the points as they enter a given layer.

``model.forward_stages`` keeps every stage of every layer; a frame only needs the points up to
the layer being shown, with exactly the same float64 operations so stage ends match it.
"""

from __future__ import annotations

import numpy as np

from nnanim.core.model import Architecture, Params, activate


def layer_input(params: Params, arch: Architecture, X: np.ndarray, layer: int) -> np.ndarray:
    """Points ``X`` ``(N, 2)`` after layers ``0 .. layer-1`` (``params`` already checked)."""
    h = X
    for (W, b), activation in zip(params[:layer], arch.activations[:layer]):
        h = activate(activation, h @ W.T + b)
    return h


def logits(params: Params, arch: Architecture, X: np.ndarray) -> np.ndarray:
    """The output layer's ``W h + b`` for points ``X`` ``(N, 2)``, without the softmax."""
    W, b = params[-1]
    return layer_input(params, arch, X, arch.n_layers - 1) @ W.T + b
