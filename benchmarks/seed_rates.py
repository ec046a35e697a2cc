"""How often each preset's claim holds over many seeds, and how often E5 shows islands.

Run: ``python benchmarks/seed_rates.py [--training-seeds 20] [--data-seeds 5] [E3 E4 ...]``.
Every preset trains from each training seed on each data seed (no cache, two processes);
the table gives how many runs kept the preset's claim, the exact 95 % interval of that rate,
the median and lowest final accuracy, and where the runs that missed the claim ended (their
lowest and highest final accuracy, and how many ended in each 5-point band). Then: how often the 5-layer E4 reaches 97 % sooner
than the 1-layer E3 on the same seeds, and how often E5 (10 tanh units) splits its boundary
into islands early in training. The counts go into ``Outcome(measured=...)`` in
``nnanim/core/experiments.py``, the missed runs' range into ``Outcome(missed=...)`` and the islands
rate into ``nnanim.core.experiments.EARLY_ISLANDS``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from nnanim.studies.chance import WORKERS, Runs, measure, reseeded, seed_grid
from nnanim.core.data import make_dataset
from nnanim.core.experiments import PRESETS, get_preset
from nnanim.geometry.boundary import ISLAND_RESOLUTION, decision_boundary
from nnanim.geometry.framing import data_view
from nnanim.core.rates import Rate, percent
from nnanim.core.trajectory import Trajectory

EARLY_EPOCHS = 100
"""Islands the training chapter can show: after the first step, within the first 100 epochs
(the first third of the video's time, where checkpoints are dense)."""


def curve_counts(trajectory: Trajectory, X: np.ndarray) -> list[int]:
    """Boundary curves in the data window at every checkpoint of epochs 1 to ``EARLY_EPOCHS``."""
    box = data_view(np.asarray(X, dtype=np.float64))
    return [len(decision_boundary(trajectory.checkpoint(k), trajectory.arch, box,
                                  ISLAND_RESOLUTION))
            for k, epoch in enumerate(trajectory.epochs) if 1 <= epoch <= EARLY_EPOCHS]


def _counts(job: tuple[Trajectory, np.ndarray]) -> list[int]:
    return curve_counts(*job)


def island_table(runs: Runs) -> list[str]:
    """How often, and for how long, each E5 run shows islands early in training."""
    exp = runs.experiment
    jobs = [(t, make_dataset(reseeded(exp, seed, d).data)[0])
            for t, (seed, d) in zip(runs.trajectories, runs.seeds)]
    with ProcessPoolExecutor(WORKERS) as pool:
        counts = list(pool.map(_counts, jobs))
    split = [sum(c >= 2 for c in run) for run in counts]
    rate = Rate(sum(n > 0 for n in split), len(split))
    lines = [f"{exp.name}: boundary in >= 2 curves at some checkpoint of epochs 1-{EARLY_EPOCHS}: "
             f"{rate.describe()}",
             f"  checkpoints with islands when there are any: median "
             f"{statistics.median([n for n in split if n] or [0])}",
             "  data seed 0, by training seed (checkpoints with >= 2 curves, most curves):"]
    for (seed, data_seed), n, run in zip(runs.seeds, split, counts):
        if data_seed == 0:
            lines.append(f"    seed {seed:>2}: {n:>3} checkpoints, up to {max(run)} curves")
    return lines


def missed_range(runs: Runs) -> str:
    """``70.00–84.25 %`` (lowest–highest final accuracy of the runs that missed), or ``–``:
    to the hundredth, as accuracies on 400 points are, for ``Outcome.missed``."""
    missed = runs.missed()
    if not len(missed):
        return "–"
    return f"{100 * missed[0]:.2f}–{100 * missed[-1]:.2f} %"


def missed_bands(missed: np.ndarray, step: int = 5) -> str:
    """``70–75 %: 16, 80–85 %: 11``: how the missed runs' final accuracies spread."""
    # Rounded first: 0.7 / 0.05 is 13.999... in floating point, and 70.0 % belongs to 70–75.
    bands = np.floor(np.round(100 * np.asarray(missed), 6) / step).astype(int)
    return ", ".join(f"{step * band}–{step * (band + 1)} %: {int(np.sum(bands == band))}"
                     for band in np.unique(bands))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("presets", nargs="*", default=list(PRESETS))
    parser.add_argument("--training-seeds", type=int, default=20)
    parser.add_argument("--data-seeds", type=int, default=5)
    args = parser.parse_args()

    print(f"{args.training_seeds} training seeds × {args.data_seeds} data seeds per preset\n")
    print("| preset | network | claim | runs that keep it | 95 % interval | median | lowest "
          "| the others end at | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    measured: dict[str, Runs] = {}
    for name in args.presets:
        exp = get_preset(name)
        start = time.perf_counter()
        runs = measure(exp, seed_grid(range(args.training_seeds), range(args.data_seeds)))
        seconds = time.perf_counter() - start
        measured[name] = runs
        rate, accuracies = runs.rate(), runs.accuracies
        low, high = rate.interval()
        print(f"| {name} | {exp.arch.describe()} | {exp.outcome.describe()} | "
              f"{rate.successes} of {rate.runs} | {percent(low, unit=False)}–{percent(high)} | "
              f"{100 * np.median(accuracies):.1f} % | {100 * accuracies.min():.1f} % | "
              f"{missed_range(runs)} | {seconds:.0f} |", flush=True)
    for name, runs in measured.items():
        if len(runs.missed()):
            print(f"\n{name}, runs that missed the claim by final accuracy: "
                  f"{missed_bands(runs.missed())}")

    if "E3" in measured and "E4" in measured:
        deep = [t.epochs_to_accuracy(0.97) for t in measured["E4"].trajectories]
        shallow = [t.epochs_to_accuracy(0.97) for t in measured["E3"].trajectories]
        sooner = sum(d is not None and (s is None or d < s) for d, s in zip(deep, shallow))
        print(f"\nE4 reaches 97 % sooner than E3 on the same seeds: "
              f"{Rate(sooner, len(deep)).describe()}")
    if "E5" in measured:
        print()
        print("\n".join(island_table(measured["E5"])))


if __name__ == "__main__":
    main()
