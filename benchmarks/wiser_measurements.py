"""Measure every "wiser boundary" variant over several training seeds (no cache).

Run: ``python benchmarks/wiser_measurements.py [--seeds 3]``. Each variant trains from
``seeds`` different initial weights on the same data; the table gives the median of each
measurement and the verdict those medians support, next to the verdict of seed 0 (the run the
lecture shows), so a lucky or unlucky seed on screen would be visible here. A sweep of weight
decay strengths follows, because "weight decay does not help" should not rest on one value.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

from nnanim.wiser import (
    VARIANTS, Measurements, Variant, Verdict, Yardstick, get_variant, train_variant, verdict,
)

DECAYS = (1e-4, 1e-3, 3e-3, 1e-2, 3e-2)


def median_measurements(runs: list[Measurements]) -> Measurements:
    fields = Measurements.__dataclass_fields__
    return Measurements(**{name: statistics.median(getattr(m, name) for m in runs) for name in fields})


def measure_seeds(variant: Variant, yardstick: Yardstick, seeds: int) -> tuple[list[Measurements], float]:
    runs, seconds = [], []
    for seed in range(seeds):
        start = time.perf_counter()
        trajectory = train_variant(variant.with_seed(seed))
        seconds.append(time.perf_counter() - start)
        runs.append(yardstick.measure(variant, trajectory.final_params))
    return runs, statistics.median(seconds)


def describe(v: Verdict) -> str:
    parts = [v.closeness.replace("_", " ")]
    if v.near_point:
        parts.append("near a point")
    if v.less_accurate:
        parts.append("less accurate")
    return ", ".join(parts)


def row(name: str, m: Measurements, seconds: float, verdicts: str) -> str:
    return (f"{name:<14} {m.test_accuracy:>7.2%} {m.margin_min:>7.3f} {m.margin_median:>7.3f} "
            f"{m.midway_gap:>7.3f} {m.length:>7.2f} {seconds:>6.2f}  {verdicts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    seeds = parser.parse_args().seeds

    plain = get_variant("plain")
    yardstick = Yardstick.for_data(plain.experiment.data)
    print(f"same data for all: {plain.experiment.data.to_dict()}")
    print(f"median over training seeds 0..{seeds - 1}; test: {len(yardstick.X_test)} fresh points; "
          f"the midway line is {yardstick.midway_length:.2f} long around the data")
    header = (f"{'variant':<14} {'test':>7} {'m.min':>7} {'m.med':>7} {'midway':>7} {'length':>7} "
              f"{'train s':>6}  verdict (median | seed 0)")
    print(header)
    print("-" * (len(header) + 20))
    runs = {v.key: measure_seeds(v, yardstick, seeds) for v in VARIANTS}
    plain_runs, _ = runs["plain"]
    plain_median = median_measurements(plain_runs)
    for v in VARIANTS:
        measured, seconds = runs[v.key]
        m = median_measurements(measured)
        verdicts = f"{describe(verdict(m, plain_median))} | {describe(verdict(measured[0], plain_runs[0]))}"
        print(row(v.key, m, seconds, verdicts))
    print("\nweight decay sweep (10 tanh, same data):")
    decay = get_variant("decay")
    for strength in DECAYS:
        exp = decay.experiment
        variant = replace(decay, experiment=replace(exp, train=replace(exp.train, weight_decay=strength)))
        measured, seconds = measure_seeds(variant, yardstick, seeds)
        m = median_measurements(measured)
        print(row(f"decay {strength:g}", m, seconds, describe(verdict(m, plain_median))))


if __name__ == "__main__":
    main()
