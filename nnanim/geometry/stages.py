"""A network as a film: every layer as three stages, each a function of ``s`` in [0, 1].

For layer ``ℓ`` (``h' = f(W h + b)``), with ``h`` the points as they leave the previous layer:

* ``linear``      ``h → A(s) h``        (``A`` from ``LinearPath``: rotations, stretch, flip, ...)
* ``bias``        ``h → W h + s b``
* ``activation``  ``a → (1 - s) a + s f(a)``  with ``a = W h + b``; for the output layer this
  stage is called ``softmax`` and ``f`` is the softmax.

The end of each stage is the start of the next, and every end equals ``forward_stages`` (the
same float64 operations). Points, grid lines and boundary curves all go through the same
``Warp``, so they agree exactly in every frame.

Two kinds of coordinates:

* ``native``: the network's own numbers, in ``R^width``. During a linear stage that changes the
  width, points live in the larger space (see ``LinearPath``): a widening stage starts at
  ``(h, 0, …)``, a narrowing one ends at ``(W h, 0, …)``.
* ``display``: what a scene draws, 2 or 3 numbers per point. Spaces up to 3 wide are shown as
  they are (a 1-wide space as ``(x, 0)``); wider ones through the view basis of ``views``.
  A 2-column array is the ``z = 0`` plane of a 3-D scene. The linear stage in display
  coordinates is the ``LinearPath`` of the matrix the viewer actually sees,
  ``V_outᵀ W V_in``; this is exact whenever the input view contains what ``W`` reads, which the
  view rule guarantees for every layer that narrows into 3 or fewer units (e.g. 10 → 2). For
  the rare wide-to-wide layer (e.g. 10 → 10) it is not, and the display blends the two views
  along the native path: exact at both ends, an honest cross-fade in between.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from nnanim.errors import NnanimError, check_choice
from nnanim.geometry.checks import check_points, check_progress
from nnanim.geometry.forward import layer_input
from nnanim.geometry.framing import Box, frame_box, interpolate_boxes
from nnanim.geometry.linear_path import LinearPath
from nnanim.geometry.softmax_line import softmax_path
from nnanim.geometry.views import view_basis
from nnanim.core.model import INPUT_WIDTH, Architecture, Params, activate, check_params, forward_stages

HIDDEN_STAGES: tuple[str, ...] = ("linear", "bias", "activation")
OUTPUT_STAGES: tuple[str, ...] = ("linear", "bias", "softmax")

_EXACT_VIEW = 1e-9
"""Relative size below which the part of ``W`` hidden from the input view counts as zero."""


class Warp:
    """The staged maps of one network (one set of weights), ready to move any point set.

    Build it once per set of weights; each frame then costs one forward pass of the points.
    ``reference`` (usually the data set, ``(N, 2)``) only matters for layers wider than 3: it
    picks the view axes the weights leave open. ``wide_view`` is how many axes those layers
    are shown in: 2, 3, or ``"read"``: as many as the next layer reads (2 if it has at most 2
    units, else 3), so that whenever the next layer has at most 3 units the view holds
    everything it reads.
    """

    def __init__(
        self,
        params: Params,
        arch: Architecture,
        reference: np.ndarray | None = None,
        wide_view: int | str = 3,
    ) -> None:
        if wide_view not in (2, 3, "read"):
            raise NnanimError(f"wide_view: {wide_view!r} is not 2, 3 or 'read'")
        self.params = check_params(params, arch)
        self.arch = arch
        self._end_boxes: dict[tuple, tuple[np.ndarray, Box, Box]] = {}
        widths = arch.widths
        hidden = (
            forward_stages(self.params, arch, reference).hidden_outputs
            if reference is not None
            else [None] * len(arch.hidden)
        )
        # One view per space: 0 = input, i = output of layer i - 1, last = logits.
        self._views: list[np.ndarray | None] = [None] * len(widths)
        for space in range(1, len(widths) - 1):
            if widths[space] > 3:
                reads = 2 if widths[space + 1] <= 2 else 3
                self._views[space] = view_basis(
                    self.params[space][0], hidden[space - 1],
                    reads if wide_view == "read" else int(wide_view),
                )
        self._native_paths = [LinearPath(W) for W, _ in self.params]
        self._display_paths = [self._display_path(layer) for layer in range(arch.n_layers)]

    # --- the sequence of stages -------------------------------------------------------------

    def stage_names(self, layer: int) -> tuple[str, ...]:
        """The three stage names of ``layer`` (the output layer ends in ``softmax``)."""
        self._check_layer(layer)
        return OUTPUT_STAGES if layer == self.arch.n_layers - 1 else HIDDEN_STAGES

    def stages(self) -> list[tuple[int, str]]:
        """Every ``(layer, stage)`` in the order the film plays them."""
        layers = range(self.arch.n_layers)
        return [(layer, name) for layer in layers for name in self.stage_names(layer)]

    def path(self, layer: int) -> LinearPath:
        """The linear stage of ``layer`` as the viewer sees it: its segments, flip, stretches."""
        path = self._display_paths[self._check_layer(layer)]
        return self._native_paths[layer] if path is None else path

    def display_dim(self, space: int) -> int:
        """How many columns display points of ``space`` have (2 or 3).

        Spaces: 0 is the input, ``i`` the output of layer ``i - 1``, the last one the logits.
        A linear stage is drawn in the larger of its two spaces.
        """
        width = self.arch.widths[self._check_space(space)]
        view = self._views[space]
        return max(2, width if view is None else view.shape[1])

    def view_holds_next(self, space: int) -> bool:
        """True if the view of a space wider than 3 holds everything the next layer reads
        (its rows lie in the view), so the picture shows all that decides what comes next."""
        view = self._views[self._check_space(space)]
        if view is None:
            return True
        W = self.params[space][0]
        hidden_part = W - W @ view @ view.T
        return bool(np.linalg.norm(hidden_part) <= _EXACT_VIEW * max(1.0, float(np.linalg.norm(W))))

    # --- moving points ----------------------------------------------------------------------

    def native(self, X: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        """The network's own coordinates of input points ``X`` (``(..., 2)``) at this position."""
        layer, stage, s = self._check_position(layer, stage, s)
        X = check_points(X, INPUT_WIDTH, "X")
        h = layer_input(self.params, self.arch, X.reshape(-1, INPUT_WIDTH), layer)
        return self._native_from(h, layer, stage, s).reshape(X.shape[:-1] + (-1,))

    def display(self, X: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        """What a scene draws for input points ``X`` (``(..., 2)``) at this position.

        ``X`` may be any stack of points, e.g. a grid ``(lines, samples, 2)``: the shape is kept
        and the last axis becomes the display coordinates.
        """
        layer, stage, s = self._check_position(layer, stage, s)
        X = check_points(X, INPUT_WIDTH, "X")
        h = layer_input(self.params, self.arch, X.reshape(-1, INPUT_WIDTH), layer)
        path = self._display_paths[layer]
        if stage != "linear":
            shown = self._pad(self.to_view(self._native_from(h, layer, stage, s), layer + 1))
        elif path is None:
            shown = self._blend(h, layer, s)
        else:
            shown = self._pad(path.apply(self.to_view(h, layer), s))
        return shown.reshape(X.shape[:-1] + (-1,))

    def display_lines(
        self, lines: Sequence[np.ndarray], layer: int, stage: str, s: float
    ) -> list[np.ndarray]:
        """``display`` for polylines of different lengths (boundary curves), in one pass."""
        if not lines:
            return []
        shown = self.display(np.concatenate(lines), layer, stage, s)
        return np.split(shown, np.cumsum([len(line) for line in lines])[:-1])

    def box(
        self,
        X: np.ndarray,
        layer: int,
        stage: str,
        s: float,
        coverage: float = 0.98,
        margin: float = 0.1,
        min_size: float = 1.0,
        aspect: float | None = 16 / 9,
    ) -> Box:
        """The view box for this frame, from the data points ``X`` only (never the grid).

        The robust boxes (``frame_box``) of the stage's start and end glide into each other
        (``interpolate_boxes``); if the points stray outside that on the way (say, mid-rotation),
        the box grows to the current robust box, so at least ``coverage`` of the points are
        always in view. The box is continuous in ``s`` and across stage boundaries.
        """
        layer, stage, s = self._check_position(layer, stage, s)

        def robust(t: float) -> Box:
            return frame_box(self.display(X, layer, stage, t), coverage, margin, min_size, aspect)

        # The stage's two end boxes are asked for on every frame: measure them once per X.
        key = (layer, stage, coverage, margin, min_size, aspect)
        ends = self._end_boxes.get(key)
        if ends is None or ends[0] is not X:
            ends = self._end_boxes[key] = (X, robust(0.0), robust(1.0))
        grown = interpolate_boxes(ends[1], ends[2], s).union(robust(s))
        return grown if aspect is None else grown.with_aspect(aspect)

    def to_view(self, points: np.ndarray, space: int) -> np.ndarray:
        """Native points (or directions) of ``space`` in that space's display axes (unpadded)."""
        view = self._views[self._check_space(space)]
        return points if view is None else points @ view

    def view(self, space: int) -> np.ndarray | None:
        """The view basis ``(width, 2 or 3)`` of a space wider than 3, else None (shown as is)."""
        view = self._views[self._check_space(space)]
        return None if view is None else view.copy()

    # --- internals --------------------------------------------------------------------------

    def _check_layer(self, layer: object) -> int:
        return self._check_index("layer", layer, self.arch.n_layers)

    def _check_space(self, space: object) -> int:
        return self._check_index("space", space, self.arch.n_layers + 1)

    def _check_index(self, field: str, index: object, count: int) -> int:
        if (
            isinstance(index, bool)
            or not isinstance(index, (int, np.integer))
            or not 0 <= index < count
        ):
            raise NnanimError(
                f"{field}: {index!r} is not a {field} index 0..{count - 1} "
                f"of {self.arch.describe()!r}"
            )
        return int(index)

    def _check_position(self, layer: object, stage: object, s: object) -> tuple[int, str, float]:
        layer = self._check_layer(layer)
        return layer, check_choice("stage", stage, self.stage_names(layer)), check_progress(s)

    def _native_from(self, h: np.ndarray, layer: int, stage: str, s: float) -> np.ndarray:
        W, b = self.params[layer]
        if stage == "linear":
            return self._native_paths[layer].apply(h, s)
        a = h @ W.T
        if stage == "bias":
            return a + s * b
        z = a + b
        if stage == "softmax":
            return softmax_path(z, s)
        f = activate(self.arch.activations[layer], z)
        return f if s == 1.0 else (1.0 - s) * z + s * f

    def _display_path(self, layer: int) -> LinearPath | None:
        """The path of ``V_outᵀ W V_in`` if it shows ``W`` exactly, else None (blend views)."""
        W = self.params[layer][0]
        v_in, v_out = self._views[layer], self._views[layer + 1]
        if v_in is None and v_out is None:
            return self._native_paths[layer]
        seen = W if v_out is None else v_out.T @ W
        if v_in is not None:
            hidden_part = seen - seen @ v_in @ v_in.T
            if np.linalg.norm(hidden_part) > _EXACT_VIEW * max(1.0, float(np.linalg.norm(W))):
                return None
            seen = seen @ v_in
        return LinearPath(seen)

    def _blend(self, h: np.ndarray, layer: int, s: float) -> np.ndarray:
        """Display of a linear stage no small matrix can show exactly: cross-fade the two views.

        The native path runs in ``R^dim`` (the larger width); each space's view is read off the
        first coordinates, which is where that space sits at its end of the stage.
        """
        moved = self._native_paths[layer].apply(h, s)
        width = max(self.display_dim(layer), self.display_dim(layer + 1))

        def seen(space: int) -> np.ndarray:
            space_width = self.arch.widths[space]
            view = self._views[space]
            axes = np.eye(space_width) if view is None else view
            return self._pad(moved[:, :space_width] @ axes, width)

        return (1.0 - s) * seen(layer) + s * seen(layer + 1)

    @staticmethod
    def _pad(points: np.ndarray, width: int = 2) -> np.ndarray:
        """Append zero columns up to ``width`` (a 1-wide space is drawn on the x axis)."""
        missing = width - points.shape[1]
        if missing <= 0:
            return points
        return np.concatenate([points, np.zeros((len(points), missing))], axis=1)


def equal_logit_plane(warp: Warp) -> tuple[np.ndarray, float]:
    """The exact boundary in the last hidden space: ``normal · c + offset = 0`` on display points.

    ``normal = Vᵀ (W_out[1] - W_out[0])`` and ``offset = b_out[1] - b_out[0]``, where ``V`` is the
    view of that space; the view contains the output layer's row space, so the display shows
    the true boundary. Positive side = class 1. ``normal`` has as many entries as the display
    has columns. In a 2-D display this is a line: ``clip_line(normal, offset, box)``, and the
    class sides are ``half_plane(±normal, ±offset, box)``. In the 3-D view of a wide layer it is
    a vertical plane (``normal[2] == 0``) over the line ``clip_line(normal[:2], offset, box)``;
    only a 3-wide last layer, shown as it is, has a tilted plane.
    """
    W_out, b_out = warp.params[-1]
    space = warp.arch.n_layers - 1
    normal = warp.to_view(W_out[1] - W_out[0], space)
    normal = np.pad(normal, (0, warp.display_dim(space) - len(normal)))
    return normal, float(b_out[1] - b_out[0])
