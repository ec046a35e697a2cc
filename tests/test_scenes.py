"""The lectures render, chapter by chapter, and what they draw is the network's own output.

Each lecture is rendered once for the session (``lecture_render`` in conftest: the real
``manim`` command in quick mode at 480p15, one file per chapter).
"""

from importlib import import_module
from pathlib import Path

import av
import numpy as np
import pytest
from manim import tempconfig

from nnanim.anim.films import LiftFilm, NetworkFilm, inside_film
from nnanim.anim.lecture import LectureScene
from nnanim.anim.layout import SPACE_WINDOW, WINDOW
from nnanim.anim.plane import PlaneView
from nnanim.anim.space3d import SpaceView
from nnanim.geometry.framing import to_scene
from nnanim.geometry.space3d import Orbit, to_model
from nnanim.core.experiments import PRESETS
from nnanim.outputs.joining import join_videos
from nnanim.course.lectures import LECTURES
from nnanim.core.model import forward_stages
from nnanim.core.run import prepare

from conftest import lecture_group

ROOT = Path(__file__).resolve().parents[1]
FPS = 15
SHORTEST = {"swissroll": 60, "lift": 60, "wiser": 45}
"""A lecture lasts at most 4 minutes, and at least this (20 s when not listed)."""


def frame_count(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def frames_at(path: Path, wanted: set[int]) -> dict[int, np.ndarray]:
    """The decoded frames at the given indices, and the frame size of the video."""
    with av.open(str(path)) as container:
        return {i: frame.to_ndarray(format="rgb24")
                for i, frame in enumerate(container.decode(video=0)) if i in wanted}


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(name, marks=lecture_group(name))
                                  for name in LECTURES])
