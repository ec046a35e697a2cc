"""Every reader of finished videos names a file that is not one in one line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from nnanim.command.gallery import frame_at
from nnanim.errors import NnanimError
from nnanim.outputs.gif import write_gif
from nnanim.outputs.joining import join_videos
from nnanim.outputs.subtitles import Cue, mux_subtitle_tracks
from nnanim.outputs.video_file import open_video

READERS = {
    "gif": lambda video, out: write_gif(video, out / "x.gif"),
    "gallery": lambda video, out: frame_at(video, 0.5, out / "x.png"),
    "joining": lambda video, out: join_videos([("one", video)], out / "x.mp4"),
    "subtitles": lambda video, out: mux_subtitle_tracks(
        video, [Cue(0.0, 1.0, (), {"en": "a", "ja": "あ"})], out / "x.mp4"),
}


def text_file(folder: Path) -> Path:
    path = folder / "notes.mp4"
    path.write_text("not a video at all\n")
    return path


def audio_only(folder: Path) -> Path:
    """A real media file with a sound track and no picture."""
    path = folder / "sound.wav"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=8000)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 800), dtype=np.int16), format="s16",
                                           layout="mono")
        frame.sample_rate = 8000
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("bad, problem", [(text_file, "not a readable video"),
                                          (audio_only, "has no video stream")])
def test_a_file_that_is_no_video_is_named_in_one_line(tmp_path, reader, bad, problem):
    video = bad(tmp_path)
    with pytest.raises(NnanimError, match=f"{video.name}: {problem}"):
        READERS[reader](video, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [video.name]  # nothing half-written


def test_a_video_opens_with_its_frames(tmp_path):
    path = tmp_path / "clip.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for shade in (0, 120, 240):
            image = np.full((48, 64, 3), shade, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    with open_video(path) as container:
        shades = [int(frame.to_ndarray(format="gray").mean()) for frame in container.decode(video=0)]
    assert [abs(s - want) <= 4 for s, want in zip(shades, (0, 120, 240))] == [True] * 3
