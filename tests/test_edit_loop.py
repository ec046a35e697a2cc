"""The edit loop: a render again after an edit takes every unchanged play from manim's cache,
draws every changed one, and the video is the one a fresh render of the edited lecture gives.

The keys are nnanim's (``nnanim.anim.play_key``): the same in every process, and different
whenever weights, data, language, quality, a chapter's code or a caption change.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import av
import numpy as np
import pytest

from nnanim.anim.films import NetworkFilm
from nnanim.anim.motion import Appear, Redraw
from nnanim.anim.play_key import drawing_code, play_key
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, unflatten_params

ROOT = Path(__file__).resolve().parents[1]
LOSSLESS = """[CLI]
max_files_cached = 2000
max_inflight_encoders = 2
[video_encoder.options]
preset = ultrafast
crf = 0
"""
"""The repository's manim.cfg, losslessly encoded (crf 0: manim adds its default crf 23 to the
options, and x264 then ignores a qp): x264's lossy output is not the same from run
to run (two fresh renders of one scene differ by a few levels in a few macroblocks), so the
frames drawn are compared exactly only through a lossless video."""

SCENE = '''
import numpy as np
from manim import DOWN
from nnanim.anim.chapters.title import play_title_card
from nnanim.anim.lecture import LectureScene, lecture_text
from nnanim.anim.motion import Appear, Vanish
from nnanim.course.captions import _CAPTIONS
from nnanim.anim.films import NetworkFilm
from nnanim.anim.plane import PlaneView
from nnanim.anim.player import StagePlayer
from nnanim.geometry.framing import Box
from nnanim.core.model import Architecture, unflatten_params

_CAPTIONS["en"]["donut_title"] = "TITLE"


class Edited(LectureScene):
    def construct(self):
        self.next_section("one")
        play_title_card(self, "donut_title", "donut_subtitle")
        arch = Architecture.from_table([(2, "tanh")])
        rng = np.random.default_rng(0)
        X = rng.normal(size=(60, 2))
        film = NetworkFilm(unflatten_params(rng.normal(size=arch.n_params), arch), arch, X)
        view = PlaneView(Box(-3, 3, -3, 3))
        player = StagePlayer(film, view, (X[:, 0] > 0).astype(int))
        note = self.captioned(lecture_text("NOTE", 30).shift(3.2 * DOWN), "NOTE")
        self.play(Appear(view), Appear(note, shift=0.3 * DOWN), run_time=0.6)
        self.pause(PAUSE)
        self.play(player.stage(0, "linear"), run_time=0.8)
        self.play(Vanish(note), run_time=0.4)
'''


def _scene(tmp_path: Path, title: str = "A title", note: str = "a note", pause: float = 3.0,
           name: str = "edited.py") -> Path:
    path = tmp_path / name
    path.write_text(SCENE.replace('"TITLE"', repr(title)).replace('"NOTE"', repr(note))
                    .replace("PAUSE", repr(pause)))
    return path


def _render(scene_file: Path, media: Path, *extra: str) -> tuple[Path, str]:
    config = scene_file.with_name("lossless.cfg")
    config.write_text(LOSSLESS)
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "-v", "INFO", "--config_file", str(config),
         "--media_dir", str(media), *extra, str(scene_file), "Edited"],
        cwd=ROOT, env={**os.environ, "NNANIM_QUICK": "1", "COLUMNS": "300"},
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return media / "videos" / scene_file.stem / "480p15" / "Edited.mp4", result.stdout + result.stderr


def _frames(video: Path) -> list[np.ndarray]:
    with av.open(str(video)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def _reused(log: str) -> int:
    return len(re.findall(r"Using cached data", log))


def _plays(log: str) -> int:
    return int(re.search(r"Played (\d+) animations", log).group(1))


@pytest.mark.parametrize("edit", ["caption", "pause"])
def test_a_render_after_an_edit_is_a_fresh_render_of_the_edit(tmp_path, edit):
    """Render, edit one caption (or one pause), render again with the cache: the video is the
    fresh render of the edited scene frame for frame, and only the edited play was drawn."""
    cached = tmp_path / "cached"
    first, log = _render(_scene(tmp_path), cached)
    assert _reused(log) == 0
    _, log = _render(_scene(tmp_path), cached)
    assert _reused(log) == _plays(log), "an unchanged scene rendered again draws nothing"

    edited = _scene(tmp_path, note="an edited note") if edit == "caption" else \
        _scene(tmp_path, pause=6.0)
    again, log = _render(edited, cached)
    fresh, _ = _render(edited, tmp_path / "fresh", "--disable_caching")
    frames, expected = _frames(again), _frames(fresh)
    assert len(frames) == len(expected)
    for number, (frame, want) in enumerate(zip(frames, expected)):
        assert np.array_equal(frame, want), f"frame {number} differs from a fresh render"
    # The note is on screen from its fade-in to its fade-out: 4 plays show it (with the
    # pause); a changed pause changes that one play alone.
    drawn = _plays(log) - _reused(log)
    assert drawn == (4 if edit == "caption" else 1), log[-2000:]
    assert (again.with_name("Edited.en.srt").read_text()
            == fresh.with_name("Edited.en.srt").read_text())


def test_a_play_drawn_again_leaves_the_keys_of_the_plays_after_it(tmp_path):
    """A play drawn (its partial movie gone from the cache) and a play taken from the cache
    leave the scene in the same state: the plays after it keep their keys, so a render after
    one redraw takes every play from the cache, and the video is the same frame for frame."""
    scene_file, cached = _scene(tmp_path), tmp_path / "cached"
    first, log = _render(scene_file, cached)
    expected = _frames(first)
    partials = sorted((cached / "videos").rglob("partial_movie_files/Edited/*.mp4"))
    listed = [line.split("'")[1].removeprefix("file:") for line in
              next((cached / "videos").rglob("partial_movie_file_list.txt")).read_text()
              .splitlines() if line.startswith("file ")]
    assert len(listed) == _plays(log) and len(partials) == len(set(listed))
    for lost in (0, 2):  # the first play (nothing drawn before it), then one in the middle
        Path(listed[lost]).unlink()
        again, log = _render(scene_file, cached)
        assert _plays(log) - _reused(log) == 1, log[-2000:]
        assert all(np.array_equal(a, b) for a, b in zip(_frames(again), expected))
        _, log = _render(scene_file, cached)
        assert _reused(log) == _plays(log), "a play drawn again changed the keys after it"


# --- keys: what changes them and what does not -------------------------------------------

def _film(seed: int = 1, shift: float = 0.0) -> NetworkFilm:
    arch = Architecture.from_table([(2, "tanh")])
    X = np.random.default_rng(0).normal(size=(40, 2)) + shift
    params = unflatten_params(np.random.default_rng(seed).normal(size=arch.n_params), arch)
    return NetworkFilm(params, arch, X)


class _Scene:
    """Stands for the scene in ``play_key`` (which never reads it)."""


def _key(*mobjects, animations=(), encoder: str = "e") -> str:
    from nnanim.anim.raster import RasterCamera

    return play_key(_Scene(), RasterCamera(), list(animations), list(mobjects), encoder)


def _stage_key(film: NetworkFilm) -> str:
    view = PlaneView(Box(-3, 3, -3, 3))
    player = StagePlayer(film, view, np.zeros(len(film.X), dtype=int))
    return _key(view, animations=[player.stage(0, "linear")])


def test_a_play_key_changes_with_the_weights_and_the_data_drawn():
    same = _stage_key(_film())
    assert _stage_key(_film()) == same
    assert _stage_key(_film(seed=2)) != same, "other weights reused a stale picture"
    assert _stage_key(_film(shift=1e-9)) != same, "other data reused a stale picture"


def test_a_play_key_changes_with_the_caption_and_its_language():
    from nnanim.anim.lecture import lecture_text
    from nnanim.course.captions import caption

    def shown(sentence: str) -> str:
        text = lecture_text(sentence)
        return _key(text, animations=[Appear(text)])

    english = shown(caption("inside", "en"))
    assert shown(caption("inside", "en")) == english
    assert shown(caption("inside", "ja")) != english, "another language reused a stale picture"
    assert shown(caption("inside", "en") + ".") != english, "an edited caption reused a stale picture"


def test_a_play_key_changes_with_the_quality():
    """The encoder's settings (size, frame rate) and the camera's pixels are in every key."""
    from manim import tempconfig

    from nnanim.anim.raster import RasterCamera

    dot = lecture_text_dot()
    low = play_key(_Scene(), RasterCamera(), [], [dot], "480p15")
    assert play_key(_Scene(), RasterCamera(), [], [dot], "1080p60") != low
    with tempconfig({"pixel_width": 854, "pixel_height": 480}):
        assert play_key(_Scene(), RasterCamera(), [], [dot], "480p15") != low


def lecture_text_dot():
    from manim import Dot

    return Dot()


def test_a_play_key_changes_with_the_code_of_a_chapter(tmp_path, monkeypatch):
    """A redraw whose function comes from a chapter file (or a scene file) is keyed by that
    file's source: an edit there is never taken for the old picture."""
    import importlib

    from nnanim.anim import play_key as keys

    chapter = tmp_path / "my_chapter.py"
    chapter.write_text("def draw(t):\n    return t\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("my_chapter")
    dot = lecture_text_dot()
    before = _key(dot, animations=[Redraw(dot, module.draw)])
    chapter.write_text("def draw(t):\n    return 2 * t\n")
    keys._module_code.cache_clear()
    module = importlib.reload(module)
    assert _key(dot, animations=[Redraw(dot, module.draw)]) != before


def test_drawing_code_covers_what_draws_and_leaves_out_what_decides_the_story():
    from nnanim.anim.play_key import PACKAGE, _is_staging

    assert not _is_staging(PACKAGE / "anim" / "raster.py")
    assert not _is_staging(PACKAGE / "anim" / "motion.py")
    assert _is_staging(PACKAGE / "course" / "captions.py")
    assert _is_staging(PACKAGE / "anim" / "chapters" / "training.py")
    assert len(drawing_code()) == 16


def test_play_keys_are_the_same_in_another_process():
    """Python salts its string hashes per process; a key must not depend on that."""
    code = textwrap.dedent("""
        import sys; sys.path.insert(0, "tests")
        from test_edit_loop import _film, _stage_key
        print(_stage_key(_film()))
    """)
    keys = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, env={**os.environ, "PYTHONHASHSEED": seed},
                           check=True).stdout.strip()
            for seed in ("1", "2")}
    assert len(keys) == 1 and _stage_key(_film()) in keys


