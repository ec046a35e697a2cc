"""Lines of text set in type once: a copy for every later use in this process, and the glyphs
kept on disk for the next run.

Setting a line (pango draws it into manim's SVG file, then manim parses the SVG into glyphs)
takes about 15 ms, and the flagship lecture sets about 190 before its first frame: once every
picture comes from manim's cache, that is a third of re-rendering an unchanged lecture.
Reading a kept line back takes about 1 ms. A line is kept under a hash of everything that
shapes it (its words, size, colour, font, the defaults manim's ``Text`` has at that moment,
and the manim and ManimPango versions) in ``<media>/texts/lines/``, written whole or not at
all; a file that cannot be read back is set anew and written again. Only manim's, numpy's and
pathlib's classes are read back from a file (``_GlyphUnpickler``): a kept line runs no code.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
import zlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from manim import ManimColor, Text, config

FONT = "Noto Sans CJK JP"
"""Covers Latin and Japanese, so both caption languages look alike (``fonts-noto-cjk``)."""

_SET: dict[tuple[str, str], Text] = {}
"""Lines set in this process, by their shape and the folder of manim's text files."""
SUFFIX = ".glyphs"
"""A kept line's file: the ``Text`` pickled, then compressed (about 12 KB for 20 characters,
a sixth of the pickle; decompressing takes a tenth of a millisecond)."""


def set_line(words: str, size: float, color: object = None, font: str = FONT) -> Text:
    """``Text(words, font=font, font_size=size, color=color)``, a fresh copy of a line set
    before (in this process, or kept from an earlier run) when there is one. ``color=None``
    takes ``Text``'s default at the moment of the call, as ``Text`` does."""
    shape = _shape(words, float(size), color, font)
    key = (shape, str(_folder()))
    if key not in _SET:
        _SET[key] = _kept(shape) or _keep(shape, _set(words, float(size), color, font))
    return _SET[key].copy()


def _set(words: str, size: float, color: object, font: str) -> Text:
    options = {} if color is None else {"color": color}
    text = Text(words, font=font, font_size=size, **options)
    for glyph in text.family_members_with_points():
        # The parsed SVG outline is needed once, to make the glyph's points; copying and
        # keeping it with every glyph took most of a copy's time and of a kept file's size.
        if hasattr(glyph, "path_obj"):
            glyph.path_obj = None
    return text


def _shape(words: str, size: float, color: object, font: str) -> str:
    """Everything that shapes the glyphs, as one hash (the kept file's name)."""
    init = Text.__dict__.get("__init__")  # a lecture gives Text its own defaults while it renders
    defaults = sorted((k, str(v)) for k, v in getattr(init, "keywords", {}).items())
    colour = None if color is None else ManimColor(color).to_hex(with_alpha=True)
    described = repr((words, size, colour, font, defaults, *_versions()))
    return hashlib.blake2b(described.encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def _versions() -> tuple[str, str]:
    return version("manim"), version("manimpango")


def _folder() -> Path:
    return Path(config.get_dir("text_dir")) / "lines"


class _GlyphUnpickler(pickle.Unpickler):
    """Reads back only what a set line is made of: manim's, numpy's and pathlib's classes
    (made without running their ``__init__``), and numpy's two functions that rebuild an array
    or a number from bytes. Anything else -- a function, a method -- is refused."""

    MODULES = ("manim", "numpy", "pathlib")

    def find_class(self, module: str, name: str):
        if "." not in name and module.split(".")[0] in self.MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type) or name in ("_frombuffer", "scalar", "_reconstruct"):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a set line")


def _kept(shape: str) -> Text | None:
    try:
        data = zlib.decompress((_folder() / f"{shape}{SUFFIX}").read_bytes())
        kept = _GlyphUnpickler(io.BytesIO(data)).load()
    except Exception:  # missing, cut short, from another version: set it anew
        return None
    if not isinstance(kept, Text):
        return None
    # The SVG it was set from, where a setting now would put it (the project may have moved):
    # a play's key reads this name, so a kept line keys plays as a fresh one does.
    kept.file_name = (_folder().parent / Path(kept.file_name).name).resolve()
    return kept


def _keep(shape: str, text: Text) -> Text:
    """Write ``text`` for the next run, whole or not at all (two renders of one lecture's
    chapters may write the same line at once: each file is replaced in one step)."""
    folder = _folder()
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as out:
            temporary = out.name
            out.write(zlib.compress(pickle.dumps(text, protocol=pickle.HIGHEST_PROTOCOL), 1))
        os.replace(temporary, folder / f"{shape}{SUFFIX}")
    except Exception:  # a full or read-only disk: the line is set, only not kept
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return text
