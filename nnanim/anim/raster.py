"""A fast probability heatmap: a small raster painted straight into the frame.

manim's ``ImageMobject`` resamples through PIL's perspective transform at full resolution on
every frame, which dominates a training animation. Our panels are never rotated, so
``RasterCamera`` paints a ``RasterPanel`` with cairo, scaled bilinearly into its pixel box and
blended in the same pass: the raster can be recomputed every frame at a fraction of the cost.
"""

from __future__ import annotations

import math

import cairo
import numpy as np

from manim import DL, DR, UL, UR, Camera, Mobject, VMobject

from nnanim.palette import BACKGROUND, REGION_COLORS, hex_to_rgb
from nnanim.anim.dot_stamps import stamp_dots
from nnanim.anim.path_cache import PathCache
from nnanim.anim.shapes import DotCloud2D, Polylines
from nnanim.geometry.thinning import thin_polylines


def probability_colors(p: np.ndarray, opacity: float = 0.85) -> np.ndarray:
    """Opaque RGBA in [0, 1] for a raster of probabilities, blended over the background.

    ``p`` is either ``(rows, columns)``, P(class index 1) of a two-class network (light blue at
    0, orange at 1), or ``(rows, columns, K)``, every class's probability: the region colours
    are mixed in those shares. Uncertain places (the best class barely ahead, down to the
    ``1/K`` of no idea) fade towards the background, so the colour says how sure the network
    is. The result is already blended over the background: opaque rasters are painted with a
    plain copy, the fast path of ``RasterCamera``.
    """
    p = np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)
    shares = np.stack([1.0 - p, p], axis=-1) if p.ndim == 2 else p
    classes = shares.shape[-1]
    colors = np.array([hex_to_rgb(color) for color in REGION_COLORS[:classes]])
    paper = np.array(hex_to_rgb(BACKGROUND))
    # (K max - 1) / (K - 1): 0 when all classes tie, 1 when one is sure; |2p - 1| for K = 2.
    lead = (classes * shares.max(axis=-1, keepdims=True) - 1.0) / (classes - 1)
    certainty = np.clip(lead, 0.0, 1.0) ** 0.5
    alpha = opacity * (0.35 + 0.65 * certainty)
    rgb = alpha * (shares @ colors) + (1.0 - alpha) * paper
    return np.concatenate([rgb, np.ones_like(alpha)], axis=-1)


class RasterPanel(Mobject):
    """An axis-aligned rectangle filled with an RGBA raster (rows top to bottom).

    ``fade_level`` scales the raster's opacity as it is painted: ``Appear``/``Vanish`` fade a
    panel with the window it belongs to, while the window may set a new raster on every frame.
    (Not ``fade``: that is manim's method, which its own ``FadeOut`` calls.)
    """

    def __init__(self, width: float, height: float, rgba: np.ndarray | None = None, **kwargs):
        super().__init__(**kwargs)
        self.points = np.array([UL, UR, DR, DL], dtype=np.float64) * [width / 2, height / 2, 0]
        self.rgba = np.zeros((2, 2, 4)) if rgba is None else np.asarray(rgba, dtype=np.float64)
        self.fade_level = 1.0

    def set_raster(self, rgba: np.ndarray) -> "RasterPanel":
        self.rgba = np.asarray(rgba, dtype=np.float64)
        return self

    def interpolate_color(self, mobject1, mobject2, alpha):  # fades blend the raster too
        self.rgba = (1 - alpha) * mobject1.rgba + alpha * mobject2.rgba

    def set_opacity(self, opacity: float, **kwargs) -> "RasterPanel":
        self.rgba = self.rgba.copy()
        self.rgba[..., 3] = opacity * np.clip(self.rgba[..., 3], 0, 1)
        return self

    def fade(self, darkness: float = 0.5, family: bool = True) -> "RasterPanel":
        """Manim's fade (``FadeOut`` fades a copy to compare with): the raster, more see-through."""
        return self.set_opacity(1.0 - darkness)


THINNING_TOLERANCE = 0.03
"""Device pixels a polyline vertex may be off the chord of its neighbours and still be dropped
(``thin_polylines``): a drawn line moves by at most 8 times this, a quarter pixel."""


THINNING_FROM = 500
"""Polylines with fewer vertices are stroked as they are: thinning them costs more than it saves."""


