"""The ``nnanim`` command, run as a teacher runs it.

Commands that do real work (list, train, inspect, render) run the entry point in a child
process. The many ways an input can be wrong run ``main()`` in this process -- the function
the console script calls -- because a fresh interpreter per typo would cost two seconds of
imports each; two of them also go through a child process to check the exit status there.
"""

import importlib.metadata
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from nnanim.command import cli
from nnanim.errors import NnanimError
from nnanim.core.experiments import PRESETS
from nnanim.outputs.joining import join_videos
from nnanim.course.lectures import LECTURES
from nnanim.studies.network_summary import figure_size

from conftest import lecture_group

ROOT = Path(__file__).resolve().parents[1]

GOOD = {
    "layers": 'layers = [[2, "tanh"]]',
    "data": '[data]\ngenerator = "blobs"\nn = 60',
}


def toml(**sections: str) -> str:
    """A small experiment file with some parts replaced (or dropped with ``None``)."""
    parts = {**GOOD, **sections}
    top = [text for key, text in parts.items() if key != "data" and text]
    return "\n".join(top + ([parts["data"]] if parts["data"] else [])) + "\n"


def nnanim_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nnanim.command.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )


def assert_one_line_error(status: int, stderr: str, *fragments: str) -> None:
    assert status == 2
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnanim: error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_the_console_script_runs_main():
    (script,) = [
        entry for entry in importlib.metadata.entry_points(group="console_scripts")
        if entry.name == "nnanim"
    ]
    assert script.value == "nnanim.command.cli:main"


