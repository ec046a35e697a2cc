"""Measure every "wiser boundary" variant over several training seeds (no cache).

Run: ``python benchmarks/wiser_measurements.py [--seeds 3]``. Each variant trains from
``seeds`` different initial weights on the same data; the table gives the median of each
measurement and the verdict those medians support, next to the verdict of seed 0 (the run the
lecture shows), so a lucky or unlucky seed on screen would be visible here. A sweep of weight
decay strengths follows, because "weight decay does not help" should not rest on one value,
and the 2-unit network E3 with and without jitter, the other candidate for the plain fit.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, replace

from nnanim.core.experiments import get_preset
from nnanim.studies.wiser_boundary import (
    VARIANTS,
    Jitter,
    Measurements,
    Variant,
    Verdict,
    Yardstick,
    get_variant,
    train_variant,
    verdict,
)

DECAYS = (1e-4, 1e-3, 3e-3, 1e-2, 3e-2)


@dataclass(frozen=True)
class Seeds:
    """One variant trained from several seeds: every run's numbers and the median run time."""

    runs: list[Measurements]
    seconds: float

    @property
    def median(self) -> Measurements:
        fields = Measurements.__dataclass_fields__
        return Measurements(**{name: statistics.median(getattr(m, name) for m in self.runs)
                               for name in fields})

    @property
    def worst_test(self) -> float:
        """A network that sometimes fails to separate shows here, not in the median."""
        return min(m.test_accuracy for m in self.runs)


def measure_seeds(variant: Variant, yardstick: Yardstick, seeds: int) -> Seeds:
    runs, seconds = [], []
    for seed in range(seeds):
        start = time.perf_counter()
        trajectory = train_variant(variant.with_seed(seed))
        seconds.append(time.perf_counter() - start)
        runs.append(yardstick.measure(variant, trajectory.final_params))
    return Seeds(runs, statistics.median(seconds))


def describe(v: Verdict) -> str:
    parts = [v.closeness.replace("_", " ")]
    if v.near_point:
        parts.append("near a point")
    if v.less_accurate:
        parts.append("less accurate")
    return ", ".join(parts)


def row(name: str, seeds: Seeds, verdicts: str) -> str:
    m = seeds.median
    return (f"{name:<12} {m.test_accuracy:>7.2%} {seeds.worst_test:>7.2%} {m.margin_min:>6.3f} "
            f"{m.margin_median:>6.3f} {m.midway_gap:>6.3f} {m.length:>6.2f} {seeds.seconds:>6.2f}"
            f"  {verdicts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    n_seeds = parser.parse_args().seeds

    plain = get_variant("plain")
    yardstick = Yardstick.for_data(plain.experiment.data)
    print(f"same data for all: {plain.experiment.data.to_dict()}")
    print(f"training seeds 0..{n_seeds - 1}; test: {len(yardstick.X_test)} fresh points; "
          f"the midway line is {yardstick.midway_length:.2f} long around the data")
    header = (f"{'variant':<12} {'test':>7} {'worst':>7} {'m.min':>6} {'m.med':>6} "
              f"{'midway':>6} {'length':>6} {'train':>6}  verdict")
    print(header)
    print(f"{'':<12} {'median':>7} {'test':>7} {'':>6} {'':>6} {'gap':>6} {'':>6} "
          f"{'s':>6}  (of the medians | of seed 0, shown in the lecture)")
    print("-" * (len(header) + 40))
    results = {v.key: measure_seeds(v, yardstick, n_seeds) for v in VARIANTS}
    baseline = results["plain"]
    for v in VARIANTS:
        seeds = results[v.key]
        shown = verdict(seeds.runs[0], baseline.runs[0])
        print(row(v.key, seeds, f"{describe(verdict(seeds.median, baseline.median))} | "
                                f"{describe(shown)}"))

    print("\nweight decay sweep (10 tanh, same data), against the plain median:")
    decay = get_variant("decay")
    for strength in DECAYS:
        exp = decay.experiment
        variant = replace(decay, experiment=replace(exp, train=replace(exp.train,
                                                                       weight_decay=strength)))
        seeds = measure_seeds(variant, yardstick, n_seeds)
        print(row(f"decay {strength:g}", seeds, describe(verdict(seeds.median, baseline.median))))

    print("\nthe 2-unit layer (E3) as the plain fit instead, same data:")
    e3 = Variant("E3", get_preset("E3"))
    for name, variant in (("E3", e3), ("E3 + jitter", replace(e3, jitter=Jitter()))):
        seeds = measure_seeds(variant, yardstick, n_seeds)
        gaps = " ".join(f"{run.midway_gap:.2f}" for run in seeds.runs)
        print(row(name, seeds, f"midway gap per seed: {gaps}"))


if __name__ == "__main__":
    main()