def test_every_lecture_joins_its_chapters_into_one_video_with_markers(name, lecture_render,
                                                                      tmp_path):
    """The chapters are the lecture table's; joined, they play whole, in order, marked."""
    render = lecture_render(name)
    assert [title for title, _ in render.chapters] == [c.name for c in LECTURES[name].chapters]
    counts = [frame_count(path) for _, path in render.chapters]
    assert min(counts) >= 3  # a few frames at least, even in quick mode
    assert sum(counts) == frame_count(render.video)
    joined = tmp_path / f"{name}.mp4"
    join_videos(render.chapters, joined)
    starts = np.cumsum([0] + counts)
    with av.open(str(joined)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        markers = container.chapters()
        times = [frame.time for frame in container.decode(video=0)]
    assert len(times) == sum(counts)
    assert all(later > earlier for earlier, later in zip(times, times[1:]))
    assert [m["metadata"]["title"] for m in markers] == [title for title, _ in render.chapters]
    for marker, start in zip(markers, starts):
        assert float(marker["start"] * marker["time_base"]) == pytest.approx(
            times[start], abs=1 / FPS)
    ends = {int(i) for i in starts[:-1]} | {int(i) - 1 for i in starts[1:]}
    shown = frames_at(joined, ends)
    for (_, path), start, end in zip(render.chapters, starts, starts[1:]):
        own = frames_at(path, {0, int(end - start) - 1})
        np.testing.assert_array_equal(shown[int(start)], own[0])
        np.testing.assert_array_equal(shown[int(end) - 1], own[int(end - start) - 1])


@pytest.mark.slow
@lecture_group("swissroll")
def test_the_swiss_roll_lecture_says_where_e3s_other_runs_end(lecture_render):
    """E3's rate sentence, as the lecture shows it (its subtitles are the captions on screen),
    quotes the range the seed sweep measured for the runs that miss the claim, in both
    languages."""
    video = lecture_render("swissroll").video
    low, high = (f"{100 * a:.0f}" for a in PRESETS["E3"].outcome.missed)
    for lang, opening, end_range in (("en", "2 tanh units solve the roll", f"{low} and {high} %"),
                                     ("ja", "tanh 2 ユニットでロールを解ける", f"{low}〜{high} %")):
        cues = video.with_name(f"{video.stem}.{lang}.srt").read_text(encoding="utf-8")
        (said,) = [cue for cue in cues.split("\n\n") if opening in cue]
        assert end_range in said, said


@pytest.mark.slow
@lecture_group("lift")
def test_a_chapter_rendered_alone_is_the_same_as_in_the_full_lecture(lecture_render,
                                                                       render_scene, tmp_path,
                                                                       same_pictures):
    """Lift's last chapter starts from the camera and text the chapters before leave."""
    name, section = lecture_render("lift").chapters[-1]
    alone = render_scene(ROOT / "scenes" / "lift.py", tmp_path, env={"NNANIM_CHAPTER": name})
    every = range(frame_count(section))
    assert frame_count(alone / "Lift.mp4") == len(every)
    mine, theirs = frames_at(alone / "Lift.mp4", set(every)), frames_at(section, set(every))
    same_pictures([mine[i] for i in every], [theirs[i] for i in every])


def planned_seconds(name: str) -> tuple[float, dict[str, float]]:
    """The lecture's real (not quick) length and each chapter's, from manim's dry run: no
    frame is drawn."""
    starts: list[tuple[str, float]] = []
    next_section = LectureScene.next_section

    def noting(scene, name="unnamed", *args, **kwargs):
        starts.append((name, scene.renderer.time))
        return next_section(scene, name, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("NNANIM_QUICK", raising=False)
        patch.setattr(LectureScene, "next_section", noting)
        scene_class = getattr(import_module(f"nnanim.lectures.{name}"), LECTURES[name].scene_class)
        with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
            scene = scene_class(skip_animations=True)
            scene.render()
            end = float(scene.renderer.time)
    ends = [at for _, at in starts[1:]] + [end]
    return end, {chapter: float(until - at) for (chapter, at), until in zip(starts, ends)}


@pytest.mark.parametrize("name", LECTURES)
def test_the_lecture_table_gives_each_lectures_length(name):
    seconds, chapters = planned_seconds(name)
    assert abs(LECTURES[name].seconds - seconds) <= 1, (
        f"{name} lasts {seconds:.1f} s: write seconds={round(seconds)} in nnanim/course/lectures.py")
    assert SHORTEST.get(name, 20) <= seconds <= 240
    assert list(chapters) == [chapter.name for chapter in LECTURES[name].chapters]
    for chapter in LECTURES[name].chapters:  # nnanim lecture starts the longest first
        assert abs(chapter.seconds - chapters[chapter.name]) <= 1, (
            f"{name}'s chapter {chapter.name} lasts {chapters[chapter.name]:.1f} s: write "
            f"seconds={chapters[chapter.name]:.1f} in its row of nnanim/course/lectures.py")


def test_a_chapter_process_ends_with_its_chapter(monkeypatch):
    """With ``NNANIM_CHAPTER`` the lecture's code before the chapter runs (skipped), the
    code after it does not: a chapter process of ``nnanim lecture`` spends nothing on the
    chapters after its own."""
    monkeypatch.setenv("NNANIM_CHAPTER", "E2")
    monkeypatch.delenv("NNANIM_QUICK", raising=False)
    scene_class = getattr(import_module("nnanim.lectures.swissroll"), "SwissRoll")
    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
        scene = scene_class()
        scene.render()
    assert scene.chapters_seen == ["title", "E2"]
    title, e2 = LECTURES["swissroll"].chapters[:2]
    assert abs(scene.renderer.time - (title.seconds + e2.seconds)) <= 1


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


def test_a_three_unit_layer_is_drawn_in_3d_at_the_networks_own_values():
    """C3's inside chapter: every stage end, read back from the 3-D view's dots from above and
    from the front, is the forward pass, all three hidden coordinates included."""
    run = prepare(["C3"])[0]
    params, arch = run.trajectory.final_params, run.trajectory.arch
    film = inside_film(params, arch, run.X)
    assert isinstance(film, LiftFilm)
    forward = forward_stages(params, arch, run.X)
    view = SpaceView(SPACE_WINDOW)
    for layer, stage in film.warp.stages():
        frame = film.frame(layer, stage, 1.0)
        stages = forward.layers[layer]
        native = {"linear": stages.linear, "bias": stages.affine,
                  "activation": stages.activated, "softmax": stages.activated}[stage]
        expected = np.pad(native, ((0, 0), (0, 3 - native.shape[1])))
        for camera, axes in ((Orbit(0.0, -np.pi / 2, np.inf), [0, 1]),
                             (Orbit(np.pi / 2, -np.pi / 2, np.inf), [0, 2])):
            view.show_frame(frame, run.y, camera)
            want = to_model(expected, frame.box, view.data_scale)[:, axes] + SPACE_WINDOW.center
            for cls in (0, 1):
                drawn = np.concatenate([part.cloud.dot_centers()[:, :2] for part in view.dots
                                        if part.label == cls])
                chosen = want[run.y == cls]
                np.testing.assert_allclose(drawn[np.lexsort(drawn.T[::-1])],
                                           chosen[np.lexsort(chosen.T[::-1])], atol=1e-9)
