"""Chance in training: the same network from other initial weights, or on another draw of data.

A tiny network's result depends on its seeds: 2 tanh units separate the swiss roll from most
initial weights and get stuck from a few. ``measure`` trains an experiment over training
seeds × data seeds (the evidence behind every preset's published rate); ``seed_spread`` trains
one experiment from several training seeds and says, in one line, when a run is stuck far
below what the same network reaches from other seeds.
"""

from __future__ import annotations

import multiprocessing
import statistics
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
from tqdm import tqdm

from nnanim.core.data import DataSpec
from nnanim.errors import SEED_MAX, NnanimError, check_positive_int
from nnanim.core.experiments import Experiment, Outcome, run_training
from nnanim.core.rates import Rate
from nnanim.core.trajectory import Trajectory

WORKERS = 2
"""Training processes at a time (each with one torch thread): a laptop's cores."""
STUCK_GAP = 0.10
"""A run this far (in accuracy) below the best run of the same network is stuck, not unlucky:
on the presets, runs that found the network's solution differ by at most a few points."""
MAX_SEEDS = 1000


def reseeded(exp: Experiment, training_seed: int, data_seed: int | None = None) -> Experiment:
    """``exp`` from other initial weights and, if ``data_seed`` is given, another draw of data."""
    if data_seed is None:
        return replace(exp, seed=training_seed)
    if not isinstance(exp.data, DataSpec):
        raise NnanimError(f"{exp.name}: its data is read from a file, so it has no data seed")
    return replace(exp, seed=training_seed, data=replace(exp.data, seed=data_seed))


def _one_thread() -> None:
    import torch

    torch.set_num_threads(1)


def _train(exp: Experiment) -> Trajectory:
    return run_training(exp, progress=False)


def _done(bar: tqdm, trajectory: Trajectory) -> Trajectory:
    bar.update()
    return trajectory


def train_all(experiments: Sequence[Experiment], workers: int = WORKERS,
              progress: bool = False) -> list[Trajectory]:
    """Train every experiment (no cache), ``workers`` at a time, results in the given order.

    ``progress`` shows a bar of the runs done on stderr.
    """
    bar = tqdm(total=len(experiments), unit="run", desc="training", file=sys.stderr,
               leave=False, disable=not progress)
    with bar:
        if workers <= 1 or len(experiments) <= 1:
            return [_done(bar, _train(exp)) for exp in experiments]
        # fork (as torch's own DataLoader workers do): spawn would re-run the caller's script
        # in every worker, and one torch thread per worker keeps forked OpenMP out of the way.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_one_thread) as pool:
            return [_done(bar, trajectory) for trajectory in pool.map(_train, experiments)]


@dataclass(frozen=True)
class Runs:
    """One experiment trained over a grid of (training seed, data seed) pairs."""

    experiment: Experiment
    seeds: tuple[tuple[int, int], ...]
    trajectories: tuple[Trajectory, ...]

    @property
    def accuracies(self) -> np.ndarray:
        """Final training accuracy of each run, in the order of ``seeds``."""
        return np.array([t.final_accuracy for t in self.trajectories])

    def rate(self, outcome: Outcome | None = None) -> Rate:
        """How many runs kept the claim (the experiment's own outcome by default)."""
        outcome = self._outcome(outcome)
        return Rate(sum(outcome.holds(float(a)) for a in self.accuracies), len(self.seeds))

    def missed(self, outcome: Outcome | None = None) -> np.ndarray:
        """Final accuracies of the runs that missed the claim, lowest first: where the
        runs a lecture cannot promise end up (``Outcome.missed`` publishes their range)."""
        outcome = self._outcome(outcome)
        return np.sort([a for a in self.accuracies if not outcome.holds(float(a))])

    def _outcome(self, outcome: Outcome | None) -> Outcome:
        outcome = outcome or self.experiment.outcome
        if outcome is None:
            raise NnanimError(f"{self.experiment.name}: no outcome to count runs against")
        return outcome