def test_the_frame_counter_counts_the_plays_taken_from_the_cache(tmp_path):
    """``nnanim`` renders with manim's cache on; its progress bar must still reach the video's
    frames when every play comes from the cache (no frame is drawn then)."""
    from nnanim.command.rendering import Look, render_scene

    scene_file = _scene(tmp_path)
    look = Look("l", "en", True)
    partials = []
    for _ in range(2):  # the second render takes every play from the cache
        counter = tmp_path / "frames.count"
        video = render_scene(scene_file, "Edited", "edited", look, tmp_path / "media",
                             tmp_path / "manim.log", counter)
        assert int(counter.read_text()) == len(_frames(video))
        partials.append({path: path.stat().st_mtime_ns for path in
                         (tmp_path / "media").rglob("partial_movie_files/Edited/*.mp4")})
    assert partials[0] and partials[1] == partials[0], "the second render encoded plays again"


def test_a_play_of_grouped_animations_is_keyed():
    """manim's groups hold their animations in a record array (``anims_with_timings``); a play
    of one must get a key (not be drawn afresh every time), and its timing must be in it."""
    from manim import Succession

    def grouped(run_time: float) -> str | None:
        first, second = lecture_text_dot(), lecture_text_dot()
        return _key(first, second, animations=[
            Succession(Appear(first, run_time=0.5), Appear(second, run_time=run_time))])

    assert grouped(0.5) is not None
    assert grouped(0.5) == grouped(0.5)
    assert grouped(0.7) != grouped(0.5)


