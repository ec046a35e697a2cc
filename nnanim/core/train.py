"""Train a tiny network full-batch and record where its weights go.

The video replays training from checkpoints, so the run must be reproducible to the last bit
(same inputs, same machine ⇒ same file) and the checkpoints must be dense where the weights
move fast -- the first epochs -- and sparse on the long plateau.
"""

from __future__ import annotations

import math
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Iterator

import numpy as np
from tqdm import tqdm

if TYPE_CHECKING:  # torch loads in ~1 s: only training pays for it, not a config check
    import torch

from nnanim.errors import (
    SEED_MAX, NnanimError, check_choice, check_positive_float, check_positive_int,
)
from nnanim.core.model import Architecture, as_points, flatten_params
from nnanim.core.trajectory import Trajectory

OPTIMIZERS: tuple[str, ...] = ("adam", "sgd")
MAX_EPOCHS = 200_000
"""About a minute of training for these networks on a laptop; more is almost surely a typo."""
DENSE_EPOCHS = 50
"""Every one of the first epochs is a checkpoint: that is where the boundary moves most."""
TOTAL_CHECKPOINTS = 200
PROGRESS_AFTER_SECONDS = 1.0
PROGRESS_IF_LONGER_THAN = 2.0


@dataclass(frozen=True)
class TrainSpec:
    """How to train: optimizer (``adam`` or ``sgd``), learning rate, epochs, weight decay.

    >>> TrainSpec(lr=0.01, epochs=500)
    TrainSpec(optimizer='adam', lr=0.01, epochs=500, weight_decay=0.0)
    >>> TrainSpec(optimizer="adagrad")
    Traceback (most recent call last):
    ...
    nnanim.errors.NnanimError: optimizer: 'adagrad' is not one of adam, sgd
    """

    optimizer: str = "adam"
    lr: float = 0.03
    epochs: int = 1000
    weight_decay: float = 0.0

    def __post_init__(self) -> None:
        check_choice("optimizer", self.optimizer, OPTIMIZERS)
        object.__setattr__(self, "lr", check_positive_float("lr", self.lr))
        object.__setattr__(self, "epochs",
                           check_positive_int("epochs", self.epochs, maximum=MAX_EPOCHS))
        decay = check_positive_float("weight_decay", self.weight_decay, allow_zero=True)
        object.__setattr__(self, "weight_decay", decay)

    def to_dict(self) -> dict[str, object]:
        """Canonical JSON-able description (the cache hashes it)."""
        return asdict(self)


def checkpoint_epochs(epochs: int) -> np.ndarray:
    """Epochs to record: 0 to ``DENSE_EPOCHS`` one by one, then geometrically spaced to the end.

    Geometric spacing keeps the *relative* change between checkpoints about even, which
    matches how training slows down.

    >>> epochs = checkpoint_epochs(1000)
    >>> len(epochs), epochs[:4].tolist(), epochs[-3:].tolist()
    (200, [0, 1, 2, 3], [961, 980, 1000])
    """
    dense = np.arange(min(epochs, DENSE_EPOCHS) + 1)
    if epochs <= DENSE_EPOCHS:
        return dense
    sparse = np.geomspace(DENSE_EPOCHS, epochs, TOTAL_CHECKPOINTS - DENSE_EPOCHS)
    return np.unique(np.concatenate([dense, np.round(sparse).astype(np.int64), [epochs]]))


def _check_labels(y: np.ndarray, n_points: int, classes: int) -> torch.Tensor:
    """Labels as a tensor, if every one is a class ``0 .. classes-1`` and every class has points."""
    import torch

    y = np.asarray(y)
    if y.ndim != 1 or len(y) != n_points:
        raise NnanimError(
            f"y: shape {y.shape} does not match X's {n_points} points; give one label per point"
        )
    allowed = set(range(classes))
    unexpected = sorted(set(np.unique(y).tolist()) - allowed)
    if unexpected:
        raise NnanimError(
            f"y: labels must be {', '.join(map(str, sorted(allowed)))} (the network has "
            f"{classes} outputs), found {unexpected[:5]}"
        )
    missing = sorted(allowed - set(np.unique(y).tolist()))
    if missing:
        raise NnanimError(
            f"y: no points of class {', '.join(map(str, missing))}; the network has {classes} "
            f"outputs, so the data needs points of every class 0 .. {classes - 1}"
        )
    return torch.from_numpy(y.astype(np.int64))


