"""nnanim installed for real (``pip install .``, not editable), run from an empty folder.

An installed nnanim is the package alone: no ``scenes/``, ``examples/`` or ``manim.cfg``
beside it. ``list``, ``train`` and ``--help`` must work there; the commands that render need
the scene files and refuse in one line, before any training.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnanim.core.experiments import PRESETS
from nnanim.course.lectures import LECTURES

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.xdist_group("installed")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A non-editable install of this checkout's package into a folder of its own."""
    tmp = tmp_path_factory.mktemp("installed")
    source = tmp / "source"  # a copy: the build writes build/ and egg-info beside the sources
    shutil.copytree(ROOT / "nnanim", source / "nnanim",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    site = tmp / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(site), str(source)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    # Some packages install a top-level examples/ folder into site-packages; it is not ours.
    (site / "examples").mkdir()
    (site / "examples" / "decoy.toml").write_text(
        'title = "not one of nnanim\'s examples"\nlayers = [[2, "tanh"]]\n\n'
        '[data]\ngenerator = "blobs"\n', encoding="utf-8")
    return site


def run_installed(site: Path, *args: str, cwd: Path,
                  cache: Path | None = None) -> subprocess.CompletedProcess:
    """The installed ``nnanim`` script, with only the install (and the virtualenv's other
    packages) importable: not this checkout."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    if cache is not None:
        env["NNANIM_CACHE_DIR"] = str(cache)
    return subprocess.run([str(site / "bin" / "nnanim"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def empty(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_the_installed_package_is_the_one_that_runs(installed, empty):
    result = subprocess.run([sys.executable, "-c", "import nnanim; print(nnanim.__file__)"],
                            cwd=empty, env={**os.environ, "PYTHONPATH": str(installed)},
                            capture_output=True, text=True, timeout=60)
    assert Path(result.stdout.strip()).parent == installed / "nnanim", result.stderr
    assert not (installed / "scenes").exists()


def test_list_names_every_lecture_with_its_description_when_installed(installed, empty):
    result = run_installed(installed, "list", cwd=empty)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    for name, exp in PRESETS.items():
        assert any(line.split()[0] == name and exp.title in line for line in lines)
    for name, lecture in LECTURES.items():
        assert any(line.split()[:2] == [name, lecture.length] and line.endswith(lecture.about)
                   for line in lines), f"{name}: {lecture.about!r} not in\n{result.stdout}"
    assert "examples" not in result.stdout  # neither the checkout's nor a stranger's
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("args, says", [(["--help"], "usage: nnanim"),
                                        (["train", "--help"], "usage: nnanim train")])
def test_help_works_when_installed(installed, empty, args, says):
    result = run_installed(installed, *args, cwd=empty)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(says) and result.stderr == ""


def test_train_works_when_installed(installed, empty, tmp_path):
    result = run_installed(installed, "train", "E1", cwd=empty, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "100.0 %" in result.stdout


@pytest.mark.parametrize("args", [["lecture", "linear"], ["render", "E1"],
                                  ["slides", "linear"]])
def test_rendering_when_installed_refuses_in_one_line_before_training(installed, empty,
                                                                     tmp_path, args):
    cache = tmp_path / "cache"
    result = run_installed(installed, *args, cwd=empty, cache=cache)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnanim: error: scenes: "), result.stderr
    assert "installed without its scene files" in lines[0] and "source checkout" in lines[0]
    assert not cache.exists() or list(cache.iterdir()) == []  # nothing was trained
