"""Lines set in type and kept between runs come back exactly as a fresh setting makes them."""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path

import numpy as np
import pytest
from manim import Text, tempconfig

from nnanim.anim import typeset
from nnanim.anim.play_key import digest

WORDS = "accuracy 77.2 % — 正解率"


@pytest.fixture(autouse=True)
def fresh_process_memory():
    """Each test starts as a new process does: nothing set in memory yet."""
    typeset._SET.clear()
    yield
    typeset._SET.clear()


def glyph_points(text: Text) -> list[np.ndarray]:
    return [glyph.points for glyph in text.family_members_with_points()]


def kept_files(media: Path) -> list[Path]:
    return sorted((media / "texts" / "lines").glob("*" + typeset.SUFFIX))


def test_a_kept_line_is_the_line_set_afresh_without_setting_it_again(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        fresh = typeset.set_line(WORDS, 28.0, "#222222")
        assert len(kept_files(tmp_path)) == 1
        for svg in (tmp_path / "texts").glob("*.svg"):
            svg.unlink()  # pango's drawing of the line: a second setting would draw it again
        typeset._SET.clear()  # as in the next run
        again = typeset.set_line(WORDS, 28.0, "#222222")
        assert not list((tmp_path / "texts").glob("*.svg")), "the line was set again"
    assert again is not fresh
    assert len(glyph_points(again)) == len(glyph_points(fresh)) > 10
    assert all(np.array_equal(a, b) for a, b in zip(glyph_points(fresh), glyph_points(again)))
    assert digest(again) == digest(fresh)  # the same play keys: manim's cache still applies
    assert digest(Text(WORDS, font=typeset.FONT, font_size=28.0, color="#222222").points) \
        == digest(fresh.points)


def test_each_use_gets_its_own_copy(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        first = typeset.set_line("epoch 21", 28.0, "#222222")
        first.shift([1.0, 0.0, 0.0])
        second = typeset.set_line("epoch 21", 28.0, "#222222")
    assert not np.allclose(first.get_center(), second.get_center())


def test_another_word_size_or_colour_is_another_line(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        base = typeset.set_line("epoch 21", 28.0, "#222222")
        others = [typeset.set_line("epoch 22", 28.0, "#222222"),
                  typeset.set_line("epoch 21", 30.0, "#222222"),
                  typeset.set_line("epoch 21", 28.0, "#1a7f37")]
        assert len(kept_files(tmp_path)) == 4
    assert not np.array_equal(glyph_points(base)[-1], glyph_points(others[0])[-1])
    assert others[1].width > base.width
    assert others[2].get_color().to_hex() != base.get_color().to_hex()


def test_a_damaged_kept_line_is_set_anew_and_kept_again(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        fresh = typeset.set_line("loss 0.31", 28.0, "#222222")
        (kept,) = kept_files(tmp_path)
        whole = kept.stat().st_size
        kept.write_bytes(kept.read_bytes()[:100])  # cut short, as by a crash mid-write
        typeset._SET.clear()
        again = typeset.set_line("loss 0.31", 28.0, "#222222")
        assert digest(again) == digest(fresh)
        assert kept.stat().st_size == whole  # written whole again
        assert not list(kept.parent.glob("*.tmp"))


def test_a_kept_line_in_a_moved_folder_keys_plays_as_a_fresh_setting_there(tmp_path):
    """A project (and its media folder) moved or copied elsewhere: its kept lines name the
    SVG files where a setting there would, so the plays showing them keep their keys."""
    import shutil

    with tempconfig({"media_dir": str(tmp_path / "before")}):
        typeset.set_line("loss 0.31", 28.0, "#222222")
    shutil.copytree(tmp_path / "before", tmp_path / "after")
    typeset._SET.clear()
    with tempconfig({"media_dir": str(tmp_path / "after")}):
        moved = typeset.set_line("loss 0.31", 28.0, "#222222")
        fresh = typeset._set("loss 0.31", 28.0, "#222222", typeset.FONT)
    assert moved.file_name == fresh.file_name
    assert str(moved.file_name).startswith(str((tmp_path / "after").resolve()))
    assert digest(moved) == digest(fresh)


class Planted:
    """Stands for a file that would run code when read back."""

    def __reduce__(self):
        return (Path.touch, (Path(self.target),))


def test_a_kept_file_runs_no_code_of_its_own(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        typeset.set_line("loss 0.31", 28.0, "#222222")
        (kept,) = kept_files(tmp_path)
        planted = Planted()
        planted.target = str(tmp_path / "ran")
        kept.write_bytes(zlib.compress(pickle.dumps(planted)))
        typeset._SET.clear()
        again = typeset.set_line("loss 0.31", 28.0, "#222222")
    assert isinstance(again, Text) and not (tmp_path / "ran").exists()
