"""The README's gallery: every picture names a real chapter, is in the tree and on the page."""

from pathlib import Path

import av
import numpy as np
from PIL import Image

from nnanim.gallery import PICTURES, WIDTH, frame_at
from nnanim.lectures import get_lecture

ROOT = Path(__file__).resolve().parents[1]


def test_every_picture_is_a_moment_of_a_real_chapter():
    for picture in PICTURES:
        get_lecture(picture.lecture).chapter(picture.chapter)
        assert 0.0 <= picture.at <= 1.0


def test_every_picture_is_kept_small_and_shown_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for picture in PICTURES:
        path = ROOT / "media" / "gallery" / f"{picture.name}.png"
        with Image.open(path) as image:
            assert image.width == WIDTH
        assert path.stat().st_size < 300_000
        assert f"(media/gallery/{picture.name}.png)" in readme


def test_a_picture_is_the_frame_at_its_share_of_the_video(tmp_path):
    video = tmp_path / "clip.mp4"
    with av.open(str(video), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
        for shade in range(0, 250, 25):  # ten frames, each lighter than the last
            image = np.full((180, 320, 3), shade, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    with Image.open(frame_at(video, 5 / 9, tmp_path / "p.png")) as picture:
        assert picture.size == (WIDTH, 360)
        assert abs(int(np.asarray(picture.convert("L"))[180, 320]) - 125) <= 4
