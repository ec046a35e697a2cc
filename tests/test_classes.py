"""More than two classes: one softmax output per class, from the file to the trained network."""

import re
from pathlib import Path

import numpy as np
import pytest
from manim import tempconfig

from nnanim.anim.chapters.training import FIELD_SHAPE
from nnanim.anim.layout import WINDOW
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import play_experiment
from nnanim.core.experiment_file import load_experiment_file, read_points_csv
from nnanim.core.data import three_blobs, three_spiral
from nnanim.errors import NnanimError
from nnanim.geometry.classes import class_field
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, accuracy, forward_stages
from nnanim.core.run import run_of
from nnanim.core.train import TrainSpec, train
from nnanim.core.trajectory import Trajectory

from tie_truth import PIXELS_PER_UNIT, distances_to_lines, thin_wedge_network, true_ties

THREE = Architecture.from_table([(4, "tanh")], classes=3)


@pytest.fixture(scope="module")
def spiral_run() -> tuple[Trajectory, np.ndarray, np.ndarray]:
    X, y = three_spiral(n=150, seed=2)
    return train(X, y, THREE, TrainSpec(lr=0.05, epochs=200), seed=1, progress=False), X, y


def test_the_output_layer_has_one_unit_per_class() -> None:
    assert THREE.widths == [2, 4, 3]
    assert THREE.shapes()[-1] == ((3, 4), (3,))
    assert THREE.describe() == "4 tanh → 3 softmax"
    assert Architecture.from_table([(2, "linear")]).describe() == "2 linear → 2 softmax"


@pytest.mark.parametrize("classes", [1, 0, 17, 2.0, True])
def test_a_bad_number_of_classes_is_named(classes) -> None:
    with pytest.raises(NnanimError, match="classes"):
        Architecture.from_table([(2, "tanh")], classes=classes)


def test_three_class_training_records_probabilities_over_three_classes(spiral_run) -> None:
    trajectory, X, y = spiral_run
    stages = forward_stages(trajectory.final_params, THREE, X)
    assert stages.probabilities.shape == (len(X), 3)
    np.testing.assert_allclose(stages.probabilities.sum(axis=1), 1.0, atol=1e-12)
    final = accuracy(trajectory.final_params, THREE, X, y)
    assert trajectory.final_accuracy == pytest.approx(final)
    assert trajectory.final_accuracy > trajectory.accuracy[0]


def test_three_class_trajectories_round_trip_through_a_file(spiral_run, tmp_path) -> None:
    trajectory, X, _ = spiral_run
    paced = trajectory.paced(X.astype(np.float64))
    loaded = Trajectory.load(paced.save(tmp_path / "three.npz"))
    assert loaded.arch == THREE
    np.testing.assert_array_equal(loaded.params, paced.params)
    np.testing.assert_array_equal(loaded.progress, paced.progress)
    assert loaded.params_at(0.37)[-1][0].shape == (3, 4)


def test_training_rejects_labels_the_network_has_no_output_for() -> None:
    X, y = three_blobs(n=30)
    with pytest.raises(NnanimError, match="y: labels must be 0, 1 .* found \\[2\\]"):
        train(X, y, Architecture.from_table([(2, "tanh")]), TrainSpec(epochs=5))


def test_training_rejects_a_class_without_points() -> None:
    X, y = three_blobs(n=30)
    y = np.where(y == 1, 0, y)
    with pytest.raises(NnanimError, match="y: no points of class 1"):
        train(X, y, THREE, TrainSpec(epochs=5))


# --- experiment files -------------------------------------------------------------------------


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text)
    return path


def three_blob_file(directory: Path, classes: str = "") -> Path:
    return write(directory, "three.toml", f"""
layers = [[2, "linear"]]
{classes}
[data]
generator = "threeblobs"
n = 60
""")


def test_the_number_of_classes_is_read_from_the_data(tmp_path) -> None:
    exp = load_experiment_file(three_blob_file(tmp_path))
    assert exp.arch.classes == 3 and exp.title == "2 linear → 3 softmax"
    assert load_experiment_file(three_blob_file(tmp_path, "classes = 3")).arch.classes == 3


@pytest.mark.parametrize("classes, message", [
    ("classes = 2", "classes: 2 does not match the data, whose labels count 3 classes "
                    "(0 .. 2); write classes = 3 or leave it out"),
    ("classes = 1", "classes: 1 is too small"),
    ('classes = "3"', "classes: '3' is not an integer"),
])
def test_a_wrong_number_of_classes_is_one_line(tmp_path, classes, message) -> None:
    with pytest.raises(NnanimError, match=re.escape(message)) as err:
        load_experiment_file(three_blob_file(tmp_path, classes))
    assert "\n" not in str(err.value)


