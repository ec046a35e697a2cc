"""A large data set: drawn as a sample that keeps every class's share, said on screen, measured
on every point, and its training time announced before it trains.

Timings are measured in ``benchmarks/large_data.py``, never asserted here.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import tempconfig

from nnanim.anim.shapes import DotCloud2D
from nnanim.core.experiment_file import load_experiment_file
from nnanim.core.model import Architecture, accuracy, accuracy_and_loss, cross_entropy
from nnanim.core.run import prepare, run_of
from nnanim.core.subsample import DRAWN_POINTS, class_shares, drawn_points

ROOT = Path(__file__).resolve().parents[1]


def shuffled_labels(*counts: int, seed: int = 1) -> np.ndarray:
    y = np.concatenate([np.full(count, label) for label, count in enumerate(counts)])
    np.random.default_rng(seed).shuffle(y)
    return y


def write_blobs(folder: Path, n: int, epochs: int = 60) -> Path:
    """Two blobs of ``n`` points as a CSV file and an experiment file naming it."""
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 2)) * 0.6 + np.where(y[:, None] == 1, 1.5, -1.5)
    np.savetxt(folder / "many.csv", np.column_stack([X, y]), fmt=["%.5f", "%.5f", "%d"],
               delimiter=",")
    (folder / "many.toml").write_text(
        f'layers = [[2, "tanh"]]\n\n[data]\ncsv = "many.csv"\n\n[train]\nepochs = {epochs}\n')
    return folder / "many.toml"


def test_a_set_no_larger_than_the_limit_is_drawn_whole():
    y = shuffled_labels(200, 200)
    assert drawn_points(y).tolist() == list(range(400))
    assert drawn_points(shuffled_labels(DRAWN_POINTS // 2, DRAWN_POINTS // 2)).size == DRAWN_POINTS


def test_a_large_set_is_drawn_as_a_sample_keeping_every_class_share():
    y = shuffled_labels(700_000, 299_990, 10)
    keep = drawn_points(y)
    assert len(keep) == DRAWN_POINTS and np.all(np.diff(keep) > 0)  # distinct, in data order
    assert np.bincount(y[keep]).tolist() == [3500, 1499, 1]  # a class of 10 still shows
    assert np.array_equal(keep, drawn_points(y))  # the same sample every render
    assert not np.array_equal(keep, drawn_points(y, seed=1))
    assert keep[-1] > 10 * DRAWN_POINTS  # from all of the data, not its first rows


@pytest.mark.parametrize("counts, total, shares", [
    ((5, 7, 11), 10, [2, 3, 5]),                    # largest remainder: 2.17, 3.04, 4.78
    ((333_334, 333_333, 333_333), 1000, [334, 333, 333]),
    ((1, 999_999), 1000, [1, 999]),                  # a class of one point is still drawn
])
def test_class_shares_add_up_and_follow_the_data(counts, total, shares):
    assert class_shares(shuffled_labels(*counts), total).tolist() == shares


def test_accuracy_and_loss_in_one_pass_are_the_two_measures():
    rng = np.random.default_rng(0)
    arch = Architecture.from_table([(3, "tanh")])
    params = [(rng.normal(size=(3, 2)), rng.normal(size=3)),
              (rng.normal(size=(2, 3)), rng.normal(size=2))]
    X, y = rng.normal(size=(1000, 2)), rng.integers(0, 2, 1000)
    assert accuracy_and_loss(params, arch, X, y) == (
        accuracy(params, arch, X, y), cross_entropy(params, arch, X, y))


def test_a_run_draws_the_sample_and_keeps_every_point_to_measure(tmp_path):
    run = run_of(load_experiment_file(write_blobs(tmp_path, 12_000)))
    assert run.thinned and len(run.X) == 12_000 and len(run.shown_X) == DRAWN_POINTS
    keep = drawn_points(run.y)
    assert np.array_equal(run.shown_X, run.X[keep]) and np.array_equal(run.shown_y, run.y[keep])
    (preset,) = prepare(["E1"])
    assert not preset.thinned and np.array_equal(preset.shown_X, preset.X)


def test_every_window_of_a_large_experiment_draws_at_most_the_sample(tmp_path, monkeypatch):
    """The whole experiment chapter, run as manim's dry run (no frame drawn)."""
    from nnanim.anim.lecture import LectureScene
    from nnanim.anim.storyboards import play_experiment

    run = run_of(load_experiment_file(write_blobs(tmp_path, 12_000)))
    counts = []
    move_dots = DotCloud2D.move_dots

    def counting(self, centers):
        counts.append(len(centers))
        return move_dots(self, centers)

    monkeypatch.setattr(DotCloud2D, "move_dots", counting)

    class Chapter(LectureScene):
        def construct(self):
            play_experiment(self, run)

    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True,
                     "media_dir": str(tmp_path / "media")}):
        Chapter(skip_animations=True).render()
    share = max(class_shares(run.y, DRAWN_POINTS))
    assert max(counts) == share  # the larger class's share of the sample, never more


@pytest.mark.slow
def test_a_large_set_says_what_training_and_drawing_cost_and_shows_it_on_screen(tmp_path):
    write_blobs(tmp_path, 12_000)
    result = subprocess.run(
        [sys.executable, "-m", "nnanim.command.cli", "render", "many.toml", "--quick", "-q", "l"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
        env={**os.environ, "NNANIM_CACHE_DIR": str(tmp_path / "cache")})  # not trained yet
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("many: 12,000 points, 60 epochs: training takes about ")
    assert lines[0].endswith(" (timed on its first epochs)")
    assert lines[1].startswith("many: 2 tanh → 2 softmax, accuracy ")  # trained after it
    assert lines[2].startswith(
        "many: the video draws 5,000 of the 12,000 points, every class keeping its share (said "
        "on screen); accuracy and loss are measured on all of them")
    video = tmp_path / "media" / "videos" / "experiment" / "480p15"
    subtitles = {lang: (video / f"many-quick.{lang}.srt").read_text(encoding="utf-8")
                 for lang in ("en", "ja")}
    assert "showing 5,000 of 12,000 points" in subtitles["en"]
    assert "全 12,000 点のうち 5,000 点を表示" in subtitles["ja"]
