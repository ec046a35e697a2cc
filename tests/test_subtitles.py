"""Subtitle files and soft subtitle tracks, read back with the libraries players use."""

from pathlib import Path

import av
import numpy as np
import pytest
import srt

from nnanim.course.captions import caption
from nnanim.errors import NnanimError
from nnanim.outputs.subtitles import (
    Cue, mux_subtitle_tracks, read_cues, srt_text, timeline, vtt_text, write_cues, write_subtitle_files,
)

CUES = [
    Cue.of(0.0, 1.5, "inside"),
    Cue.of(0.4, 2.0, "layer_bias", layer=2),
    Cue.of(2.0, 2.6, "accuracy_value", value=97.25),
]


def encode_clip(path: Path, seconds: float, rate: int = 15) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height = 64, 48
        stream.pix_fmt = "yuv420p"
        for i in range(round(seconds * rate)):
            image = np.full((48, 64, 3), (9 * i) % 256, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_srt_cues_are_the_captions_in_each_language_at_the_same_times():
    english = list(srt.parse(srt_text(CUES, "en")))
    japanese = list(srt.parse(srt_text(CUES, "ja")))
    assert [s.content for s in english] == [c.text("en") for c in CUES]
    assert [s.content for s in japanese] == [
        caption("inside", "ja"), caption("layer_bias", "ja", layer=2),
        caption("accuracy_value", "ja", value=97.25)]
    assert [(s.start, s.end) for s in english] == [(s.start, s.end) for s in japanese]
    assert english[1].start.total_seconds() == pytest.approx(0.4)
    assert "97.2 %" in english[2].content or "97.3 %" in english[2].content


def test_vtt_has_the_same_cues_in_webvtt_form():
    text = vtt_text(CUES, "en")
    assert text.startswith("WEBVTT\n")
    assert "00:00:00.400 --> 00:00:02.000" in text
    assert text.count(" --> ") == len(CUES)


def test_cues_survive_a_round_trip_and_a_damaged_file_says_what_to_do(tmp_path):
    video = tmp_path / "Lecture.mp4"
    write_cues(CUES, video)
    assert read_cues(video) == CUES
    (tmp_path / "Lecture.cues.json").write_text("[{")
    with pytest.raises(NnanimError, match="render the lecture again"):
        read_cues(video)


def test_subtitle_files_are_written_for_both_languages(tmp_path):
    written = write_subtitle_files(CUES, tmp_path / "Lecture.mp4")
    assert sorted(p.name for p in written) == [
        "Lecture.en.srt", "Lecture.en.vtt", "Lecture.ja.srt", "Lecture.ja.vtt"]


def test_soft_subtitle_tracks_carry_language_tags_and_the_cues(tmp_path):
    video = encode_clip(tmp_path / "in.mp4", 3.0)
    out = mux_subtitle_tracks(video, CUES, tmp_path / "out.mp4")
    with av.open(str(out)) as container:
        tracks = container.streams.subtitles
        languages = [t.metadata.get("language") for t in tracks]
        indices = [t.index for t in tracks]
        assert container.streams.video[0].frames == 45
        samples = [(p.stream_index, bytes(p), float(p.pts * p.time_base))
                   for p in container.demux(*tracks) if p.size > 2]  # 2 bytes: "no text"
    assert languages == ["eng", "jpn"]
    english, japanese = ([data[2:].decode("utf-8") for i, data, _ in samples if i == index]
                         for index in indices)
    starts = [t for i, _, t in samples if i == indices[0]]
    # 0–0.4 s one caption, 0.4–1.5 s two at once, 1.5–2 s the second, 2–2.6 s the third.
    en = [c.text("en") for c in CUES]
    assert english == [en[0], en[0] + "\n" + en[1], en[1], en[2]]
    assert japanese == [text for _, _, text in timeline(CUES, "ja")]
    assert starts == pytest.approx([0.0, 0.4, 1.5, 2.0], abs=1e-3)


# --- a render's cues against its frames ------------------------------------------------------

CAPTIONS_SCENE = """
from manim import Square

from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear, Swap, Vanish


class Captions(LectureScene):
    def construct(self):
        first = self.text("inside", 40).move_to([-4.0, 2.8, 0])
        second = self.text("layer_bias", 40, layer=2).move_to([3.5, -2.8, 0])
        mark = Square(0.3).move_to([-4.0, -2.8, 0])  # no caption: it only makes the play long
        self.wait(0.4)
        self.play(Appear(first), run_time=0.4)
        self.wait(0.6)
        self.play(Appear(second), run_time=0.4)
        # The caption fades out in the first half of a longer play: its cue ends with the fade.
        self.play(Vanish(first, run_time=0.4), Appear(mark, run_time=0.8))
        # A swap: the second caption leaves in the first half, the third comes in the second.
        third = self.text("layer_tanh", 40, layer=1).move_to([3.5, 2.8, 0])
        self.play(Swap(second, third), run_time=0.8)
        self.remove(third)
        self.wait(0.4)
"""
RATE = 15
REGIONS = {"inside": (slice(0, 160), slice(0, 427)),        # top left quarter of 854 × 480
           "layer_bias": (slice(320, 480), slice(427, 854)),  # bottom right quarter
           "layer_tanh": (slice(0, 160), slice(427, 854))}    # top right quarter


def inked_frames(video: Path, region: tuple[slice, slice]) -> list[int]:
    """Indices of the frames where ``region`` holds anything darker than the background."""
    with av.open(str(video)) as container:
        frames = [frame.to_ndarray(format="gray") for frame in container.decode(video=0)]
    background = frames[0][region].max()
    return [i for i, frame in enumerate(frames) if (frame[region] < background - 8).any()]


def test_a_renders_cues_start_and_end_where_its_frames_show_the_caption(tmp_path, render_scene):
    scene_file = tmp_path / "captions.py"
    scene_file.write_text(CAPTIONS_SCENE)
    folder = render_scene(scene_file, tmp_path / "media")
    video = folder / "Captions.mp4"
    english = list(srt.parse((folder / "Captions.en.srt").read_text(encoding="utf-8")))
    japanese = list(srt.parse((folder / "Captions.ja.srt").read_text(encoding="utf-8")))
    assert [s.content for s in english] == [caption("inside", "en"),
                                             caption("layer_bias", "en", layer=2),
                                             caption("layer_tanh", "en", layer=1)]
    assert [s.content for s in japanese] == [caption("inside", "ja"),
                                              caption("layer_bias", "ja", layer=2),
                                              caption("layer_tanh", "ja", layer=1)]
    assert [(s.start, s.end) for s in english] == [(s.start, s.end) for s in japanese]
    for cue, key in zip(english, ("inside", "layer_bias", "layer_tanh")):
        shown = inked_frames(video, REGIONS[key])
        assert shown == list(range(shown[0], shown[-1] + 1)), f"{key} flickers"
        first_frame = cue.start.total_seconds() * RATE
        after_last_frame = cue.end.total_seconds() * RATE
        assert abs(shown[0] - first_frame) <= 1, (key, shown[0], first_frame)
        assert abs(shown[-1] + 1 - after_last_frame) <= 1, (key, shown[-1], after_last_frame)


def test_a_render_from_manims_cache_has_the_same_cues(tmp_path):
    """manim re-uses the animations it has cached; the cue times must not drift then."""
    import os
    import subprocess
    import sys

    scene_file = tmp_path / "captions.py"
    scene_file.write_text(CAPTIONS_SCENE.replace("run_time=0.4", "run_time=0.45"))
    texts = []
    for _ in range(2):  # the second render takes every animation from the cache
        result = subprocess.run(
            [sys.executable, "-m", "manim", "-ql", "--media_dir", str(tmp_path / "media"),
             str(scene_file)],
            cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True,
            env={**os.environ, "NNANIM_QUICK": "0"}, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        texts.append((tmp_path / "media/videos/captions/480p15/Captions.en.srt").read_text())
    assert "Using cached" in result.stderr + result.stdout
    assert texts[0] == texts[1]