def _tree_with(tmp_path: Path, captions: dict[str, str]) -> Path:
    """A copy of nnanim with some English captions reworded, rendering losslessly."""
    tree = tmp_path / "tree"
    if not tree.exists():
        shutil.copytree(ROOT / "nnanim", tree / "nnanim",
                        ignore=shutil.ignore_patterns("__pycache__"))
        (tree / "nnanim" / "lectures" / "manim.cfg").write_text(LOSSLESS)
    source = tree / "nnanim" / "course" / "captions.py"
    text = (ROOT / "nnanim" / "course" / "captions.py").read_text()
    for key, sentence in captions.items():
        text, found = re.subn(rf'("{key}": )"[^"\n]*"', rf"\1{sentence!r}", text, count=1)
        assert found == 1, key
    source.write_text(text)
    return tree


def _lecture(tree: Path, cwd: Path) -> tuple[Path, str]:
    """``nnanim lecture softmax -q l --quick`` of ``tree`` in ``cwd``: the video and what it said."""
    cwd.mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "nnanim.command.cli", "lecture", "softmax", "-q", "l", "--quick"],
        cwd=cwd, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True,
        timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return cwd / "media" / "lectures" / "softmax-quick-480p15.mp4", result.stdout + result.stderr


def _chapters_reused(said: str) -> set[str]:
    return set(re.findall(r"^\s+(\w+)\s+reused: every picture in it is unchanged", said, re.M))


