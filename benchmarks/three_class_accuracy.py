"""How reliably the three-class presets reach their accuracy: each trained over many seeds.

Run: ``python benchmarks/three_class_accuracy.py [--seeds 10]``. The preset's data stays as it
is; only the training seed (the initial weights) changes, so the table shows how much a
lecture's claim depends on the luck of the initialisation.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics

import numpy as np

from nnanim.core.experiments import PRESETS, Experiment, run_training
from nnanim.core.model import Architecture

LINEAR_SPIRAL = dataclasses.replace(
    PRESETS["K2"], name="K2-linear", arch=Architecture.from_table([(2, "linear")], classes=3)
)
"""The control: K2's spiral with K1's linear network, which the claim says must fail."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    seeds = range(parser.parse_args().seeds)
    print(f"{'preset':<9} {'seeds':>5} {'min':>6} {'median':>6} {'mean':>6} {'>= 99 %':>7}  network")
    experiments: list[Experiment] = [PRESETS["K1"], PRESETS["K2"], LINEAR_SPIRAL]
    for exp in experiments:
        finals = np.array([
            run_training(dataclasses.replace(exp, seed=seed), progress=False).final_accuracy
            for seed in seeds
        ])
        print(
            f"{exp.name:<9} {len(finals):>5} {finals.min():>6.1%} {statistics.median(finals):>6.1%} "
            f"{finals.mean():>6.1%} {int(np.sum(finals >= 0.99)):>4}/{len(finals):<2}  "
            f"{exp.arch.describe()} on {exp.data.name}"
        )


if __name__ == "__main__":
    main()
