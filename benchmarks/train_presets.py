"""Time the training of every preset (no cache) and show what each one reaches.

Run: ``python benchmarks/train_presets.py [--repeats 3]``. Each preset is trained
``repeats`` times; the table gives the median wall time, and checks that the repeats are
bitwise identical (they must be: the video is rebuilt from them).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from nnanim.core.experiments import PRESETS, run_training


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats

    header = f"{'preset':<6} {'lr':>5} {'epochs':>6} {'seed':>4} {'median s':>8} {'ep/s':>6} " \
             f"{'final acc':>9} {'ep to 97%':>9} {'identical':>9}  network"
    print(header)
    print("-" * (len(header) + 30))
    total = 0.0
    for name, exp in PRESETS.items():
        seconds, runs = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            runs.append(run_training(exp, progress=False))
            seconds.append(time.perf_counter() - start)
        median = statistics.median(seconds)
        total += median
        first = runs[0]
        identical = all(np.array_equal(first.params, run.params) for run in runs[1:])
        reached = first.epochs_to_accuracy(0.97)
        print(
            f"{name:<6} {exp.train.lr:>5g} {exp.train.epochs:>6} {exp.seed:>4} {median:>8.2f} "
            f"{exp.train.epochs / median:>6.0f} {first.final_accuracy:>9.1%} "
            f"{'never' if reached is None else reached:>9} {'yes' if identical else 'NO':>9}  "
            f"{exp.arch.describe()}"
        )
    print(f"all presets, one training each: {total:.2f} s")


if __name__ == "__main__":
    main()
