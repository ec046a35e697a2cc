"""Experiment files: TOML and CSV become the same Experiment a preset is, and train like one.

The error messages themselves are tested through the command line, in ``test_cli.py``.
"""

import io
import shutil
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pytest

from nnanim.core.cache import cache_path, definition_json, load_or_train
from nnanim.core.experiment_file import (
    CsvData,
    load_experiment,
    load_experiment_file,
    read_points_csv,
)
from nnanim.core.data import DataSpec, make_dataset
from nnanim.course.render_request import RenderRequest, request_from_env
from nnanim.errors import NnanimError
from nnanim.core.experiments import PRESETS
from nnanim.studies.network_summary import CJK_FONT, summary_figure, title_fonts
from nnanim.core.train import TrainSpec

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TINY = """
layers = [[2, "tanh"]]
[data]
generator = "blobs"
n = 60
[train]
epochs = 150
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text)
    return path


def test_spiral_example_is_the_experiment_it_describes():
    exp = load_experiment_file(EXAMPLES / "spiral.toml")
    assert (exp.name, exp.seed) == ("spiral", 0)
    assert exp.arch.describe() == "3 tanh → 2 tanh → 2 softmax"
    assert exp.data == DataSpec("swissroll", n=400, noise=0.1, seed=0, options={"turns": 1.0})
    assert exp.train == TrainSpec(optimizer="adam", lr=0.03, epochs=1500, weight_decay=0.0)


def test_defaults_fill_what_the_file_leaves_out(tmp_path):
    exp = load_experiment_file(write(tmp_path, "my-net.toml", TINY))
    assert exp.name == "my-net"
    assert exp.title == "2 tanh → 2 softmax"
    assert exp.seed == 0
    assert exp.train == TrainSpec(epochs=150)


def test_layer_tables_and_layer_lists_mean_the_same(tmp_path):
    tables = TINY.replace('layers = [[2, "tanh"]]\n', "") + (
        '[[layers]]\nwidth = 2\nactivation = "tanh"\n'
    )
    listed = load_experiment_file(write(tmp_path, "a.toml", TINY))
    tabled = load_experiment_file(write(tmp_path, "b.toml", tables))
    assert listed.arch == tabled.arch


def test_presets_and_files_are_found_by_the_same_reference(tmp_path):
    assert load_experiment("E3") is PRESETS["E3"]
    path = write(tmp_path, "tiny.toml", TINY)
    assert load_experiment(str(path)).definition() == load_experiment_file(path).definition()


def test_a_toml_experiment_trains_and_is_cached(tmp_path):
    exp = load_experiment_file(write(tmp_path, "tiny.toml", TINY))
    trajectory = load_or_train(exp, progress=False)
    assert trajectory.final_accuracy >= 0.95
    assert cache_path(exp).is_file()


def test_csv_points_are_read_as_written(tmp_path):
    rows = "# a comment\nx1,x2,label\n0.5,-1,0\n\n2e-1, 3 ,1\n1,1,0\n4,4,1\n"
    path = write(tmp_path, "points.csv", rows)
    X, y = read_points_csv(path)
    np.testing.assert_array_equal(X, [[0.5, -1.0], [0.2, 3.0], [1.0, 1.0], [4.0, 4.0]])
    np.testing.assert_array_equal(y, [0, 1, 0, 1])
    headless = write(tmp_path, "headless.csv", "0.5,-1,0\n0.2,3,1\n1,1,0\n4,4,1\n")
    np.testing.assert_array_equal(read_points_csv(headless)[0], X)


def test_the_csv_example_trains_on_exactly_its_points():
    exp = load_experiment_file(EXAMPLES / "moons.toml")
    assert isinstance(exp.data, CsvData)
    X, y = make_dataset(exp.data)
    X_file, y_file = read_points_csv(EXAMPLES / "moons.csv")
    np.testing.assert_array_equal(X, X_file)
    np.testing.assert_array_equal(y, y_file)
    assert load_or_train(exp, progress=False).final_accuracy >= 0.98


def test_csv_cache_key_follows_the_points_not_the_file_name(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLES / "moons.csv", tmp_path / folder / "points.csv")
        (tmp_path / folder / "moons.toml").write_text(
            (EXAMPLES / "moons.toml").read_text().replace("moons.csv", "points.csv")
        )
    a = load_experiment_file(tmp_path / "a" / "moons.toml")
    b = load_experiment_file(tmp_path / "b" / "moons.toml")
    assert definition_json(a) == definition_json(b)
    points = tmp_path / "b" / "points.csv"
    lines = points.read_text().splitlines()
    lines[5] = lines[5].replace(",", "1,", 1)
    points.write_text("\n".join(lines) + "\n")
    changed = load_experiment_file(tmp_path / "b" / "moons.toml")
    assert definition_json(changed) != definition_json(a)


def test_polar_csv_data_is_fed_as_radius_and_angle(tmp_path):
    write(tmp_path, "ring.csv", "1,0,0\n0,1,0\n3,0,1\n0,-3,1\n")
    exp = load_experiment_file(write(tmp_path, "ring.toml", (
        'layers = [[2, "linear"]]\n[data]\ncsv = "ring.csv"\npolar = true\n'
    )))
    X, _ = make_dataset(exp.data)
    np.testing.assert_allclose(X[:, 0], [1, 1, 3, 3])


def test_a_render_request_travels_through_the_environment():
    request = RenderRequest(experiment="E3", verdict="verdict_slow")
    assert request_from_env(request.env()) == request
    request.check("ja")
    with pytest.raises(NnanimError, match="NNANIM_EXPERIMENT: not set"):
        request_from_env({})


@pytest.mark.parametrize("request_, message", [
    (RenderRequest(experiment="E3", verdict="verdict_nope"),
     "caption: 'verdict_nope' does not exist"),
    (RenderRequest(experiment="E33"), "experiment: 'E33' is not a preset"),
])
def test_a_bad_render_request_is_refused_before_rendering(request_, message):
    with pytest.raises(NnanimError, match=message):
        request_.check("en")


def test_a_japanese_file_name_names_the_experiment_and_its_cache_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NNANIM_CACHE_DIR", str(tmp_path / "キャッシュ"))
    folder = tmp_path / "データ"
    folder.mkdir()
    path = write(folder, "実験.toml", TINY)
    exp = load_experiment(str(path))
    assert exp.name == "実験"
    trajectory = load_or_train(exp, progress=False)
    assert trajectory.final_accuracy >= 0.95
    assert cache_path(exp).is_file() and cache_path(exp).name.startswith("実験-")


@pytest.mark.skipif(CJK_FONT not in title_fonts(), reason=f"{CJK_FONT} is not installed")
def test_a_japanese_name_is_drawn_in_the_summary_title(tmp_path):
    exp = load_experiment_file(write(tmp_path, "実験.toml", TINY))
    X, y = make_dataset(exp.data)
    figure = summary_figure(exp, load_or_train(exp, progress=False), X, y)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_a_decomposed_file_name_gives_the_composed_name(tmp_path):
    """macOS writes データ with the voiced mark as a separate character; both are one name."""
    decomposed = unicodedata.normalize("NFD", "データ")
    assert decomposed != "データ"
    assert load_experiment_file(write(tmp_path, f"{decomposed}.toml", TINY)).name == "データ"


@pytest.mark.parametrize("file_name, name", [
    ("my net (2).toml", "my-net-2"),
    ("Übung 3.toml", "Übung-3"),
    ("spiral.v2.toml", "spiral.v2"),
])
def test_a_file_name_with_spaces_or_brackets_gives_a_tidy_name(tmp_path, file_name, name):
    assert load_experiment_file(write(tmp_path, file_name, TINY)).name == name


@pytest.mark.parametrize("name", ["実験-2", "Übung_3"])
def test_a_name_key_may_use_any_script(tmp_path, name):
    path = write(tmp_path, "a.toml", f'name = "{name}"\n' + TINY)
    assert load_experiment_file(path).name == name


def test_csv_labels_as_pandas_writes_them_are_read(tmp_path):
    """``DataFrame.to_csv`` writes the row index first and float labels as 0.0 and 1.0."""
    rows = ",x1,x2,label\n0,0.5,-1.0,0.0\n1,0.2,3.0,1.0\n2,1.0,1.0,0.0\n3,4.0,4.0,1.0\n"
    X, y = read_points_csv(write(tmp_path, "points.csv", rows))
    np.testing.assert_array_equal(X, [[0.5, -1.0], [0.2, 3.0], [1.0, 1.0], [4.0, 4.0]])
    np.testing.assert_array_equal(y, [0, 1, 0, 1])


NO_LAYERS = TINY.replace('layers = [[2, "tanh"]]\n', "")
FILE_MISTAKES = [
    (TINY.replace("epochs", "epoch"),
     "train: unknown key 'epoch' (allowed: optimizer, lr, epochs, weight_decay)"),
    (NO_LAYERS.replace("[train]", 'layers = [[2, "tanh"]]\n[train]'),
     "layers: written below [data], so TOML reads it as data.layers; "
     "move it above the first [table]"),
    (TINY + 'title = "Blobs"\n',
     "title: written below [train], so TOML reads it as train.title; "
     "move it above the first [table]"),
    (NO_LAYERS + '[[layers]]\nwidth = 2\nactivation = "tanh"\nname = "blobs"\n',
     "name: written below [[layers]], so TOML reads it as layers[0].name; "
     "move it above the first [table]"),
    ('name = "my net"\n' + TINY,
     "name: 'my net' is not a name of letters, digits, '-', '_' or '.'"),
]


@pytest.mark.parametrize("text, message", FILE_MISTAKES, ids=[m for _, m in FILE_MISTAKES])
def test_a_mistake_in_a_file_is_named_once(tmp_path, text, message):
    path = write(tmp_path, "net.toml", text)
    with pytest.raises(NnanimError) as err:
        load_experiment_file(path)
    assert str(err.value) == f"{path}: {message}"


@pytest.mark.parametrize("file_name, message", [
    ("E3.toml", "name: the file name makes 'E3', a preset's name; add name = \"...\" "
                "or rename the file"),
    ("!!.toml", "name: the file name '!!.toml' holds no letters or digits; add name = \"...\""),
])
def test_a_file_name_that_makes_no_name_asks_for_one(tmp_path, file_name, message):
    path = write(tmp_path, file_name, TINY)
    with pytest.raises(NnanimError) as err:
        load_experiment_file(path)
    assert str(err.value) == f"{path}: {message}"