def test_csv_labels_count_the_classes_and_may_be_written_as_floats(tmp_path) -> None:
    rows = "x1,x2,label\n0,0,0\n0,1,0.0\n1,0,1\n1,1,1.0\n2,0,2\n2,1,2.0\n"
    X, y = read_points_csv(write(tmp_path, "three.csv", rows))
    np.testing.assert_array_equal(y, [0, 0, 1, 1, 2, 2])
    write(tmp_path, "three.toml", 'layers = [[2, "tanh"]]\n[data]\ncsv = "three.csv"\n')
    assert load_experiment_file(tmp_path / "three.toml").arch.classes == 3


@pytest.mark.parametrize("rows, message", [
    ("0,0,0\n0,1,0\n1,0,0.5\n", r":3: label '0.5' is not a class number 0, 1, 2"),
    ("0,0,0\n0,1,0\n1,0,-1\n", r":3: label '-1' is not a class number"),
    ("0,0,0\n0,1,0\n1,0,yes\n", r":3: label 'yes' is not a class number"),
    ("0,0,0\n0,1,0\n1,0,2\n1,1,2\n", r"class 1 has 0 points"),
])
def test_bad_csv_labels_name_the_line(tmp_path, rows, message) -> None:
    with pytest.raises(NnanimError, match=message):
        read_points_csv(write(tmp_path, "bad.csv", rows))


# --- junctions: where three regions meet ------------------------------------------------------


@pytest.mark.parametrize("seed, thin, width",
                         [(0, 0, 0.005), (1, 1, 0.005), (2, 2, 0.005), (0, 0, 0.05), (3, 1, 0.05)])
def test_the_curves_of_a_junction_meet_at_the_true_triple_point_beside_a_thin_wedge(seed, thin,
                                                                                   width):
    """One class of a random network wins only in a wedge ``width`` rad wide: near the triple
    point it is thinner than a cell of the training window's grid, yet its edges reach it."""
    params, arch, x0 = thin_wedge_network(seed, [(6, "tanh")], thin=thin, width=width)
    box = Box(-2.0, 2.0, -2.0, 2.0)
    px = WINDOW.width / box.width * PIXELS_PER_UNIT
    truth = true_ties(params, arch, box)
    assert any(np.linalg.norm(truth.triples - x0, axis=1) < 1e-9)
    field = class_field(params, arch, box, FIELD_SHAPE)
    curves = [(pair.pair, line) for pair in field.boundaries for line in pair.lines]
    ends = np.array([line[end] for _, line in curves for end in (0, -1)])
    pairs = [pair for pair, _ in curves for _ in (0, 1)]
    for triple in truth.triples:
        near = np.linalg.norm(ends - triple, axis=1) * px
        meeting = np.flatnonzero(near <= 1e-3)
        assert sorted(pairs[n] for n in meeting) == [(0, 1), (0, 2), (1, 2)], (
            f"junction at {triple}: nearest curve ends {np.sort(near)[:3]} px away")
    # Every other end is on the box's edge, and no stretch of a boundary is left out.
    at_junction = np.min(np.linalg.norm(ends[:, None] - truth.triples[None], axis=2), axis=1)
    on_edge = np.min(np.abs(np.column_stack([ends - [box.xmin, box.ymin],
                                             ends - [box.xmax, box.ymax]])), axis=1)
    assert np.all((at_junction * px <= 1e-3) | (on_edge <= 1e-9))
    missing = distances_to_lines(np.concatenate(truth.pieces),
                                 [line for _, line in curves], 0.2 / px) * px
    assert missing.max() <= 1.0, f"a boundary {missing.max():.1f} px from any curve"


class _Listening(LectureScene):
    """A lecture that notes every caption it sets, playing ``play_experiment`` on ``run``."""

    run = None

    def construct(self) -> None:
        self.said: list[str] = []
        play_experiment(self, self.run)

    def text(self, key: str, *args, **kwargs):
        self.said.append(key)
        return super().text(key, *args, **kwargs)


def test_a_three_class_experiment_with_a_wide_layer_never_claims_one_separating_plane(
    tmp_path, monkeypatch
):
    """Three classes are cut by three half-planes: no caption may say one plane separates them
    (two-class chapters do, over the plane ``z_2 = z_1``, on which a third class would lie)."""
    exp = load_experiment_file(write(tmp_path, "wide.toml", """
layers = [[6, "tanh"]]
[train]
epochs = 30
[data]
generator = "threeblobs"
n = 60
"""))
    scene_class = type("WideThree", (_Listening,), {"run": run_of(exp)})
    monkeypatch.setenv("NNANIM_QUICK", "1")
    with tempconfig({"dry_run": True, "disable_caching": True, "quality": "low_quality"}):
        scene = scene_class()
        scene.render()
    assert {"plane_heading", "edge_on", "wide_edge_on", "islands_hidden"}.isdisjoint(scene.said)
    assert "triangle_boundaries" in scene.said
