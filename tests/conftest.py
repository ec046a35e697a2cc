"""Shared test setup: a private trajectory cache, manim's graphical-test options, private
mounts, and one quick render of each lecture for the whole session."""

import json
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import manim.utils.testing.frames_comparison as frames_comparison
import numpy as np
import pytest
from hypothesis import settings
from manim import config as manim_config

from nnanim.anim.raster import RasterCamera
from nnanim.course.lectures import get_lecture
from nnanim.palette import BACKGROUND

ROOT = Path(__file__).resolve().parents[1]

# manim skips every frames_comparison test on cairo < 1.18; Debian 12 ships 1.16, and our
# control frames are made with it, so compare for real.
frames_comparison.MIN_CAIRO_VERSION = 0

# In CI every run tries the same generated inputs, so a red build is reproducible.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Presets trained by one test are reused by the next, without touching the user's cache.
os.environ.setdefault("NNANIM_CACHE_DIR", tempfile.mkdtemp(prefix="nnanim-test-cache-"))

# Each test process keeps manim's own files (its text and LaTeX caches) to itself: manim writes
# them in place, so a process rendering in parallel could read another's half-written file.
manim_config.media_dir = tempfile.mkdtemp(prefix="nnanim-test-media-")


def pytest_addoption(parser):
    parser.addoption("--set_test", action="store_true", default=False,
                     help="write the control frames of the graphical tests instead of comparing")
    parser.addoption("--show_diff", action="store_true", default=False,
                     help="show a picture of the difference when a graphical test fails")


def render_quick(scene_file: Path, media: Path, *extra: str, env: dict | None = None) -> Path:
    """Run the real ``manim`` command in quick mode at 480p15; return the video folder.

    Quick mode (``NNANIM_QUICK=1``) plays every animation at a fraction of its length, so
    the whole scene code runs frame by frame in seconds. manim's scene cache is off: it
    hashes every mobject on screen for each play call, pure cost for a one-off render.
    """
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "--disable_caching", "--media_dir", str(media),
         *extra, str(scene_file)],
        cwd=ROOT, env={**os.environ, "NNANIM_QUICK": "1", **(env or {})},
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return media / "videos" / scene_file.stem / "480p15"


@pytest.fixture(scope="session")
def render_scene():
    """``render_quick``, for tests that render a scene of their own."""
    return render_quick


def drawn_alone(mobject) -> tuple[np.ndarray, tuple[slice, slice]]:
    """The frame (RGB) with ``mobject`` alone on the paper, and its pixel box (2 pixels round):
    what a frame of a scene must show there when nothing else is drawn near it."""
    camera = RasterCamera(background_color=BACKGROUND)
    camera.capture_mobjects([mobject])
    corners = camera.points_to_pixel_coords(mobject, mobject.get_all_points())
    (x0, y0), (x1, y1) = corners.min(axis=0) - 2, corners.max(axis=0) + 3
    return camera.pixel_array[..., :3].copy(), np.s_[y0:y1, x0:x1]


@pytest.fixture(scope="session")
def alone():
    """``drawn_alone``, for tests that compare a scene's frames with one mobject drawn alone."""
    return drawn_alone


@dataclass(frozen=True)
class LectureRender:
    """A lecture rendered in quick mode: the whole video, each chapter's own file, and the
    folder of the pictures at its beats (``nnanim.anim.beat_frames``)."""

    video: Path
    chapters: list[tuple[str, Path]]
    beats: Path


def lecture_group(name: str) -> pytest.MarkDecorator:
    """Tests that share one lecture's render run in the same test process (``-n auto`` runs
    the suite in parallel), so each lecture is rendered once."""
    return pytest.mark.xdist_group(f"lecture-{name}")


@pytest.fixture(scope="session")
def lecture_render(tmp_path_factory):
    """``lecture_render(name)``: that lecture rendered once for the whole test session."""
    done: dict[str, LectureRender] = {}

    def render(name: str) -> LectureRender:
        if name not in done:
            scene_class = get_lecture(name).scene_class
            media = tmp_path_factory.mktemp(name)
            beats = media / "beats"
            folder = render_quick(ROOT / "scenes" / f"{name}.py", media, "--save_sections",
                                  env={"NNANIM_BEAT_FRAMES": str(beats)})
            index = json.loads((folder / "sections" / f"{scene_class}.json").read_text())
            done[name] = LectureRender(
                folder / f"{scene_class}.mp4",
                [(section["name"], folder / "sections" / section["video"]) for section in index],
                beats,
            )
        return done[name]

    return render


def _mount_namespaces_allowed() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.fixture
def private_mount():
    """Run Python code in a process with its own mounts: a read-only or a nearly full folder.

    Tests run as root here, and root ignores permission bits, so a real read-only (or full)
    file system is the honest way to see what a user with one sees. Skipped where the system
    does not allow private mounts.
    """
    if not _mount_namespaces_allowed():
        pytest.skip("mount namespaces (unshare --mount) are not allowed here")

    def run(mounts: str, code: str, **env: str) -> subprocess.CompletedProcess:
        """Run ``mounts`` (shell), then ``code``; the result's stdout is what the code prints."""
        script = f"{mounts} && exec {shlex.quote(sys.executable)} -c {shlex.quote(code)}"
        return subprocess.run(
            ["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        )

    return run


@pytest.fixture(scope="session")
def same_pictures():
    """``same_pictures(mine, theirs)``: two renders' frames show the same pictures.

    Compared to the level of anti-aliasing and single dots: two processes may place a point a
    rounding error apart (a skipped chapter jumps to each animation's end instead of stepping
    through it), which moves an edge pixel by a level or two, and a 3-D dot lying on the edge
    between two depth bands may be drawn in the neighbouring band (a dot's few dozen pixels
    change); two encodes of a fading caption have differed by 0.2 % of pixels. A wrong camera, a
    missing caption or a frame shifted by one changes whole regions (3 to 7 % of the pixels by
    more than 8 levels, measured on lift): far more than the 0.5 % off by a little, or 0.2 %
    off by a lot, allowed here.
    """
    import numpy as np

    def check(mine: list, theirs: list) -> None:
        assert len(mine) == len(theirs)
        differing = {}
        for i, (a, b) in enumerate(zip(mine, theirs)):
            gap = np.abs(a.astype(int) - b.astype(int)).max(axis=2)
            if (gap > 8).mean() > 0.002 or (gap > 2).mean() > 0.005:
                differing[i] = (int(gap.max()), float((gap > 2).mean()))
        assert not differing, f"frame: (largest difference, share off by > 2 levels) {differing}"

    return check
