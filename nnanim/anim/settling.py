"""Stop redrawing captions that have finished fading, while a window beside them still moves.

manim draws the mobjects that do not move once per ``play`` (its static image) and redraws
the moving ones on every frame. A lecture often plays a long redraw of a window together with
a short fade of the caption beside it (a stage of the network with its new name): for manim
the caption moves for the whole play, so every glyph is filled again on every frame, long
after the fade ended. At 1080p those glyphs cost about as much as the window itself.

``settle`` notices when every animation of the play except window redraws has reached its
end, paints what no longer moves into a new static image, and leaves only the windows to be
redrawn. The frames are the same pixels: it does so only if nothing it freezes could be drawn
over a window (manim draws later mobjects on top), judged from the window's box
(``Redraw.within``) and the frozen mobjects' own points.
"""

from __future__ import annotations

import numpy as np
from manim import Scene
from manim.renderer.cairo_renderer import CairoRenderer
from manim.utils.family import extract_mobject_family_members

from nnanim.anim.motion import Redraw, Swap, _OpacityFade
from nnanim.geometry.framing import Box

MARGIN = 0.06
"""Scene units added round a window's box: half the widest stroke, and anti-aliasing."""


def _touches(points: np.ndarray, boxes: list[Box]) -> bool:
    low, high = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
    return any(low[0] <= box.xmax + MARGIN and high[0] >= box.xmin - MARGIN
               and low[1] <= box.ymax + MARGIN and high[1] >= box.ymin - MARGIN
               for box in boxes)


def settle(scene: Scene, t: float) -> bool:
    """Freeze what has stopped moving at play time ``t``, if it is safe and worth it.

    Returns True once nothing more can be gained in this play (done, or not possible), so the
    caller stops asking.
    """
    animations = scene.animations or []
    redraws = [a for a in animations if isinstance(a, Redraw)]
    others = [a for a in animations if not isinstance(a, Redraw)]
    renderer = scene.renderer
    if (not redraws or not others or any(r.within is None for r in redraws)
            or not all(isinstance(a, (_OpacityFade, Swap)) for a in others)
            or not isinstance(renderer, CairoRenderer) or renderer.skip_animations):
        return True
    if any(t < a.run_time for a in others):
        return False  # a fade is still running: ask again next frame
    if scene.foreground_mobjects or any(m.get_family_updaters() for m in scene.mobjects):
        return True  # manim redraws these on every frame: keep its way
    use_z_index = renderer.camera.use_z_index
    moving = extract_mobject_family_members([r.mobject for r in redraws], use_z_index=use_z_index)
    moving_ids = {id(m) for m in moving}
    drawn = extract_mobject_family_members(scene.mobjects, use_z_index=use_z_index,
                                           only_those_with_points=True)
    first_moving = next((i for i, m in enumerate(drawn) if id(m) in moving_ids), len(drawn))
    boxes = [box for r in redraws for box in r.within]
    if any(id(m) not in moving_ids and _touches(m.points, boxes) for m in drawn[first_moving:]):
        return True  # something drawn on top of a window: keep manim's order
    renderer.save_static_frame_data(scene, [m for m in drawn if id(m) not in moving_ids])
    scene.moving_mobjects = moving
    return True
