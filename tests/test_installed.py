"""nnanim as a user gets it: the wheel ``python -m build`` makes, installed with pip into a
fresh virtualenv, and run from an empty folder with no checkout anywhere near.

The virtualenv sees this test environment's packages (manim, torch, ...) through a ``.pth``
line, so pip installs nnanim alone, offline, in a second; nnanim itself comes only from the
wheel. Everything a command writes must land in the folder it runs in.
"""

import os
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import zipfile
from pathlib import Path

import av
import pytest

from nnanim.core.experiments import PRESETS
from nnanim.course.lectures import LECTURES

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.xdist_group("installed")

SHIPPED = ("nnanim/lectures/manim.cfg", "nnanim/lectures/swissroll.py",
           "nnanim/lectures/experiment.py")
"""Files the lectures need at render time, which a wheel or sdist without them would lack."""


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel of this checkout's tracked files, as ``python -m build`` makes
    them (the wheel is built from the sdist, so a file the sdist lacks is missing from both)."""
    tmp = tmp_path_factory.mktemp("dist")
    source = tmp / "source"
    files = subprocess.run(["git", "ls-files", "-z", "pyproject.toml", "README.md", "nnanim"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        if (ROOT / name).is_file():  # a file deleted but not yet committed is not shipped
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                             str(tmp / "dist"), str(source)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return tmp / "dist"


def the(folder: Path, pattern: str) -> Path:
    (path,) = folder.glob(pattern)
    return path


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel pip-installed; returns its ``bin`` folder."""
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    site = Path(subprocess.run(
        [str(root / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    # The test environment's packages, but not its editable nnanim: a path in a .pth file is
    # added to sys.path without running the .pth files found there (the editable finder is one).
    (site / "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install",
         "--quiet", "--no-index", str(the(dist, "*.whl"))],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root / "bin"


@pytest.fixture
def empty(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def run(venv: Path, program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A program of the virtualenv, as a user's terminal runs it: no PYTHONPATH to this
    checkout, the virtualenv's ``bin`` first on the PATH."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PATH"] = f"{venv}{os.pathsep}{env['PATH']}"
    return subprocess.run([str(venv / program), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def test_the_wheel_and_the_sdist_ship_the_lectures_and_their_render_settings(dist):
    wheel = set(zipfile.ZipFile(the(dist, "*.whl")).namelist())
    assert set(SHIPPED) <= wheel
    entry_points = zipfile.ZipFile(the(dist, "*.whl")).read(
        "nnanim-0.1.0.dist-info/entry_points.txt").decode()
    assert "[manim.plugins]\nnnanim = nnanim" in entry_points
    with tarfile.open(the(dist, "*.tar.gz")) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert set(SHIPPED) <= names and "README.md" in names
    assert not any(name.startswith(("scenes/", "tests/", "media/")) for name in wheel | names)


def test_the_installed_package_is_the_one_that_runs(venv, empty):
    result = run(venv, "python", "-c", "import nnanim; print(nnanim.__file__)", cwd=empty)
    location = Path(result.stdout.strip()).parent
    assert location.name == "nnanim" and location.parent.name == "site-packages", result.stderr
    assert ROOT not in location.parents


def test_the_lectures_render_settings_equal_the_checkouts():
    """``manim -pqh scenes/NAME.py`` in the checkout reads ./manim.cfg; ``nnanim lecture``
    anywhere hands manim the package's: both must render the same way."""
    from configparser import ConfigParser

    def settings(path: Path) -> dict:
        parser = ConfigParser()
        parser.read(path)
        return {section: dict(parser[section]) for section in parser.sections()}

    shipped = settings(ROOT / "nnanim" / "lectures" / "manim.cfg")
    assert shipped["video_encoder.options"]["preset"] == "veryfast"
    assert settings(ROOT / "manim.cfg") == shipped


def test_list_names_every_lecture_with_its_description_when_installed(venv, empty):
    result = run(venv, "nnanim", "list", cwd=empty)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    for name, exp in PRESETS.items():
        assert any(line.split()[0] == name and exp.title in line for line in lines)
    for name, lecture in LECTURES.items():
        assert any(line.split()[:2] == [name, lecture.length] and line.endswith(lecture.about)
                   for line in lines), f"{name}: {lecture.about!r} not in\n{result.stdout}"
    assert "examples" not in result.stdout  # an empty folder has none
    assert list(empty.iterdir()) == []


def encoder_settings(video: Path) -> str:
    """The x264 settings line the encoder wrote into the video."""
    data = video.read_bytes()
    start = data.index(b"x264 - core")
    return data[start:data.index(b"\0", start)].decode("ascii", "replace")


def test_a_lecture_renders_from_an_empty_folder_with_the_lectures_settings(venv, empty):
    lecture = LECTURES["softmax"]
    result = run(venv, "nnanim", "lecture", "softmax", "-q", "l", cwd=empty)
    assert result.returncode == 0, result.stderr[-3000:]
    video = empty / "media" / "lectures" / "softmax-480p15.mp4"
    assert f"nnanim: wrote {video}" in result.stdout + result.stderr
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        seconds = float(container.duration / av.time_base)
        assert (stream.width, stream.height) == (854, 480)
    minutes, secs = lecture.length.split(":")
    assert abs(seconds - (60 * int(minutes) + int(secs))) < 1.0
    # x264's veryfast preset (one reference frame, sub-pixel level 2), from the shipped manim.cfg
    assert " ref=1 " in encoder_settings(video) and " subme=2 " in encoder_settings(video)
    assert " threads=1 " in encoder_settings(video)  # one x264 thread (the shipped cfg)
    assert {p.name for p in empty.iterdir()} == {"media"}


@pytest.mark.slow
@pytest.mark.parametrize("args, made", [
    (["render", "E1", "-q", "l"], "media/videos/experiment/480p15/E1.mp4"),
    (["slides", "linear", "-q", "l", "--quick"], "media/slides/linear-quick-480p15.html"),
])
def test_render_and_slides_work_from_an_empty_folder(venv, empty, args, made):
    result = run(venv, "nnanim", *args, cwd=empty)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (empty / made).is_file() and (empty / made).stat().st_size > 10_000
    assert {p.name for p in empty.iterdir()} == {"media"}


def test_manim_lists_nnanim_among_its_plugins(venv, empty):
    result = run(venv, "python", "-m", "manim", "plugins", "-l", cwd=empty)
    assert result.returncode == 0, result.stderr
    assert "• nnanim" in result.stdout


OWN_SCENE = textwrap.dedent("""\
    import numpy as np
    import torch
    from manim import *
    from nnanim import *

    X = np.random.default_rng(0).normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))


    class Mine(LectureScene):
        def construct(self):
            self.add(Text("mine", font_size=30).to_corner(UL))
            show_inside(self, net, X, y, center=(0, 0), size=5)
""")


@pytest.mark.parametrize("plugin, warned", [("nnanim", False), ("nnanimm", True)])
def test_plugins_in_a_users_manim_cfg_is_checked_like_any_plugin(venv, empty, plugin, warned):
    """``plugins = nnanim`` in the user's manim.cfg: manim checks the plugin is installed (a
    misspelt one is warned about, the real one is not) and the scene renders with its API."""
    (empty / "manim.cfg").write_text(f"[CLI]\nplugins = {plugin}\n")
    (empty / "mine.py").write_text(OWN_SCENE)
    result = run(venv, "python", "-m", "manim", "-s", "-ql", "mine.py", "Mine", cwd=empty)
    assert result.returncode == 0, result.stderr[-3000:]
    assert ("Missing Plugins" in result.stdout + result.stderr) == warned
    assert len(list((empty / "media" / "images" / "mine").glob("Mine*.png"))) == 1
