"""Networks as the article writes them: a table of ``(width, activation)`` rows.

Every layer computes ``Y = f(W X + B)``. The hidden layers are the rows of the table; the
output layer is always ``K softmax``, one unit per class (``K = 2`` in the article), so an
architecture is its hidden rows and its number of classes.

Parameters travel as plain numpy (``Params``: one ``(W, b)`` pair per layer, ``W`` of shape
``(out, in)`` as in the article's ``o = W i``). ``forward_stages`` replays the network in numpy
and keeps *every* stage -- after ``W``, after ``+ b``, after ``f`` -- because the animation shows
each of them and must end exactly where the real network is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from nnanim.errors import NnanimError, check_choice, check_positive_int

ACTIVATIONS: tuple[str, ...] = ("linear", "tanh", "relu", "sigmoid")
MAX_WIDTH = 1024
MAX_LAYERS = 64
"""Far beyond what the lectures show; the limits turn a typo into an error, not a stall."""
INPUT_WIDTH = 2
MAX_CLASSES = 16
"""Training takes any number of classes up to this; drawing stops at 3 (a triangle)."""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # The two-branch form never overflows in exp, even for |x| ~ 1e4.
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    exp_x = np.exp(x[~positive])
    out[~positive] = exp_x / (1.0 + exp_x)
    return out


ACTIVATION_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda x: x,
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0.0),
    "sigmoid": _sigmoid,
}


def activate(name: str, x: np.ndarray) -> np.ndarray:
    """Apply the named activation elementwise."""
    return ACTIVATION_FUNCTIONS[check_choice("activation", name, ACTIVATIONS)](x)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for huge logits (the max is subtracted before ``exp``)."""
    shifted = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


@dataclass(frozen=True)
class Layer:
    """One row of the article's table: how many units, and which ``f``."""

    width: int
    activation: str

    def __post_init__(self) -> None:
        check_positive_int("width", self.width, maximum=MAX_WIDTH)
        check_choice("activation", self.activation, ACTIVATIONS)


@dataclass(frozen=True)
class Architecture:
    """Hidden layers in order; the output layer, ``classes`` softmax units, is implied."""

    hidden: tuple[Layer, ...]
    classes: int = 2

    def __post_init__(self) -> None:
        check_positive_int("classes", self.classes, minimum=2, maximum=MAX_CLASSES)
        if not isinstance(self.hidden, tuple):
            raise NnanimError(f"layers: {self.hidden!r} is not a tuple of Layer rows")
        if len(self.hidden) > MAX_LAYERS:
            raise NnanimError(f"layers: {len(self.hidden)} rows is too many (at most {MAX_LAYERS})")
        for i, layer in enumerate(self.hidden):
            if not isinstance(layer, Layer):
                raise NnanimError(f"layers[{i}]: {layer!r} is not a Layer(width, activation)")

    @classmethod
    def from_table(cls, rows: Sequence[tuple[int, str]], classes: int = 2) -> "Architecture":
        """Build from ``[(width, activation), ...]``, validating every row with its index."""
        layers = []
        for i, row in enumerate(rows):
            try:
                width, activation = row
            except (TypeError, ValueError):
                raise NnanimError(
                    f"layers[{i}]: {row!r} is not a (width, activation) pair"
                ) from None
            try:
                layers.append(Layer(width, activation))
            except NnanimError as err:
                raise NnanimError(f"layers[{i}].{err}") from None
        return cls(tuple(layers), classes)

    @property
    def widths(self) -> list[int]:
        """Widths of every space the data passes through: input, each hidden layer, logits."""
        return [INPUT_WIDTH] + [layer.width for layer in self.hidden] + [self.classes]

    @property
    def activations(self) -> list[str]:
        """Activation of every layer including the output layer (``softmax``)."""
        return [layer.activation for layer in self.hidden] + ["softmax"]

    @property
    def n_layers(self) -> int:
        """Number of weight layers, output layer included."""
        return len(self.hidden) + 1

    def shapes(self) -> list[tuple[tuple[int, int], tuple[int]]]:
        """``[(W.shape, b.shape), ...]`` for every layer."""
        w = self.widths
        return [((w[i + 1], w[i]), (w[i + 1],)) for i in range(self.n_layers)]

    @property
    def n_params(self) -> int:
        return sum(ws[0] * ws[1] + bs[0] for ws, bs in self.shapes())

    def describe(self) -> str:
        """The article's notation, e.g. ``2 tanh → 2 softmax``."""
        rows = [f"{layer.width} {layer.activation}" for layer in self.hidden]
        return " → ".join(rows + [f"{self.classes} softmax"])


Params = list[tuple[np.ndarray, np.ndarray]]
"""One ``(W, b)`` per layer, ``W`` shaped ``(out, in)``, float64."""