class RasterCamera(Camera):
    """A Cairo camera that paints ``RasterPanel``s and draws dots and polylines cheaply.

    Dot clouds are stamped from a pre-drawn dot (``dot_stamps``) and polylines drawn as
    straight segments, thinned where they run straight (``thin_polylines``): the same shapes
    to a quarter pixel, with a fraction of the Python calls and of cairo's work. A dot cloud
    with a ``window`` is cut to it. Every other shape's path is built once for its points and
    reused while they stay put (``PathCache``): text on screen costs one cairo call a glyph.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paths = PathCache()

    def set_cairo_context_path(self, ctx, vmobject: VMobject):
        if isinstance(vmobject, DotCloud2D) and len(vmobject.points):
            centers = vmobject.dot_centers()
            if len(centers):
                radius = vmobject.drawn_radius()
                ctx.new_path()
                for x, y in centers[:, :2].tolist():
                    ctx.new_sub_path()
                    ctx.arc(x, y, radius, 0.0, 2 * math.pi)
                return self
        if isinstance(vmobject, Polylines) and len(vmobject.points):
            drawn = vmobject.drawn_vertices()
            if drawn is not None:
                vertices, line_of = drawn
                xx, yx, xy, yy, _, _ = ctx.get_matrix()
                pixel = math.sqrt(abs(xx * yy - xy * yx))  # device pixels per scene unit
                keep = (thin_polylines(vertices[:, :2], line_of, THINNING_TOLERANCE / pixel)
                        if len(vertices) >= THINNING_FROM else np.ones(len(vertices), bool))
                first = np.ones(len(line_of), dtype=bool)
                first[1:] = line_of[1:] != line_of[:-1]
                ctx.new_path()
                for (x, y), starts in zip(vertices[keep, :2].tolist(), first[keep].tolist()):
                    if starts:
                        ctx.move_to(x, y)
                    else:
                        ctx.line_to(x, y)
                return self
        points = self.transform_points_pre_display(vmobject, vmobject.points)
        if len(points) == 0:
            return super().set_cairo_context_path(ctx, vmobject)
        self.paths.set_path(ctx, points, vmobject.tolerance_for_point_equality,
                            lambda: super(RasterCamera, self).set_cairo_context_path(ctx, vmobject))
        return self

    def display_vectorized(self, vmobject: VMobject, ctx):
        window = getattr(vmobject, "window", None)
        if window is None or len(window.points) == 0:
            return self._display_clipped(vmobject, ctx)
        low, high = window.points[:, :2].min(axis=0), window.points[:, :2].max(axis=0)
        ctx.save()
        ctx.new_path()
        ctx.rectangle(low[0], low[1], high[0] - low[0], high[1] - low[1])
        ctx.clip()
        self._display_clipped(vmobject, ctx)
        ctx.restore()
        return self

    def _display_clipped(self, vmobject: VMobject, ctx) -> "RasterCamera":
        """Stamp a plain dot cloud (``dot_stamps``); draw everything else the usual way."""
        if (isinstance(vmobject, DotCloud2D) and len(vmobject.points)
                and vmobject.get_stroke_width() == 0):
            fill = self.get_fill_rgbas(vmobject)
            if len(fill) == 1:
                if fill[0][3] > 0:
                    self._stamp_cloud(vmobject, ctx, fill)
                return self
        return super().display_vectorized(vmobject, ctx)

    def _stamp_cloud(self, cloud: DotCloud2D, ctx, fill: np.ndarray) -> None:
        centers = cloud.dot_centers()
        if len(centers) == 0:
            return
        xx, yx, xy, yy, x0, y0 = ctx.get_matrix()
        device = np.column_stack([xx * centers[:, 0] + xy * centers[:, 1] + x0,
                                  yx * centers[:, 0] + yy * centers[:, 1] + y0])
        radius = cloud.drawn_radius() * math.sqrt(abs(xx * yy - xy * yx))
        ctx.new_path()
        self.set_cairo_context_color(ctx, fill, cloud)
        stamp_dots(ctx, device, radius, opaque=fill[0][3] >= 1.0)

    def type_or_raise(self, mobject: Mobject):
        kind = super().type_or_raise(mobject)  # also (re)builds self.display_funcs
        self.display_funcs[RasterPanel] = self.display_raster_panels
        return RasterPanel if isinstance(mobject, RasterPanel) else kind

    def display_raster_panels(self, panels: list[RasterPanel], pixel_array: np.ndarray) -> None:
        for panel in panels:
            self._paint(panel, pixel_array)

    def _paint(self, panel: RasterPanel, pixel_array: np.ndarray) -> None:
        """Scale the raster into its pixel box with cairo's bilinear filter, composited over.

        pixman scales and blends in one pass, straight into the frame: about 1 ms for the
        training window at 1080p, where resizing with PIL and copying with numpy took 17 ms
        (measured on the 2-core machine of ``benchmarks/RESULTS.md``).
        """
        corners = self.points_to_subpixel_coords(panel, panel.points)
        x0, y0 = np.floor(corners.min(axis=0)).astype(int)
        x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
        width, height = int(x1 - x0), int(y1 - y0)
        if width <= 0 or height <= 0 or panel.rgba.size == 0 or panel.fade_level <= 0:
            return
        rgba = np.clip(panel.rgba, 0.0, 1.0)
        alpha = rgba[..., 3:4] * min(panel.fade_level, 1.0)
        # cairo blends premultiplied colours; the frame's bytes are in manim's RGBA order.
        premultiplied = np.concatenate([rgba[..., :3] * alpha, alpha], axis=-1)
        source = np.ascontiguousarray((premultiplied * 255).astype(np.uint8))
        rows, columns = source.shape[:2]
        surface = cairo.ImageSurface.create_for_data(source, cairo.FORMAT_ARGB32, columns, rows)
        ctx = self.get_cairo_context(pixel_array)
        ctx.save()
        ctx.identity_matrix()
        # manim fills and strokes with *_preserve, so the shape drawn last leaves its path in
        # the shared context (save/restore do not keep paths): without a new path the clip
        # would take that shape in too, and the padded raster would be painted over it.
        ctx.new_path()
        ctx.rectangle(x0, y0, width, height)
        ctx.clip()
        ctx.translate(x0, y0)
        ctx.scale(width / columns, height / rows)
        ctx.set_source_surface(surface, 0, 0)
        pattern = ctx.get_source()
        pattern.set_filter(cairo.FILTER_BILINEAR)
        pattern.set_extend(cairo.EXTEND_PAD)  # edge pixels keep their colour to the border
        ctx.paint()
        ctx.restore()
        surface.finish()