def test_list_shows_every_preset_and_lecture_with_its_length():
    result = nnanim_process("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for name, exp in PRESETS.items():
        assert any(line.split()[0] == name and exp.arch.describe() in line and exp.title in line
                   for line in lines)
    for name, lecture in LECTURES.items():
        assert any(line.split()[:2] == [name, lecture.length] for line in lines)
    assert any("examples/spiral.toml" in line and "3 tanh → 2 tanh" in line for line in lines)


def test_train_reports_the_result_and_the_cache_file():
    result = nnanim_process("train", "E1")
    assert result.returncode == 0, result.stderr
    fields = dict(line.split(None, 1) for line in result.stdout.splitlines()[1:])
    assert fields["accuracy"] == "100.0 %"
    assert fields["epochs"] == "300"
    assert float(fields["loss"]) < 0.05
    cache_file = Path(fields["cache"])
    assert cache_file.is_file() and cache_file.parent == Path(os.environ["NNANIM_CACHE_DIR"])


TOML_ERRORS = [
    (toml(layers='layer = [[2, "tanh"]]'),
     "top level: unknown key 'layer' (allowed: name, title, seed, layers, classes, data, train)"),
    (toml(data=None), "data: missing"),
    (toml(layers=None), "layers: missing"),
    (toml(layers='layers = [[2, "tanh"], [2, "tahn"]]'),
     "layers[1].activation: 'tahn' is not one of linear, tanh, relu, sigmoid"),
    (toml(layers='layers = [[0, "tanh"]]'), "layers[0].width: 0 is too small"),
    (toml(layers='layers = [[2.5, "tanh"]]'), "layers[0].width: 2.5 is not an integer"),
    (toml(layers="layers = [[2]]"), "layers[0]: [2] is not a (width, activation) pair"),
    (toml(layers="layers = []"), "layers: [] is not a list of layers"),
    (toml(layers=None) + "[[layers]]\nunits = 2\n",
     "layers[0]: unknown key 'units' (allowed: width, activation)"),
    (toml(layers=None) + "[[layers]]\nwidth = 2\n", "layers[0]: missing activation"),
    (toml(data="data = 3"), "data: 3 is not a table of keys"),
    (toml(data='[data]\ngenerator = "spiral"'),
     "data.generator: 'spiral' is not one of blobs, swissroll, donut"),
    (toml(data='[data]\ngenerator = "swissroll"\nring = [1, 2]'),
     "data: unknown key 'ring' (allowed: generator, n, noise, seed, polar, turns)"),
    (toml(data='[data]\ngenerator = "blobs"\nnoise = -1'),
     "data.noise: -1.0 is not allowed (must be >= 0)"),
    (toml(data='[data]\ngenerator = "blobs"\nn = 3'), "data.n: 3 is too small (must be >= 4)"),
    (toml(data='[data]\ngenerator = "donut"\npolar = "yes"'), "data.polar: 'yes' is not True"),
    (toml(data='[data]\ngenerator = "donut"\nring = [2, 1]'), "data.ring: (2.0, 1.0) must satisfy"),
    (toml(data="[data]\nn = 50"), 'data: give either generator = "..." or csv = "file.csv"'),
    (toml(data='[data]\ngenerator = "blobs"\ncsv = "p.csv"'), "data: give either generator"),
    (toml(data='[data]\ncsv = "nowhere.csv"'), "data.csv: 'nowhere.csv' not found"),
    (toml() + "[train]\nlearning_rate = 0.1\n",
     "train: unknown key 'learning_rate' (allowed: optimizer, lr, epochs, weight_decay)"),
    (toml() + '[train]\noptimizer = "adamw"\n', "train.optimizer: 'adamw' is not one of adam, sgd"),
    (toml() + "[train]\nlr = 0\n", "train.lr: 0.0 is not allowed (must be > 0)"),
    (toml() + '[train]\nepochs = "many"\n', "train.epochs: 'many' is not an integer"),
    ('name = "E3"\n' + toml(), "name: 'E3' is a preset's name; choose another"),
    ('name = "my net"\n' + toml(), "name: 'my net' is not a name of letters"),
    ("seed = -1\n" + toml(), "seed: -1 is too small (must be >= 0)"),
    ("title = 3\n" + toml(), "title: 3 is not a string"),
    ('layers = [[2 "tanh"]]\n', "(at line 1"),
]


@pytest.mark.parametrize("text, message", TOML_ERRORS, ids=[m for _, m in TOML_ERRORS])
def test_every_mistake_in_an_experiment_file_is_one_line(tmp_path, capsys, text, message):
    path = tmp_path / "net.toml"
    path.write_text(text)
    status = cli.main(["train", str(path)])
    assert_one_line_error(status, capsys.readouterr().err, f"{path}: ", message)


CSV_ERRORS = [
    ("0,0,0\n1,1,x\n", "points.csv:2: label 'x' is not a class number 0, 1, 2"),
    ("x1,x2,label\n0,0,0\n\n1,1,2.5\n", "points.csv:4: label '2.5' is not a class number"),
    ("0,0,0\n1,abc,1\n", "points.csv:2: x2 'abc' is not a number"),
    ("nan,0,0\n", "points.csv:1: x1 'nan' is not a finite number"),
    ("0,inf,0\n", "points.csv:1: x2 'inf' is not a finite number"),
    ("0,0,0\n1,1\n", "points.csv:2: 2 columns, expected 3 (x1,x2,label)"),
    ("0,0,0\n1,1,1,5\n", "points.csv:2: 4 columns, expected 3"),
    ("0,0,0\n1,0,0\n1,1,1\n", "points.csv: class 1 has 1 point; each class needs at least 2"),
    ("", "points.csv: holds no points; write one point per row, x1,x2,label"),
    ("x1,x2,label\n# none yet\n", "points.csv: holds no points"),
    ("0;0;0\n1;1;1\n", "points.csv:1: the values are separated by semicolons, not commas; "
                        "save the file as comma-separated values"),
    ("x1;x2;label\n0,5;1,5;0\n", "points.csv:1: the values are separated by semicolons"),
    ("0\t0\t0\n", "points.csv:1: the values are separated by tabs"),
    ("0 0 0\n", "points.csv:1: the values are separated by spaces"),
]


@pytest.mark.parametrize("rows, message", CSV_ERRORS, ids=[m for _, m in CSV_ERRORS])
def test_every_mistake_in_a_csv_file_names_its_line(tmp_path, capsys, rows, message):
    (tmp_path / "points.csv").write_text(rows)
    path = tmp_path / "net.toml"
    path.write_text(toml(data='[data]\ncsv = "points.csv"'))
    status = cli.main(["inspect", str(path)])
    assert_one_line_error(status, capsys.readouterr().err, message)


@pytest.mark.parametrize("args, message", [
    (["train", "E9"], "experiment: 'E9' is not a preset (E1, E2, E3, E4, E5, E6, E7, E8, C3, K1, K2)"),
    (["train", "nosuch.toml"], "nosuch.toml: no such file"),
    (["render", "E1", "--out", "x.avi"], "--out: 'x.avi' does not end in .mp4, .gif or .png"),
    (["render", "E1", "--format", "gif", "--out", "x.mp4"], "does not end in .gif"),
    (["inspect", "E1", "--out", "x.jpg"], "--out: 'x.jpg' does not end in .png"),
    (["render", "E1", "--out", ""], "--out: empty; give a file such as E1.mp4"),
    (["lecture", "donut", "--out", ""], "--out: empty; give a file such as donut-1080p60.mp4"),
    (["inspect", "E1", "--out", " "], "--out: empty; give a file such as E1.png"),
    (["train", "E1", "--seeds", "5-2"], "--seeds: '5-2' runs backwards; write 2-5"),
    (["train", "E1", "--seeds", "a"], "--seeds: 'a' is not a list of seeds"),
    (["lecture", "nolecture"], "no lecture 'nolecture'; the lectures are swissroll, linear"),
])
def test_mistakes_on_the_command_line_are_one_line(capsys, args, message):
    assert_one_line_error(cli.main(args), capsys.readouterr().err, message)


def test_a_folder_where_a_file_belongs_is_named_as_a_folder(tmp_path, capsys):
    (tmp_path / "points.csv").mkdir()
    (tmp_path / "net.toml").write_text(toml(data='[data]\ncsv = "points.csv"'))
    assert_one_line_error(cli.main(["train", str(tmp_path / "net.toml")]), capsys.readouterr().err,
                          "data.csv: 'points.csv' is a folder", "name the CSV file")
    (tmp_path / "exp.toml").mkdir()
    assert_one_line_error(cli.main(["train", str(tmp_path / "exp.toml")]), capsys.readouterr().err,
                          f"{tmp_path / 'exp.toml'}: is a folder, not an experiment file")
    assert_one_line_error(cli.main(["inspect", str(tmp_path)]), capsys.readouterr().err,
                          f"{tmp_path}: is a folder, not an experiment file; give a .toml file "
                          f"such as {tmp_path / 'net.toml'}")


def test_an_experiment_file_with_a_byte_order_mark_is_read(tmp_path):
    plain = tmp_path / "plain.toml"
    plain.write_text(toml(), encoding="utf-8")
    marked = tmp_path / "marked.toml"
    marked.write_text(toml(), encoding="utf-8-sig")  # as Windows Notepad saves it
    assert marked.read_bytes().startswith(b"\xef\xbb\xbf")
    from nnanim.core.experiment_file import load_experiment_file

    assert load_experiment_file(marked).definition() == load_experiment_file(plain).definition()


def test_an_out_parent_that_is_a_file_is_one_line_before_training(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("")
    out = tmp_path / "notes.txt" / "E3.mp4"
    status = cli.main(["render", "E3", "--out", str(out)])
    assert_one_line_error(status, capsys.readouterr().err,
                          f"--out: {out.parent} is a file, not a folder")


@pytest.mark.parametrize("out, written", [
    ("shots/", "shots/E1.png"), ("shots/summary", "shots/summary.png"),
])
def test_inspect_out_as_folder_or_bare_name(tmp_path, out, written):
    result = nnanim_process("inspect", "E1", "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"nnanim: wrote {written}"
    assert (tmp_path / written).is_file()


def test_a_read_only_working_folder_is_one_line_before_training(private_mount, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    code = f"import os, sys; os.chdir({str(work)!r}); from nnanim.command import cli; " \
           "sys.exit(cli.main(['render', 'E3']))"
    result = private_mount(f"mount --bind -o ro {work} {work}", code,
                           NNANIM_CACHE_DIR=str(tmp_path / "cache"))
    assert_one_line_error(result.returncode, result.stderr,
                          f"media: cannot write in {work}/media (read-only file system); "
                          "run nnanim from a folder you can write to")
    assert "E3:" not in result.stdout  # nothing trained


def test_an_unwritable_cache_is_one_line_before_training(private_mount, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    code = "import sys; from nnanim.command import cli; sys.exit(cli.main(['train', 'E3']))"
    result = private_mount(f"mount --bind -o ro {cache} {cache}", code,
                           NNANIM_CACHE_DIR=str(cache))
    assert_one_line_error(result.returncode, result.stderr,
                          f"NNANIM_CACHE_DIR: cannot write in {cache}")


def test_seeds_show_the_spread_and_the_claim():
    result = nnanim_process("train", "E1", "--seeds", "0-3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "E1: 2 linear → 2 softmax, 4 training seeds (0–3)"
    assert lines[1].startswith("  accuracy  median ")
    assert lines[-1].startswith("  claim     ≥ 99 %: held for 4 of 4 seeds here")
    assert result.stderr == ""  # no bars when nobody watches


def test_a_run_below_its_claim_says_so_in_one_line(capsys, monkeypatch):
    from dataclasses import replace

    from nnanim.core.experiments import Outcome
    from nnanim.core.rates import Rate

    strict = replace(PRESETS["E2"], outcome=Outcome(Rate(95, 100), at_least=0.99))
    monkeypatch.setitem(PRESETS, "E2", strict)
    assert cli.main(["train", "E2"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("E2: this run reached ")
    assert last.endswith("far below what its claim expects (≥ 99 % in 95 of 100 runs); "
                         "compare other seeds: nnanim train E2 --seeds 0-19")


def test_a_bad_language_setting_stops_before_manim(capsys, monkeypatch):
    monkeypatch.setenv("NNANIM_LANG", "fr")
    assert_one_line_error(cli.main(["render", "E1"]), capsys.readouterr().err, "NNANIM_LANG: 'fr'")


def test_errors_leave_the_process_with_status_2_and_no_traceback(tmp_path):
    bad_toml = tmp_path / "net.toml"
    bad_toml.write_text(toml(layers='layers = [[2, "tahn"]]'))
    result = nnanim_process("train", str(bad_toml))
    assert_one_line_error(result.returncode, result.stderr, "layers[0].activation: 'tahn'")
    (tmp_path / "points.csv").write_text("0,0,0\n1,1,x\n")
    bad_toml.write_text(toml(data='[data]\ncsv = "points.csv"'))
    result = nnanim_process("render", str(bad_toml))
    assert_one_line_error(result.returncode, result.stderr, "points.csv:2: label 'x'")


def encode_clip(path: Path, frames: int, size: tuple[int, int] = (64, 48), shade: int = 0) -> None:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=15)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for i in range(frames):
            image = np.full((size[1], size[0], 3), (shade + 8 * i) % 256, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def test_joined_chapters_keep_every_frame_and_mark_each_start(tmp_path):
    parts = []
    for name, frames in (("title", 6), ("E2", 9), ("E3", 4)):
        encode_clip(tmp_path / f"{name}.mp4", frames, shade=100 * len(parts))
        parts.append((name, tmp_path / f"{name}.mp4"))
    marks = join_videos(parts, tmp_path / "out" / "lecture.mp4")
    assert marks == [("title", 0.0), ("E2", 0.4), ("E3", 1.0)]
    with av.open(str(tmp_path / "out" / "lecture.mp4")) as joined:
        frames = list(joined.decode(video=0))
        chapters = joined.chapters()
    assert len(frames) == 19
    assert [round(frame.time * 15) for frame in frames] == list(range(19))
    assert [chapter["metadata"]["title"] for chapter in chapters] == ["title", "E2", "E3"]
    assert [chapter["start"] * chapter["time_base"] for chapter in chapters] == [
        0, Fraction(2, 5), 1
    ]


def test_chapters_encoded_differently_are_not_joined(tmp_path):
    encode_clip(tmp_path / "a.mp4", 3)
    encode_clip(tmp_path / "b.mp4", 3, size=(32, 32))
    with pytest.raises(NnanimError, match="'b' was encoded differently"):
        join_videos([("a", tmp_path / "a.mp4"), ("b", tmp_path / "b.mp4")],
                        tmp_path / "joined.mp4")


def test_inspect_draws_one_panel_per_layer(tmp_path):
    result = nnanim_process("inspect", "E1", "--out", "summary/E1.png", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "nnanim: wrote summary/E1.png"
    with Image.open(tmp_path / "summary" / "E1.png") as image:
        assert image.size == figure_size(3) == (1200, 450)


BLOG_GIF_BYTES = 8_000_000
"""What a 40 s chapter's GIF may weigh at the GIF default (480p15): a blog post's budget."""


def gif_frames(path: Path) -> list[tuple[float, np.ndarray]]:
    """Each frame of a GIF as shown: its start in seconds and its picture."""
    shown, start = [], 0
    with Image.open(path) as gif:
        for i in range(gif.n_frames):
            gif.seek(i)
            shown.append((start / 1000, np.asarray(gif.convert("RGB"), dtype=float)))
            start += gif.info["duration"]
    return shown + [(start / 1000, None)]


def test_gif_delays_add_up_to_the_videos_length_exactly():
    from nnanim.outputs.gif import centisecond_delays

    delays = centisecond_delays(600, Fraction(15))
    assert sum(delays) == 4000 and set(delays) == {6, 7}


@pytest.mark.slow
def test_render_makes_a_small_gif_timed_and_drawn_like_its_video(tmp_path):
    result = nnanim_process("render", "E1", "--format", "gif", "--quick", "--out", "tmp/x.gif",
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "nnanim: wrote tmp/x.gif"
    gif = tmp_path / "tmp" / "x.gif"
    video = decoded_frames(tmp_path / "media/videos/experiment/480p15/E1-quick.mp4")
    counted = tmp_path / "media/logs/E1-quick/E1-quick.frames"
    assert int(counted.read_text()) == len(video)  # what the progress bar counts
    shown = gif_frames(gif)
    seconds = len(video) / 15
    assert abs(shown[-1][0] - seconds) <= 1 / 15
    # quick mode plays the motion of the 40 s chapter in 3 s: more change per second, so
    # twice the proportional budget (the full chapter: benchmarks/gif_size.py)
    assert gif.stat().st_size <= 2 * BLOG_GIF_BYTES * seconds / 40
    assert shown[0][1].shape == (480, 854, 3)
    for start, picture in shown[:-1]:
        assert np.abs(picture - video[round(start * 15)]).mean() < 6


def decoded_frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def assert_subtitled(joined: Path, chapters: Path) -> None:
    """Subtitle files and soft tracks of a joined lecture hold every chapter's cues, in order,
    at the chapter's place, the same times in English and Japanese."""
    import srt

    from nnanim.outputs.subtitles import read_cues

    with av.open(str(joined)) as container:
        starts = [float(c["start"] * c["time_base"]) for c in container.chapters()]
        tracks = container.streams.subtitles
        assert [t.metadata.get("language") for t in tracks] == ["eng", "jpn"]
    expected = [cue.shifted(start)
                for path, start in zip(sorted(chapters.glob("*.mp4")), starts)
                for cue in read_cues(path)]
    parsed = {lang: list(srt.parse(joined.with_name(f"{joined.stem}.{lang}.srt").read_text(
        encoding="utf-8"))) for lang in ("en", "ja")}
    assert [s.content for s in parsed["en"]] == [c.text("en") for c in expected]
    assert [s.content for s in parsed["ja"]] == [c.text("ja") for c in expected]
    for lang in ("en", "ja"):
        assert [s.start.total_seconds() for s in parsed[lang]] == pytest.approx(
            [c.start for c in expected], abs=2e-3)
    assert joined.with_name(f"{joined.stem}.ja.vtt").read_text(encoding="utf-8").startswith(
        "WEBVTT")


@pytest.mark.slow
@lecture_group("softmax")
def test_a_lecture_renders_by_chapter_joins_and_can_be_joined_again(tmp_path, lecture_render,
                                                                     same_pictures):
    """Each chapter alone draws what the full render draws; the chapters outlive a failure."""
    args = ["lecture", "softmax", "-q", "l", "--quick", "--out", "out/softmax.mp4", "--subtitles"]
    result = nnanim_process(*args, "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    joined, folder = tmp_path / "out" / "softmax.mp4", tmp_path / "out" / "softmax-chapters"
    assert_subtitled(joined, folder)
    kept = sorted(folder.glob("*.mp4"))
    assert [path.name for path in kept] == ["01-title.mp4", "02-softmax.mp4"]
    full = lecture_render("softmax").chapters
    for path, (_, section) in zip(kept, full):
        same_pictures(decoded_frames(path), decoded_frames(section))
    with av.open(str(joined)) as container:
        assert [c["metadata"]["title"] for c in container.chapters()] == ["title", "softmax"]

    joined.unlink()
    good = kept[1].read_bytes()
    kept[1].write_bytes(good[: len(good) // 3])  # a damaged chapter: joining fails
    result = nnanim_process(*args, "--join-only", cwd=tmp_path)
    assert_one_line_error(result.returncode, result.stderr, "joining failed",
                          f"the chapters are kept in {Path('out/softmax-chapters')}",
                          "without rendering: nnanim " + " ".join(args) + " --join-only")
    assert not joined.exists() and kept[0].is_file()
    kept[1].write_bytes(good)
    result = nnanim_process(*args, "--join-only", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(decoded_frames(joined)) == sum(len(decoded_frames(path)) for path in kept)


def test_the_frame_bar_counts_every_process_and_ends_full(tmp_path, monkeypatch):
    import io

    from nnanim.command.frame_bar import FrameBar

    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    with FrameBar(tmp_path, shown=True) as bar:
        bar.counter("01-title").write_text("30\n")
        bar.counter("02-E2").write_text("12\n")
    assert "100%" in stream.getvalue() and "42/42" in stream.getvalue()
