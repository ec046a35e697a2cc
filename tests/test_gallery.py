"""The README's gallery: every picture names a real chapter, is in the tree and on the page."""

from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

import nnanim.command.gallery
from nnanim.command.gallery import PICTURES, WIDTH, frame_at, make_gallery
from nnanim.course.lectures import get_lecture

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


CHAPTERS = sorted({(picture.lecture, picture.chapter) for picture in PICTURES})
"""Each chapter the gallery shows, rendered once for all of its pictures."""


@pytest.mark.slow
@pytest.mark.parametrize("lecture, chapter", [
    pytest.param(lecture, chapter, marks=pytest.mark.xdist_group(f"lecture-{lecture}"))
    for lecture, chapter in CHAPTERS])
def test_the_gallery_is_drawn_as_committed(lecture, chapter, tmp_path, monkeypatch):
    """``nnanim gallery``'s pictures, rendered afresh, are the committed ones to the level of
    video coding and dot rims: a broken heatmap changed the wiser picture by 12 % of its
    pixels, the three-class curves moved the triangle's by 0.1 %; coding moves at most 0.06 %.

    The whole gallery takes about a minute of both cores (each chapter in its lecture's test
    process, where its networks are already trained).
    """
    pictures = tuple(p for p in PICTURES if (p.lecture, p.chapter) == (lecture, chapter))
    monkeypatch.setattr(nnanim.command.gallery, "PICTURES", pictures)
    made = make_gallery(tmp_path / "gallery", tmp_path / "work", say=lambda line: None)
    for picture in made:
        committed = ROOT / "media" / "gallery" / picture.name
        with Image.open(picture) as mine, Image.open(committed) as theirs:
            gap = np.abs(np.asarray(mine.convert("RGB"), dtype=int)
                         - np.asarray(theirs.convert("RGB"), dtype=int)).max(axis=2)
        assert (gap > 32).mean() < 0.001, (
            f"{picture.name}: {(gap > 32).sum()} pixels differ by more than 32 levels; after an "
            "intended change run nnanim gallery and look at the pictures")
        assert (gap > 8).mean() < 0.06
