"""Chance: rates with honest intervals, presets' claims as rates, and stuck seeds named."""

from __future__ import annotations

import dataclasses

import pytest

from nnanim.studies.chance import Spread, measure, parse_seeds, reseeded, seed_grid, seed_list, seed_spread
from nnanim.core.data import DataSpec
from nnanim.errors import NnanimError
from nnanim.core.experiments import PRESETS, Experiment, get_preset, run_training
from nnanim.core.model import Architecture
from nnanim.core.rates import Rate, percent
from nnanim.core.train import TrainSpec

TINY = Experiment(
    name="tiny", title="Tiny", data=DataSpec("blobs", n=40),
    arch=Architecture.from_table([(2, "tanh")]), train=TrainSpec(epochs=30),
)


# --- rates ------------------------------------------------------------------------------------

def test_twenty_of_twenty_allows_a_rate_as_low_as_83_percent() -> None:
    low, high = Rate(20, 20).interval()
    assert low == pytest.approx(0.025 ** (1 / 20)) and high == 1.0


def test_the_interval_holds_the_observed_rate_and_narrows_with_more_runs() -> None:
    few, many = Rate(13, 20).interval(), Rate(65, 100).interval()
    assert few[0] < 0.65 < few[1] and many[0] < 0.65 < many[1]
    assert many[1] - many[0] < few[1] - few[0]
    assert Rate(0, 10).interval()[0] == 0.0


def test_a_handful_of_fresh_runs_contradicts_a_rate_only_when_far_below_it() -> None:
    published = Rate(64, 100)
    assert not published.contradicted_by(3, 8)
    assert published.contradicted_by(0, 8)
    assert not Rate(100, 100).contradicted_by(7, 8)
    assert Rate(100, 100).contradicted_by(4, 8)


def test_rates_are_described_without_rounding_up_to_certainty() -> None:
    assert Rate(199, 200).describe().startswith("199 of 200 (99 %; 95 % interval")
    assert percent(0.996) == "99 %" and percent(1.0) == "100 %" and percent(0.001) == "1 %"


@pytest.mark.parametrize("successes, runs", [(3, 2), (-1, 4), (0, 0), (1.5, 3)])
def test_impossible_counts_are_refused(successes, runs) -> None:
    with pytest.raises(NnanimError, match="successes|rate"):
        Rate(successes, runs)


# --- seeds ------------------------------------------------------------------------------------

def test_seed_ranges_parse_in_order_each_once() -> None:
    assert parse_seeds("0-19") == tuple(range(20))
    assert parse_seeds("7, 0,4,7-9") == (7, 0, 4, 8, 9)
    assert seed_list((0, 1, 2, 5, 7, 8)) == "0–2, 5, 7–8"


@pytest.mark.parametrize("text, problem", [("5-3", "backwards"), ("a-b", "e.g. 0-19"),
                                           ("0-5000", "more than"), ("-1", "seeds")])
def test_bad_seed_ranges_say_how_to_write_them(text: str, problem: str) -> None:
    with pytest.raises(NnanimError, match=problem):
        parse_seeds(text)


def test_the_grid_pairs_every_data_seed_with_every_training_seed() -> None:
    assert seed_grid(range(3), (7, 8)) == ((0, 7), (1, 7), (2, 7), (0, 8), (1, 8), (2, 8))


def test_reseeding_changes_the_weights_seed_and_optionally_the_data() -> None:
    exp = reseeded(get_preset("E3"), 11, 3)
    assert (exp.seed, exp.data.seed) == (11, 3)
    assert reseeded(exp, 4).data.seed == 3


# --- spread of one network over seeds ---------------------------------------------------------

def test_a_stuck_seed_is_named_in_one_line() -> None:
    spread = Spread(TINY, tuple(range(20)), (0.69,) + (0.995,) * 19)
    lines = spread.describe()
    assert spread.stuck == (0,)
    assert ("seed 0 reached 69.0 %, far below the 99.5 % that seeds 1–19 reach: it is stuck; "
            "try another seed") in lines
    assert "lowest 69.0 % (seed 0)" in lines[1]


def test_seeds_that_all_reach_about_the_same_get_no_warning() -> None:
    spread = Spread(TINY, (0, 1, 2), (0.69, 0.71, 0.70))
    assert spread.stuck == ()
    assert not any("stuck" in line for line in spread.describe())


def test_several_stuck_seeds_share_one_line_with_the_range_the_others_reach() -> None:
    lines = Spread(TINY, (0, 1, 2, 3), (0.74, 1.0, 0.98, 0.735)).describe()
    assert ("seeds 0, 3 reached 74.0 %, 73.5 %, far below the 98.0–100.0 % that seeds 1–2 "
            "reach: they are stuck; try another seed") in lines


def test_a_preset_spread_compares_with_its_published_rate() -> None:
    exp = get_preset("E3")
    line = Spread(exp, (0, 1), (1.0, 0.74)).describe()[-1]
    rate = exp.outcome.measured
    assert f"held for 1 of 2 seeds here; measured over many seeds: {rate.successes} of " \
           f"{rate.runs}" in line


def test_seed_spread_trains_each_seed_exactly_as_a_single_run_does() -> None:
    spread = seed_spread(TINY, (2, 0, 1))
    assert spread.seeds == (2, 0, 1)
    alone = [run_training(dataclasses.replace(TINY, seed=s)).final_accuracy for s in (2, 0, 1)]
    assert list(spread.accuracies) == alone


def test_a_file_of_points_has_no_data_seed() -> None:
    class Points:
        classes = 2

        def load(self):
            raise AssertionError("not loaded")

        def to_dict(self):
            return {}

    with pytest.raises(NnanimError, match="no data seed"):
        reseeded(dataclasses.replace(TINY, data=Points()), 0, 1)


# --- the presets' claims as rates -------------------------------------------------------------

FRESH = [(20 + i, 5 + i) for i in range(8)]
"""(training seed, data seed) pairs outside the grid the published rates were measured on."""


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n, e in PRESETS.items()
                                  if e.outcome.measured.successes < e.outcome.measured.runs])
def test_fresh_runs_agree_with_the_published_rate(name: str) -> None:
    """Eight new seeds of every claim that does not always hold: the count must not be far
    below the published rate (one-sided binomial test against its interval, alpha 1 %)."""
    exp = PRESETS[name]
    runs = measure(exp, FRESH)
    kept = runs.rate()
    assert not exp.outcome.measured.contradicted_by(kept.successes, kept.runs), (
        f"{name}: {exp.outcome.describe()} held in {kept.successes} of {kept.runs} fresh runs "
        f"(accuracies {', '.join(f'{a:.3f}' for a in runs.accuracies)}); published: "
        f"{exp.outcome.measured.describe()}"
    )
    if exp.outcome.missed is None:
        return
    # Where the runs that missed end, as the lecture says it (within a point): E3's fresh
    # misses end at 74.5, 75.25, 81.25 and 84.25 %, not all "near 74 %".
    low, high = exp.outcome.missed
    assert all(low - 0.01 <= a <= high + 0.01 for a in runs.missed()), (
        f"{name}: fresh runs that missed ended at {', '.join(f'{a:.3f}' for a in runs.missed())}"
        f"; published: {low:.3f}-{high:.3f}")
