"""Change over time as manim ``Animation``s that copy nothing: a redraw, a fade in, a fade out.

Every moving picture in the lectures is computed, not interpolated: a frame at progress ``t``
is drawn from the network's own numbers at ``t``. ``Redraw`` says exactly that (like manim's
``UpdateFromAlphaFunc``), so a stage, a training run or a camera turn is something
``scene.play`` can run beside others or chain with ``AnimationGroup``/``Succession``.

Why not manim's ``FadeIn``/``FadeOut``? They are ``Transform``s: each one deep-copies its
mobject twice when it starts (a faded starting copy and a target copy). Copying one ``Text``
costs about 25 ms, and the flagship lecture starts about 300 fades: measured with
``benchmarks/profile_flagship.py``, those copies were 17 % of the whole ``-ql`` render.
``Appear``/``Vanish`` scale the mobject's own fill and stroke opacities (and its heatmaps'
``fade``) instead, which draws the same pixels (a fade's colours keep their RGB and only their
alpha moves) without a copy.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from manim import Animation, AnimationGroup, Group, Mobject, VMobject

from nnanim.anim.raster import RasterPanel
from nnanim.geometry.framing import Box

Draw = Callable[[float], None]
"""Draws one frame at eased progress ``t`` (0 at the start, 1 at the end)."""


class Redraw(Animation):
    """Redraw ``mobject`` every frame with ``draw(t)``, ``t`` the eased progress.

    ``start`` runs when the animation begins (not when it is built), so a redraw can be queued
    in a ``Succession`` and still read the state the animations before it left behind. The
    mobject is brought to the front of the scene: manim paints everything before the first
    moving mobject once per animation, so text placed earlier is not redrawn every frame.

    ``within`` is a box (scene units), or several, that every frame of the redraw stays
    inside, such as a view's window. Given it, a ``LectureScene`` paints captions that finished
    fading in beside the redraw once, instead of on every remaining frame of the play.
    """

    def __init__(self, mobject: Mobject, draw: Draw, start: Callable[[], None] | None = None,
                 within: Box | tuple[Box, ...] | None = None, **kwargs) -> None:
        self.draw = draw
        self.start = start
        self.within = (within,) if isinstance(within, Box) else within
        super().__init__(mobject, **kwargs)

    def _setup_scene(self, scene) -> None:
        scene.bring_to_front(self.mobject)

    def begin(self) -> None:
        if self.start is not None:
            self.start()
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        return self.mobject  # nothing is interpolated from a start, so nothing is copied

    def interpolate_mobject(self, alpha: float) -> None:
        self.draw(self.rate_func(alpha))


class _OpacityFade(Animation):
    """Scale the opacities of every VMobject in the family, and the heatmaps' (``RasterPanel``),
    from ``start`` to ``end`` levels."""

    levels: tuple[float, float] = (0.0, 1.0)

    def __init__(self, *mobjects: Mobject, shift: np.ndarray | None = None, **kwargs) -> None:
        mobject = mobjects[0] if len(mobjects) == 1 else Group(*mobjects)
        self.shift_vector = np.zeros(3) if shift is None else np.asarray(shift, dtype=np.float64)
        super().__init__(mobject, **kwargs)

    def begin(self) -> None:
        self.original = [
            (part, part.fill_rgbas[:, 3].copy(), part.stroke_rgbas[:, 3].copy(),
             part.background_stroke_rgbas[:, 3].copy())
            for part in self.mobject.family_members_with_points() if isinstance(part, VMobject)
        ]
        self.panels = [(part, part.fade_level) for part in self.mobject.family_members_with_points()
                       if isinstance(part, RasterPanel)]
        # Where every part is placed at each frame is computed from where it began, never by
        # shifting it on from the frame before: the end state is then exactly the same whether
        # the fade was drawn frame by frame or skipped (a play taken from manim's cache).
        self.places = ([(part, part.points.copy()) for part in self.mobject.get_family()]
                       if self.shift_vector.any() else [])
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        return self.mobject

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        low, high = self.levels
        level = low + (high - low) * t
        for part, fill, stroke, background in self.original:
            part.fill_rgbas[:, 3] = level * fill
            part.stroke_rgbas[:, 3] = level * stroke
            part.background_stroke_rgbas[:, 3] = level * background
        for panel, fade in self.panels:
            panel.fade_level = level * fade
        # An appearing mobject arrives from -shift; a vanishing one leaves towards +shift.
        offset = (t - 1.0) if high > low else t
        for part, points in self.places:
            part.points = points + offset * self.shift_vector

    def _restore(self) -> None:
        """Put opacities and place back, so a mobject shown again later looks as it was built."""
        for part, fill, stroke, background in self.original:
            part.fill_rgbas[:, 3] = fill
            part.stroke_rgbas[:, 3] = stroke
            part.background_stroke_rgbas[:, 3] = background
        for panel, fade in self.panels:
            panel.fade_level = fade
        for part, points in self.places:
            part.points = points


class Appear(_OpacityFade):
    """Fade in (optionally arriving along ``shift``): manim's ``FadeIn`` without the copies."""

    levels = (0.0, 1.0)

    def __init__(self, *mobjects: Mobject, **kwargs) -> None:
        super().__init__(*mobjects, introducer=True, **kwargs)


class Vanish(_OpacityFade):
    """Fade out and leave the scene: manim's ``FadeOut`` without the copies."""

    levels = (1.0, 0.0)

    def __init__(self, *mobjects: Mobject, **kwargs) -> None:
        super().__init__(*mobjects, remover=True, **kwargs)

    def clean_up_from_scene(self, scene) -> None:
        super().clean_up_from_scene(scene)
        self._restore()


class Swap(AnimationGroup):
    """Words in place of words: ``old`` fades out, and only then ``new`` fades in.

    A cross-fade of two texts on one spot shows both, half-faded, on top of each other: for a
    moment the viewer reads neither. Here the first ``handover`` share of the time takes the
    old words away and the rest brings the new ones, so the two are never both visible.
    ``old`` may be empty (nothing shown yet): then ``new`` takes the whole time to appear.
    """

    def __init__(self, old: Mobject, new: Mobject, handover: float = 0.5, **kwargs) -> None:
        self.old, self.new = old, new
        self.handover = handover if old.family_members_with_points() else 0.0
        parts = [Appear(new)] if self.handover == 0.0 else [
            Vanish(old, run_time=self.handover), Appear(new, run_time=1.0 - self.handover)]
        # The group is the old words themselves: manim adds a play's group to the scene, and a
        # wrapper round them would stay there, empty, after they leave.
        super().__init__(*parts, lag_ratio=1.0, group=old if self.handover else new, **kwargs)
