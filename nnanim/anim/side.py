"""The right-hand text column: one way to stack, place and extend what it says.

Every chapter writes its captions into the column right of the data window; these helpers
keep the rule in one place: lines left-aligned, shrunk to the column's width, placed at a
height given by the chapter (by their top edge, or by their middle with ``middle=True``).
"""

from __future__ import annotations

from typing import Sequence

from manim import DOWN, LEFT, UP, Animation, Mobject, VGroup

from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, TITLE_Y
from nnanim.anim.lecture import LectureScene, fit_width
from nnanim.anim.motion import Appear, Swap, Vanish
from nnanim.geometry.stages import Warp
from nnanim.palette import INK, MUTED

TOP = TITLE_Y - 0.8
"""Where the column starts under the title line."""


def side_column(*parts: Mobject, y: float = TOP, buff: float = 0.4,
                middle: bool = False) -> VGroup:
    """``parts`` top to bottom in the column, its top (or middle) at height ``y``."""
    column = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    fit_width(column, SIDE_WIDTH)
    return column.move_to([SIDE_LEFT, y, 0], aligned_edge=LEFT if middle else UP + LEFT)


def side_below(above: Mobject, *parts: Mobject, buff: float = 0.45,
               spacing: float = 0.3) -> VGroup:
    """More lines under ``above`` in the column, ``spacing`` apart."""
    extra = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=spacing)
    fit_width(extra, SIDE_WIDTH)
    return extra.next_to(above, DOWN, buff=buff, aligned_edge=LEFT)


class SideColumn:
    """The column as running text: replace what it shows, or add lines under it."""

    def __init__(self, y: float = TOP) -> None:
        self.y = y
        self.shown = VGroup()

    def replace(self, *parts: Mobject, buff: float = 0.4) -> list[Animation]:
        """Fade the column's text out, then ``parts`` in, top to bottom (never both at once)."""
        old, self.shown = self.shown, side_column(*parts, y=self.y, buff=buff)
        return [Swap(old, self.shown)]

    def add(self, *parts: Mobject, buff: float = 0.45, spacing: float = 0.3) -> list[Animation]:
        """Fade ``parts`` in under what the column already shows."""
        extra = side_below(self.shown, *parts, buff=buff, spacing=spacing)
        self.shown = VGroup(*self.shown, extra)
        return [Appear(extra)]


def play_notes_then_clear(scene: LectureScene, notes: VGroup, *, appear: float, rest: float,
                          clear: Sequence[Mobject], hold: float = 1.2) -> None:
    """The closing notes of a chapter one by one, each held ``hold`` seconds for the class to
    read (a beat each), a last ``rest``, then the notes and ``clear`` go together."""
    for note in notes:
        scene.play(Appear(note), run_time=scene.seconds(appear))
        scene.pause(hold)
    scene.pause(rest)
    scene.play(*[Vanish(m) for m in (*clear, notes)], run_time=scene.seconds(0.8))


def stage_caption_key(warp: Warp, layer: int, stage: str) -> tuple[str, dict]:
    """Which sentence names this stage, and its values."""
    widths = warp.arch.widths
    values = {"layer": layer + 1}
    if layer == warp.arch.n_layers - 1:
        return ("softmax" if stage == "softmax" else "logits"), values
    if stage == "linear":
        if widths[layer] != widths[layer + 1]:
            return "layer_lift", {**values, "m": widths[layer], "n": widths[layer + 1]}
        return ("layer_linear_flip" if warp.path(layer).flips else "layer_linear"), values
    if stage == "bias":
        return "layer_bias", values
    activation = warp.arch.activations[layer]
    return ("layer_linear_act" if activation == "linear" else f"layer_{activation}"), values


def view_caption_key(warp: Warp, layer: int, stage: str) -> tuple[str, dict] | None:
    """Which sentence says the picture is a view of a wider layer, or None if it is not.

    A linear stage shows two spaces (it leaves one and enters the next); the others show their
    layer's output. The sentence says whether the view holds all the next layer reads.
    """
    spaces = (layer + 1, layer) if stage == "linear" else (layer + 1,)
    space = next((space for space in spaces if warp.view(space) is not None), None)
    if space is None:
        return None
    values = {"d": warp.display_dim(space), "n": warp.arch.widths[space]}
    return ("view_of" if warp.view_holds_next(space) else "view_of_most"), values


def stage_label(scene: LectureScene, warp: Warp, layer: int, stage: str) -> VGroup:
    """The caption naming a stage (plus which view a wide layer is seen through)."""
    key, values = stage_caption_key(warp, layer, stage)
    label = VGroup(scene.text(key, 28, INK, **values))
    view = view_caption_key(warp, layer, stage)
    if view is not None:
        label.add(scene.text(view[0], 20, MUTED, **view[1]))
    label.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
    return fit_width(label, SIDE_WIDTH)