@contextmanager
def _single_thread() -> Iterator[None]:
    """One thread: for these tiny matrices threading only adds overhead and run-to-run jitter."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def _initialise(model: torch.nn.Module, arch: Architecture) -> None:
    """Glorot-uniform weights with the gain of the activation that follows, zero biases.

    Glorot & Bengio designed this scale for tanh networks; torch's default (smaller) init
    leaves a 2-unit tanh layer stuck in the linear solution for most seeds.
    """
    import torch

    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    gains = [torch.nn.init.calculate_gain(layer.activation) for layer in arch.hidden] + [1.0]
    with torch.no_grad():
        for linear, gain in zip(linears, gains):
            torch.nn.init.xavier_uniform_(linear.weight, gain=gain)
            linear.bias.zero_()


def _make_optimizer(spec: TrainSpec, parameters) -> torch.optim.Optimizer:
    import torch

    if spec.optimizer == "adam":
        # The fused kernel is ~30 % faster per epoch on these tiny tensors (torch >= 2.4).
        return torch.optim.Adam(
            parameters, lr=spec.lr, weight_decay=spec.weight_decay, fused=True
        )
    return torch.optim.SGD(parameters, lr=spec.lr, weight_decay=spec.weight_decay, foreach=False)


class _Progress:
    """A tqdm bar that appears when asked, or by itself once the run looks longer than ~2 s."""

    def __init__(self, total: int, wanted: bool | None) -> None:
        self.total = total
        self.wanted = wanted
        self.bar: tqdm | None = None
        self.start = time.perf_counter()
        if wanted:
            self._open(0)

    def _open(self, done: int) -> None:
        # disable=None lets tqdm stay silent when stderr is not a terminal (auto mode only).
        self.bar = tqdm(
            total=self.total, initial=done, file=sys.stderr, unit="epoch",
            desc="training", leave=False, disable=None if self.wanted is None else False,
        )

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
        elif self.wanted is None and done:
            elapsed = time.perf_counter() - self.start
            expected = elapsed * self.total / done
            if elapsed > PROGRESS_AFTER_SECONDS and expected > PROGRESS_IF_LONGER_THAN:
                self._open(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def train(
    X: np.ndarray,
    y: np.ndarray,
    arch: Architecture,
    spec: TrainSpec,
    seed: int = 0,
    progress: bool | None = None,
) -> Trajectory:
    """Train ``arch`` on ``(X, y)`` full-batch in float64 and return its checkpoints.

    ``seed`` fixes the initial weights; the global torch random state is left as it was.
    ``progress``: True shows a bar, False never, None only for runs longer than ~2 s.
    Raises NnanimError for bad inputs (before any training) and if the loss diverges.

    The same data, network and seed give the same weights, to the last bit:

    >>> from nnanim.core.data import blobs
    >>> X, y = blobs(n=100)
    >>> arch = Architecture.from_table([(2, "tanh")])
    >>> run = train(X, y, arch, TrainSpec(epochs=60), seed=1, progress=False)
    >>> int(run.epochs[-1]), f"{run.final_accuracy:.0%}", bool(run.loss[-1] < run.loss[0])
    (60, '100%', True)
    >>> again = train(X, y, arch, TrainSpec(epochs=60), seed=1, progress=False)
    >>> bool(np.array_equal(again.params, run.params))
    True
    """
    import torch

    from nnanim.core.torch_bridge import build_torch_model, params_from_torch

    X = torch.from_numpy(as_points(X))
    if not isinstance(arch, Architecture):
        raise NnanimError(f"arch: {arch!r} is not an Architecture")
    targets = _check_labels(y, len(X), arch.classes)
    if not isinstance(spec, TrainSpec):
        raise NnanimError(f"spec: {spec!r} is not a TrainSpec")
    seed = check_positive_int("seed", seed, minimum=0, maximum=SEED_MAX)

    wanted = np.zeros(spec.epochs + 1, dtype=bool)
    wanted[checkpoint_epochs(spec.epochs)] = True
    epochs, params, losses, accuracies = [], [], [], []
    cross_entropy = torch.nn.functional.cross_entropy

    with _single_thread(), torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = build_torch_model(arch)
        _initialise(model, arch)
        optimizer = _make_optimizer(spec, model.parameters())
        bar = _Progress(spec.epochs, progress)
        try:
            for epoch in range(spec.epochs + 1):
                logits = model(X)
                loss = cross_entropy(logits, targets)
                loss_value = loss.item()
                if not math.isfinite(loss_value):
                    raise NnanimError(
                        f"training diverged at epoch {epoch} (loss = {loss_value}): try a smaller "
                        f"learning rate, e.g. lr={spec.lr / 10:g}"
                    )
                if wanted[epoch]:
                    epochs.append(epoch)
                    params.append(flatten_params(params_from_torch(model)))
                    losses.append(loss_value)
                    accuracies.append((logits.argmax(dim=1) == targets).double().mean().item())
                if epoch == spec.epochs:
                    break
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                if epoch % 64 == 0:
                    bar.update(epoch)
        finally:
            bar.close()

    return Trajectory(
        arch=arch,
        epochs=np.asarray(epochs, dtype=np.int64),
        params=np.stack(params),
        loss=np.asarray(losses, dtype=np.float64),
        accuracy=np.asarray(accuracies, dtype=np.float64),
    )


def training_seconds(
    X: np.ndarray, y: np.ndarray, arch: Architecture, spec: TrainSpec, seed: int = 0
) -> float:
    """How long ``train`` will take on these points, timed on this machine as it is now.

    Times a run of a few epochs on the real points, after a run that pays for loading torch
    and touching the arrays once. Costs some epochs, so only worth it for a large set, where
    one epoch of a million points takes a good part of a second.
    """
    probe = 3
    train(X, y, arch, replace(spec, epochs=1), seed=seed, progress=False)
    start = time.perf_counter()
    train(X, y, arch, replace(spec, epochs=probe), seed=seed, progress=False)
    return (time.perf_counter() - start) / probe * spec.epochs
