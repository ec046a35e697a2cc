"""Bad input never gets past the edge as anything but one clear line of NnanimError.

Property-based: hypothesis generates well over a thousand broken and edge-case experiment
definitions (wrong types, zero or negative sizes, NaN/inf, huge numbers, unknown names and
keys, unicode) and CSV files, and each must end in a one-line ``NnanimError`` -- never a
numpy/torch traceback, never a hang.
"""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnanim.core.experiment_file import experiment_from_document, read_points_csv
from nnanim.errors import NnanimError
from nnanim.core.experiments import Experiment, run_training

# The fuzzing tests count what they tried in this module, and the last one checks the count:
# all of them run in one test process, in file order.
pytestmark = pytest.mark.xdist_group("fuzzing")

ROOT = Path(__file__).resolve().parents[1]
FUZZ_PATH = Path("fuzz.toml")

VALID = {
    "name": "fuzz",
    "layers": [[2, "tanh"]],
    "data": {"generator": "swissroll", "n": 40, "noise": 0.1, "turns": 0.75, "seed": 1},
    "train": {"optimizer": "adam", "lr": 0.03, "epochs": 20, "weight_decay": 0.0},
    "seed": 0,
}

nasty = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 10**9]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 1e300, -1e-300]),
    st.text(max_size=12),
    st.sampled_from(["tahn", "ＴＡＮＨ", "ジェネレータ", "", " ", "../x", "E1", "swiss roll"]),
    st.booleans(),
    st.lists(st.integers(min_value=-3, max_value=3), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)

PATHS = [
    ("name",), ("seed",), ("title",), ("layers",), ("data",), ("train",),
    ("layers", 0), ("layers", 0, 0), ("layers", 0, 1),
    ("data", "generator"), ("data", "n"), ("data", "noise"), ("data", "turns"), ("data", "seed"),
    ("data", "polar"), ("train", "optimizer"), ("train", "lr"), ("train", "epochs"),
    ("train", "weight_decay"),
]


def mutated(path: tuple, value: object) -> dict:
    document = {key: (dict(v) if isinstance(v, dict) else [list(r) for r in v]
                      if isinstance(v, list) else v) for key, v in VALID.items()}
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


tally = {"tried": 0, "clean errors": 0, "accepted": 0}


def check(document: object) -> None:
    tally["tried"] += 1
    try:
        experiment = experiment_from_document(document, FUZZ_PATH)
    except NnanimError as err:
        message = str(err)
        assert "\n" not in message and message.startswith("fuzz.toml: ")
        assert len(message) < 400
        tally["clean errors"] += 1
    else:
        assert isinstance(experiment, Experiment)
        tally["accepted"] += 1


@settings(max_examples=900, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(PATHS), nasty)
def test_every_broken_field_gives_one_clean_line(path, value):
    check(mutated(path, value))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.text(max_size=8), nasty, max_size=5))
def test_random_documents_give_one_clean_line(document):
    check(document)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(
    ["0", "1", "2", "nan", "inf", "-1e400", "1e400", "x", "0.5", " 1 ", "ｘ"])), max_size=4),
    max_size=8))
def test_random_csv_files_give_one_clean_line(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "points.csv"
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    tally["tried"] += 1
    try:
        X, y = read_points_csv(path)
    except NnanimError as err:
        assert "\n" not in str(err) and str(err).startswith(str(path))
        tally["clean errors"] += 1
    else:
        assert np.all(np.isfinite(X)) and set(np.unique(y)) == {0, 1}
        tally["accepted"] += 1


def test_fuzzing_tried_over_a_thousand_inputs_all_clean():
    """Runs after the property tests above (pytest keeps file order)."""
    assert tally["tried"] >= 1000
    assert tally["clean errors"] + tally["accepted"] == tally["tried"]
    print(f"\nfuzzing: {tally}")


def test_valid_edge_cases_train(tmp_path):
    """One hidden unit; three points per class from a CSV; duplicated points."""
    csv = tmp_path / "tiny.csv"
    csv.write_text("x1,x2,label\n0,0,0\n0.1,0,0\n0.1,0,0\n2,2,1\n2.1,2,1\n2,2.1,1\n")
    document = {"name": "tiny", "layers": [[1, "tanh"]], "data": {"csv": "tiny.csv"},
                "train": {"epochs": 200, "lr": 0.05}}
    experiment = experiment_from_document(document, tmp_path / "tiny.toml")
    trajectory = run_training(experiment, progress=False)
    assert trajectory.final_accuracy == 1.0


def test_a_bad_config_fails_before_manim_or_training_starts(tmp_path):
    """The mistake is found while reading the file (how fast: benchmarks/fail_fast.py)."""
    bad = tmp_path / "bad.toml"
    bad.write_text('layers = [[2, "tahn"]]\n[data]\ngenerator = "swissroll"\n')
    probe = (
        "import sys\nfrom nnanim.command.cli import main\n"
        f"status = main(['render', {str(bad)!r}])\n"
        "print(status, 'manim' in sys.modules, 'torch' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.stdout.split() == ["2", "False", "False"], result.stderr
    assert result.stderr.strip().count("\n") == 0 and "tahn" in result.stderr


def test_a_crafted_pickle_in_a_cache_file_is_never_executed(tmp_path):
    """An .npz holding an object array (pickle) is refused, not unpickled."""
    from nnanim.core.trajectory import CorruptTrajectoryError, Trajectory

    marker = tmp_path / "executed"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    path = tmp_path / "evil.npz"
    np.savez(path, params=np.array([Evil()], dtype=object))
    with pytest.raises(CorruptTrajectoryError):
        Trajectory.load(path)
    assert not marker.exists()
