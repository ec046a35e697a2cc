"""The lectures render, and what they draw is the network's own output.

Rendering runs the real ``manim`` command in quick mode (``NNANIM_QUICK=1``: every animation
at a fraction of its length, 480p15), so the whole scene code runs frame by frame.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from manim import tempconfig

from nnanim.anim.films import NetworkFilm
from nnanim.anim.layout import WINDOW
from nnanim.anim.plane import PlaneView
from nnanim.geometry.framing import to_scene
from nnanim.run import prepare
from nnanim.model import forward_stages

ROOT = Path(__file__).resolve().parents[1]
SCENES = {
    "swissroll": ("SwissRoll", ["title", "E2", "E3", "E4", "E5"]),
    "linear": ("Linear", ["title", "E1", "C1"]),
    "donut": ("Donut", ["title", "E6", "E7"]),
    "polar": ("Polar", ["title", "to polar", "E8"]),
    "softmax": ("Softmax", ["title", "softmax"]),
    "lift": ("Lift", ["compare", "lift", "project"]),
    "wiser": ("Wiser", ["question", "midway line", "training", "verdicts", "answer"]),
}


def render(scene_file: str, media: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NNANIM_QUICK": "1"}
    return subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "--media_dir", str(media), *extra,
         str(ROOT / "scenes" / f"{scene_file}.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )


def video_facts(path: Path) -> tuple[float, int, int]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(container.duration / av.time_base), stream.width, stream.height


@pytest.mark.slow
@pytest.mark.parametrize("scene_file", sorted(SCENES))
def test_scene_renders_with_its_chapters(scene_file, tmp_path):
    scene_class, sections = SCENES[scene_file]
    result = render(scene_file, tmp_path, "--save_sections")
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp_path / "videos" / scene_file / "480p15"
    duration, width, height = video_facts(out / f"{scene_class}.mp4")
    assert (width, height) == (854, 480)
    index = json.loads((out / "sections" / f"{scene_class}.json").read_text())
    assert [section["name"] for section in index] == sections
    section_total = 0.0
    for section in index:
        section_duration, _, _ = video_facts(out / "sections" / section["video"])
        assert section_duration > 0.2  # a few frames at least, even in quick mode
        section_total += section_duration
    assert section_total == pytest.approx(duration, abs=0.5)


def planned_duration(scene_class: type) -> float:
    """The real (not quick) length of a lecture, without drawing a frame."""
    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
        scene = scene_class(skip_animations=True)
        scene.render()
        return float(scene.renderer.time)


@pytest.mark.parametrize("scene_file", sorted(SCENES))
def test_lecture_length(scene_file, monkeypatch):
    """A full lecture lasts 1 to 4 minutes; a single-topic one at least 20 seconds."""
    monkeypatch.delenv("NNANIM_QUICK", raising=False)
    sys.path.insert(0, str(ROOT / "scenes"))
    try:
        module = __import__(scene_file)
    finally:
        sys.path.pop(0)
    seconds = planned_duration(getattr(module, SCENES[scene_file][0]))
    low = 60 if scene_file in ("swissroll", "lift", "wiser") else 20
    assert low <= seconds <= 240, f"{scene_file} lasts {seconds:.0f} s"


@pytest.mark.parametrize("preset", ["E3", "E4", "E5"])
def test_dots_end_each_stage_at_the_networks_own_values(preset):
    """Read the dots back from the drawn mobjects: scene units, after framing."""
    run = prepare([preset])[0]
    params = run.trajectory.final_params
    film = NetworkFilm(params, run.trajectory.arch, run.X)
    forward = forward_stages(params, run.trajectory.arch, run.X)
    view = PlaneView(WINDOW)
    for layer, stage in film.warp.stages():
        frame = film.frame(layer, stage, 1.0)
        view.show_frame(frame, run.y)
        stages = forward.layers[layer]
        native = {"linear": stages.linear, "bias": stages.affine,
                  "activation": stages.activated, "softmax": stages.activated}[stage]
        view_basis = film.warp.view(layer + 1)
        expected = native if view_basis is None else native @ view_basis
        inside = frame.box.contains(expected)
        assert inside.mean() >= 0.98
        for cls, cloud in enumerate(view.dots):
            drawn = cloud.dot_centers()[:, :2]
            want = to_scene(expected[(run.y == cls) & inside], frame.box, WINDOW)[:, :2]
            np.testing.assert_allclose(drawn, want, atol=1e-9)
