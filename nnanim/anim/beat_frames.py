"""The picture at every beat of a lecture, kept as a small PNG: the suite's eye.

A lecture is judged by eye, and a fault that no number notices (a panel left blank, one letter
in the wrong colour, a boundary drawn far from where it is) shows in its frames. Every beat --
each ``pause`` and ``beat`` of a lecture, the moments a teacher stops to talk -- is such a
moment, so with ``$NNANIM_BEAT_FRAMES`` naming a folder, ``LectureScene`` saves the frame the
viewer sees there: the last frame written, exactly as it went to the video (no encoding), at
half the render's size. The suite renders every lecture once and compares these pictures with
committed controls (``tests/test_beat_frames.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image

from nnanim.core.files import write_whole

SHRINK = 2
"""Pixels averaged per side: 480p renders keep 427 × 240 pictures, a few dozen kB each."""


def beat_frame_name(chapter: str, number: int) -> str:
    """``E3-04.png``: the chapter's name (safe for file names) and the beat's number in it."""
    return f"{re.sub(r'[^A-Za-z0-9]+', '-', chapter).strip('-') or 'chapter'}-{number:02d}.png"


def shrink(frame: np.ndarray, factor: int = SHRINK) -> np.ndarray:
    """RGB of ``frame`` (RGB or RGBA), each ``factor`` × ``factor`` block averaged."""
    rgb = np.asarray(frame)[..., :3].astype(np.float64)
    rows, columns = (rgb.shape[0] // factor) * factor, (rgb.shape[1] // factor) * factor
    blocks = rgb[:rows, :columns].reshape(rows // factor, factor, columns // factor, factor, 3)
    return np.round(blocks.mean(axis=(1, 3))).astype(np.uint8)


def save_beat_frame(frame: np.ndarray, target: Path) -> Path:
    """Write the shrunken ``frame`` to ``target`` as a PNG, whole or not at all."""
    picture = Image.fromarray(shrink(frame))
    return write_whole(target, lambda path: picture.save(path, format="PNG", optimize=True))