def seed_grid(training_seeds: Iterable[int],
              data_seeds: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Every (training seed, data seed) pair: each draw of the data from each initial weights."""
    training = tuple(training_seeds)
    return tuple((t, d) for d in data_seeds for t in training)


def measure(exp: Experiment, seeds: Iterable[tuple[int, int]], workers: int = WORKERS) -> Runs:
    """Train ``exp`` once per (training seed, data seed) pair."""
    seeds = tuple(seeds)
    trajectories = train_all([reseeded(exp, t, d) for t, d in seeds], workers)
    return Runs(exp, seeds, tuple(trajectories))


def parse_seeds(text: str) -> tuple[int, ...]:
    """``"0-19"``, ``"3"`` or ``"0,4,7-9"`` as seeds in the order given, each once."""
    seeds: list[int] = []
    for part in str(text).split(","):
        first, dash, last = part.strip().partition("-")
        try:
            low = int(first)
            high = int(last) if dash else low
        except ValueError:
            raise NnanimError(
                f"--seeds: {text!r} is not a list of seeds; write e.g. 0-19 or 0,4,7-9"
            ) from None
        if low > high:
            raise NnanimError(f"--seeds: {part.strip()!r} runs backwards; write {high}-{low}")
        for seed in (low, high):
            check_positive_int("--seeds", seed, minimum=0, maximum=SEED_MAX)
        seeds.extend(range(low, high + 1))
        if len(seeds) > MAX_SEEDS:
            raise NnanimError(f"--seeds: more than {MAX_SEEDS} seeds; give a shorter range")
    return tuple(dict.fromkeys(seeds))


def seed_list(seeds: Sequence[int]) -> str:
    """``(0, 1, 2, 5, 7, 8)`` as ``0–2, 5, 7–8``."""
    parts: list[str] = []
    ordered = sorted(seeds)
    start = previous = ordered[0]
    for seed in [*ordered[1:], None]:
        if seed is not None and seed == previous + 1:
            previous = seed
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if seed is not None:
            start = previous = seed
    return ", ".join(parts)


def _pct(accuracy: float) -> str:
    return f"{100 * accuracy:.1f} %"


@dataclass(frozen=True)
class Spread:
    """One experiment trained from several training seeds (same data): how far apart they end."""

    experiment: Experiment
    seeds: tuple[int, ...]
    accuracies: tuple[float, ...]

    @property
    def stuck(self) -> tuple[int, ...]:
        """Seeds that ended more than ``STUCK_GAP`` below the best seed."""
        best = max(self.accuracies)
        return tuple(s for s, a in zip(self.seeds, self.accuracies) if a < best - STUCK_GAP)

    def describe(self) -> list[str]:
        """The lines ``nnanim train --seeds`` prints: the spread, then any warning."""
        exp, accuracies = self.experiment, self.accuracies
        lines = [f"{exp.name}: {exp.arch.describe()}, {len(self.seeds)} training "
                 f"seed{'s' if len(self.seeds) > 1 else ''} ({seed_list(self.seeds)})"]
        if len(self.seeds) > 1:
            low, high = int(np.argmin(accuracies)), int(np.argmax(accuracies))
            lines.append(f"  accuracy  median {_pct(statistics.median(accuracies))}, lowest "
                         f"{_pct(accuracies[low])} (seed {self.seeds[low]}), highest "
                         f"{_pct(accuracies[high])} (seed {self.seeds[high]})")
        lines.extend(self._per_seed())
        warning = self._stuck_warning()
        if warning:
            lines.append(warning)
        if exp.outcome is not None:
            lines.append(self._against_claim(exp.outcome))
        return lines

    def _per_seed(self, per_line: int = 5) -> list[str]:
        width = len(str(max(self.seeds)))
        cells = [f"{s:>{width}}: {_pct(a):>7}" for s, a in zip(self.seeds, self.accuracies)]
        rows = ["   ".join(cells[i:i + per_line]) for i in range(0, len(cells), per_line)]
        return [("  seed      " if i == 0 else " " * 12) + row for i, row in enumerate(rows)]

    def _stuck_warning(self) -> str | None:
        stuck = self.stuck
        if not stuck:
            return None
        free = [(s, a) for s, a in zip(self.seeds, self.accuracies) if s not in stuck]
        reached = sorted(a for _, a in free)
        value = _pct(reached[0]) if reached[0] == reached[-1] else \
            f"{100 * reached[0]:.1f}–{_pct(reached[-1])}"
        found = [a for s, a in zip(self.seeds, self.accuracies) if s in stuck]
        free_seeds = seed_list([s for s, _ in free])
        if len(stuck) == 1:
            return (f"seed {stuck[0]} reached {_pct(found[0])}, far below the {value} that "
                    f"seed{'s' if len(free) > 1 else ''} {free_seeds} reach: it is stuck; "
                    "try another seed")
        return (f"seeds {seed_list(stuck)} reached {', '.join(_pct(a) for a in found)}, far "
                f"below the {value} that seed{'s' if len(free) > 1 else ''} {free_seeds} "
                "reach: they are stuck; try another seed")

    def _against_claim(self, outcome: Outcome) -> str:
        held = sum(outcome.holds(a) for a in self.accuracies)
        published = outcome.measured
        return (f"  claim     {outcome.describe()}: held for {held} of {len(self.seeds)} seeds "
                f"here; measured over many seeds: {published.describe()}")


def seed_spread(exp: Experiment, seeds: Sequence[int], workers: int = WORKERS,
                progress: bool = False) -> Spread:
    """Train ``exp`` from each training seed (data unchanged, no cache) and collect the spread.

    ``progress`` shows a bar of the seeds done on stderr.
    """
    seeds = tuple(dict.fromkeys(seeds))
    if not seeds:
        raise NnanimError("--seeds: no seeds given; write e.g. 0-19")
    trajectories = train_all([reseeded(exp, s) for s in seeds], workers, progress)
    return Spread(exp, seeds, tuple(t.final_accuracy for t in trajectories))
