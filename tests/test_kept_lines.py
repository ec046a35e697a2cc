"""Lines of lecture text kept between runs come back exactly as a fresh setting makes them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from manim import Text, tempconfig

from nnanim.anim import lecture
from nnanim.anim.play_key import digest


def glyph_points(text: Text) -> list[np.ndarray]:
    return [glyph.points for glyph in text.family_members_with_points()]


def test_a_kept_line_is_the_line_set_afresh(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        fresh = lecture.kept_line("accuracy 77.2 % — 正解率", 28.0, "#222222")
        kept_files = list((Path(tmp_path) / "texts" / "lines").glob("*.pickle"))
        assert len(kept_files) == 1
        again = lecture.kept_line("accuracy 77.2 % — 正解率", 28.0, "#222222")
    assert again is not fresh
    assert all(np.array_equal(a, b) for a, b in zip(glyph_points(fresh), glyph_points(again)))
    assert len(glyph_points(again)) == len(glyph_points(fresh)) > 10
    assert digest(again) == digest(fresh)  # the same play keys: manim's cache still applies


def test_another_word_size_or_colour_is_another_line(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        base = lecture.kept_line("epoch 21", 28.0, "#222222")
        others = [lecture.kept_line("epoch 22", 28.0, "#222222"),
                  lecture.kept_line("epoch 21", 30.0, "#222222"),
                  lecture.kept_line("epoch 21", 28.0, "#1a7f37")]
        assert len(list((Path(tmp_path) / "texts" / "lines").glob("*.pickle"))) == 4
    assert not np.array_equal(glyph_points(base)[-1], glyph_points(others[0])[-1])
    assert others[1].width > base.width
    assert others[2].get_color().to_hex() != base.get_color().to_hex()


def test_a_damaged_kept_line_is_set_anew_and_kept_again(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        fresh = lecture.kept_line("loss 0.31", 28.0, "#222222")
        (kept,) = (Path(tmp_path) / "texts" / "lines").glob("*.pickle")
        kept.write_bytes(kept.read_bytes()[:100])  # cut short, as by a crash mid-write
        again = lecture.kept_line("loss 0.31", 28.0, "#222222")
        assert digest(again) == digest(fresh)
        assert lecture.kept_line("loss 0.31", 28.0, "#222222") is not None
        assert kept.stat().st_size > 1000  # written whole again
        assert not list(kept.parent.glob("*.tmp"))