def check_params(params: Params, arch: Architecture) -> Params:
    """Raise a clear error if ``params`` do not fit ``arch`` or hold NaN/inf; return as float64."""
    shapes = arch.shapes()
    if len(params) != len(shapes):
        raise NnanimError(
            f"params: {len(params)} layers given but the architecture {arch.describe()!r} "
            f"has {len(shapes)}"
        )
    checked: Params = []
    for i, ((w, b), (w_shape, b_shape)) in enumerate(zip(params, shapes)):
        w = np.asarray(w, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if w.shape != w_shape or b.shape != b_shape:
            raise NnanimError(
                f"params[{i}]: W{w.shape}, b{b.shape} do not match the architecture "
                f"(expected W{w_shape}, b{b_shape})"
            )
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
            raise NnanimError(f"params[{i}]: weights contain NaN or inf")
        checked.append((w, b))
    return checked


def flatten_params(params: Params) -> np.ndarray:
    """All weights as one vector (layer by layer, ``W`` row-major then ``b``)."""
    return np.concatenate([np.concatenate([w.ravel(), b.ravel()]) for w, b in params])


def unflatten_params(vector: np.ndarray, arch: Architecture) -> Params:
    """Inverse of ``flatten_params`` for the given architecture."""
    vector = np.asarray(vector, dtype=np.float64)
    if vector.shape != (arch.n_params,):
        raise NnanimError(
            f"params: a vector of {vector.shape} does not fit {arch.describe()!r} "
            f"({arch.n_params} numbers)"
        )
    params: Params = []
    offset = 0
    for w_shape, b_shape in arch.shapes():
        n_w = w_shape[0] * w_shape[1]
        w = vector[offset : offset + n_w].reshape(w_shape)
        offset += n_w
        b = vector[offset : offset + b_shape[0]]
        offset += b_shape[0]
        params.append((w.copy(), b.copy()))
    return params


@dataclass(frozen=True)
class LayerStages:
    """What one layer does to a point set, stage by stage (rows are points).

    ``inputs → linear = inputs Wᵀ → affine = linear + b → activated = f(affine)``.
    For the output layer ``affine`` holds the logits and ``activated`` the softmax.
    """

    inputs: np.ndarray
    linear: np.ndarray
    affine: np.ndarray
    activated: np.ndarray
    activation: str


@dataclass(frozen=True)
class ForwardPass:
    """Every stage of every layer, plus the logits and class probabilities."""

    layers: list[LayerStages]

    @property
    def logits(self) -> np.ndarray:
        return self.layers[-1].affine

    @property
    def probabilities(self) -> np.ndarray:
        return self.layers[-1].activated

    @property
    def hidden_outputs(self) -> list[np.ndarray]:
        """The output of each hidden layer (the spaces the article plots)."""
        return [stage.activated for stage in self.layers[:-1]]


def as_points(X: np.ndarray, width: int = INPUT_WIDTH, field: str = "X") -> np.ndarray:
    """Validate a point array ``(N, width)`` of finite numbers; return it as float64."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != width:
        raise NnanimError(f"{field}: shape {X.shape} is not (N, {width}); give one row per point")
    X = X.astype(np.float64, copy=False)
    if not np.all(np.isfinite(X)):
        raise NnanimError(f"{field}: contains NaN or inf; remove or fix those points")
    return X


def forward_stages(params: Params, arch: Architecture, X: np.ndarray) -> ForwardPass:
    """Run the network in float64 numpy and keep every intermediate stage."""
    params = check_params(params, arch)
    h = as_points(X)
    stages: list[LayerStages] = []
    for (w, b), activation in zip(params, arch.activations):
        linear = h @ w.T
        affine = linear + b
        activated = softmax(affine) if activation == "softmax" else activate(activation, affine)
        stages.append(LayerStages(h, linear, affine, activated, activation))
        h = activated
    return ForwardPass(stages)


def predict_proba(params: Params, arch: Architecture, X: np.ndarray) -> np.ndarray:
    """Probability of class 1 (the second output) for each point: the p of 2-class heatmaps."""
    return forward_stages(params, arch, X).probabilities[:, 1]


def _accuracy_of(z: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(z, axis=1) == np.asarray(y)))


def _cross_entropy_of(z: np.ndarray, y: np.ndarray) -> float:
    shifted = z - np.max(z, axis=1, keepdims=True)
    log_p = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(z)), np.asarray(y)]))


def accuracy(params: Params, arch: Architecture, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of points whose larger softmax output is their label."""
    return _accuracy_of(forward_stages(params, arch, X).logits, y)


def cross_entropy(params: Params, arch: Architecture, X: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy of the labels, the loss training minimises (from stable log-softmax)."""
    return _cross_entropy_of(forward_stages(params, arch, X).logits, y)


def accuracy_and_loss(params: Params, arch: Architecture, X: np.ndarray,
                      y: np.ndarray) -> tuple[float, float]:
    """``accuracy`` and ``cross_entropy`` from one forward pass: the training chapter wants
    both on every frame, over every point of a data set that may hold a million."""
    z = forward_stages(params, arch, X).logits
    return _accuracy_of(z, y), _cross_entropy_of(z, y)
