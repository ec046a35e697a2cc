"""A number that changes every frame (epoch, accuracy) without laying out text every frame.

A manim ``Text`` costs tens of milliseconds to build (Pango → SVG → paths), far more than the
rest of a frame. ``LiveNumber`` lays out the caption's fixed words once and each character it
may need once, then composes the value from copies of those glyphs on a common baseline.
"""

from __future__ import annotations

import string
from functools import lru_cache

import numpy as np
from manim import VGroup, VMobject

from nnanim.anim.typeset import set_line
from nnanim.palette import INK

CHARACTERS = "0123456789.-%"
MAX_DIGITS = 12


@lru_cache(maxsize=64)
def _glyph_set(font_size: float) -> dict[str, tuple[VMobject, float, float]]:
    """For each character: its glyph, its advance, and its bottom above the baseline."""
    glyphs: dict[str, tuple[VMobject, float, float]] = {}
    for char in CHARACTERS:
        pair = set_line(char + "0", font_size)
        zero = pair.submobjects[1]
        glyph = pair.submobjects[0]
        advance = zero.get_left()[0] - glyph.get_left()[0]
        glyphs[char] = (glyph.copy(), advance, glyph.get_bottom()[1] - zero.get_bottom()[1])
    return glyphs


def split_template(template: str) -> tuple[str, str, str]:
    """``"accuracy {value:.1f} %"`` → ``("accuracy ", ".1f", " %")`` (one placeholder)."""
    fields = [part for part in string.Formatter().parse(template)]
    prefix, name, spec, _ = fields[0]
    if name is None:
        raise ValueError(f"template {template!r} has no placeholder")
    suffix = "".join(literal for literal, *_ in fields[1:])
    return prefix, spec or "", suffix


class LiveNumber(VGroup):
    """``prefix`` + a formatted number + ``suffix``, cheap to update with ``set_value``."""

    def __init__(self, template: str, font_size: float = 30, color: str = INK) -> None:
        super().__init__()
        self.prefix_text, self.spec, self.suffix_text = split_template(template)
        self.font_size = font_size
        self.text_color = color
        anchor = set_line(self.prefix_text + "0", font_size, color)
        self.prefix = VGroup(*anchor.submobjects[:-1])
        zero = anchor.submobjects[-1]
        self._start = zero.get_left()[0] - anchor.get_left()[0]
        self._baseline = zero.get_bottom()[1] - anchor.get_left()[1]
        self.suffix = (
            set_line(self.suffix_text.strip(), font_size, color)
            if self.suffix_text.strip() else None
        )
        self._space = set_line("0 0", font_size).width - 2 * zero.width
        self._origin = anchor.get_left()
        # Fixed slots whose points change: manim lists what to draw when an animation starts,
        # so replacing submobjects mid-animation would leave the old digits on screen.
        self.slots = [zero.copy().clear_points() for _ in range(MAX_DIGITS)]
        self.add(*self.prefix.submobjects, *self.slots)
        if self.suffix is not None:
            self.add(self.suffix)
        self.set_value(0)

    @property
    def changing(self) -> VGroup:
        """The parts a new value moves (digits and suffix), without the fixed words before
        them: animate these, and add ``prefix`` to the scene as still text."""
        return VGroup(*self.slots, *([self.suffix] if self.suffix is not None else []))

    def set_value(self, value: float) -> "LiveNumber":
        """Show ``value``; the left end of the whole label stays where it is."""
        origin = self._origin
        baseline = origin[1] + self._baseline
        cursor = origin[0] + self._start
        text = format(value, self.spec)
        if len(text) > MAX_DIGITS:
            raise ValueError(f"{text!r} is longer than {MAX_DIGITS} characters")
        for slot in self.slots[len(text):]:
            slot.clear_points()
        for slot, char in zip(self.slots, text):
            glyph, advance, lift = _glyph_set(self.font_size)[char]
            slot.points = glyph.points + [cursor - glyph.get_left()[0],
                                          baseline + lift - glyph.get_bottom()[1], 0]
            cursor += advance
        if self.suffix is not None:
            gap = self._space if self.suffix_text.startswith(" ") else 0.0
            self.suffix.shift([cursor + gap - self.suffix.get_left()[0],
                               baseline - self.suffix.get_bottom()[1], 0])
        return self

    def shift(self, *vectors: np.ndarray) -> "LiveNumber":
        """Move the label; later values appear where it now is (``next_to`` etc. use this)."""
        super().shift(*vectors)
        if hasattr(self, "_origin"):
            self._origin = self._origin + np.sum(vectors, axis=0)
        return self