@pytest.mark.slow
def test_an_edit_in_one_chapter_renders_that_chapter_alone_and_the_fresh_lecture(tmp_path):
    """``nnanim lecture`` after a caption edit: the chapters whose plays all keep their keys
    are reused, the edited one is rendered again, and the joined video is, frame for frame,
    what a fresh render of the edited lecture gives."""
    work = tmp_path / "work"
    _lecture(_tree_with(tmp_path, {}), work)

    edited_tree = _tree_with(tmp_path, {"softmax_regions": "light blue: class 1, reworded"})
    video, said = _lecture(edited_tree, work)
    assert _chapters_reused(said) == {"title"}, said
    assert re.search(r"^\s+softmax\s+[\d.]+ s$", said, re.M), said
    fresh, _ = _lecture(edited_tree, tmp_path / "fresh")
    mine, theirs = _frames(video), _frames(fresh)
    assert len(mine) == len(theirs) > 0
    assert all(np.array_equal(a, b) for a, b in zip(mine, theirs))

    _, said = _lecture(_tree_with(tmp_path, {"softmax_regions": "light blue: class 1, reworded",
                                             "softmax_title": "Softmax, retitled"}), work)
    assert _chapters_reused(said) == {"softmax"}, said
    assert re.search(r"^\s+title\s+[\d.]+ s$", said, re.M), said


def test_a_lecture_imports_no_torch():
    """torch takes about two seconds to import: most of a re-render that takes every picture
    from the cache. A lecture of the article's experiments never needs it (its networks are
    trained once and kept), so importing the lectures must not import it."""
    lectures = sorted(path.stem for path in (ROOT / "nnanim" / "lectures").glob("*.py")
                      if path.stem != "__init__")
    assert "swissroll" in lectures
    code = (f"import sys, importlib\nfor name in {lectures!r}:\n"
            "    importlib.import_module('nnanim.lectures.' + name)\n"
            "print(sorted(m for m in sys.modules if m == 'torch'))")
    said = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    assert said == "[]", "a lecture imported torch"
