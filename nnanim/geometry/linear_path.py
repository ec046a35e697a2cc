"""The linear stage of a layer, ``h → W h``, as a path of matrices ``A(s)`` from I to ``W``.

Why not simply ``(1 - s) I + s W``? When ``det W < 0`` that blend passes through a singular
matrix: half way, the whole plane collapses onto a line, which the network never does. So ``W``
is split into moves a viewer can name, using the singular value decomposition ``W = U Σ Vᵀ``::

    flip (only when det W < 0) → rotate_in (Vᵀ) → stretch (Σ) → rotate_out (U)

Rules, so the same weights always give the same film:

* **Rotations** take the shorter way round (the principal logarithm of the rotation). Among the
  equivalent ways of writing the SVD (order of the singular values, signs of the singular
  vectors) the one whose two rotations are closest to the identity is chosen, so a nearly
  diagonal ``W`` is shown as a plain stretch rather than a quarter turn and back.
* **Stretch** moves each axis factor linearly from 1 to its singular value, so it stays positive
  until ``s = 1`` (a singular ``W`` is singular only at the very end).
* **Flip**: a mirror cannot be reached from the identity without passing through a singular
  matrix, so it is its own, first, segment: the space turned over about the mirror through one
  extra dimension, seen in its own ``m`` axes. The component along ``n = flip_normal`` (input
  coordinates; in 2-D the mirror line is perpendicular to ``n``) shrinks as ``cos(π t)``, through
  0 at the segment's midpoint (the one instant the path is singular) to ``-1``: the mirror
  ``I − 2 n nᵀ``. So every point moves continuously, as a card turned over looks from above.
  The mirror is the reflection inside the orthogonal matrix closest to ``W``, so a layer that
  *is* "mirror, then stretch" is shown as exactly that. ``flip_turn`` gives the same turn with
  its extra axis, for scenes that can show it (a 2-D layer in a 3-D view). ``flips`` tells a
  scene to say "this layer flips the plane".

Width changes (``W`` of shape ``(n, m)``, ``n ≠ m``) keep full rank wherever possible:

* **Widening** (``n > m``, e.g. 2 → 3): the plane starts as the first ``m`` axes of ``R^n``
  (``A(0) = [I; 0]``), moves within itself (rotate_in, stretch, rotate_out), then a rotation of
  ``R^n`` (``lift``) carries it up into the column space of ``W``. Rank ``m`` throughout, and
  because ``R^n`` has room to turn the plane over, a widening layer never needs a flip.
* **Narrowing** (``n < m``, e.g. 3 → 2): points stay in ``R^m``. A rotation (``turn``) brings the
  directions ``W`` reads onto the first ``n`` axes, the other coordinates shrink to 0
  (``flatten``: the information this layer throws away), then the moves within the first
  ``n`` axes follow. Rank stays ``m`` until the flatten ends, and ``n`` after; ``A(1) = [W; 0]``,
  i.e. the points end as ``(W h, 0, …, 0)``.

Segments that would not move anything are left out, and the others share ``[0, 1]`` equally,
so the stage's time goes to what actually happens. ``A(s)`` is linear in each segment's own
progress; easing is the scene's business.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy.optimize import linear_sum_assignment

from nnanim.errors import NnanimError
from nnanim.geometry.checks import check_matrix, check_points, check_progress

SEGMENT_NAMES: tuple[str, ...] = (
    "turn", "flatten", "flip", "rotate_in", "stretch", "rotate_out", "lift",
)
"""Every move a linear stage can contain, in the order they happen."""

_STILL = 1e-12
"""A rotation angle (radians) or stretch change below this gets no screen time."""


@dataclass(frozen=True)
class Segment:
    """One named move of a linear stage, occupying ``start ≤ s ≤ end``."""

    name: str
    start: float
    end: float

    def progress(self, s: float) -> float:
        """How far (0..1) this move has got at stage parameter ``s``."""
        return min(max((s - self.start) / (self.end - self.start), 0.0), 1.0)


class _RotationPath:
    """Shortest path ``R(t) = exp(t log R)`` from the identity to a rotation ``R`` (det +1).

    The real Schur form of a rotation is block diagonal: 2×2 plane rotations plus ±1 entries
    (the −1 entries come in pairs, each pair a half turn). Scaling every plane's angle by ``t``
    gives the geodesic without a general matrix logarithm, and works for any dimension.
    """

    def __init__(self, R: np.ndarray) -> None:
        T, Q = scipy.linalg.schur(R, output="real")
        n = R.shape[0]
        planes: list[tuple[int, int, float]] = []
        half_turns: list[int] = []
        i = 0
        while i < n:
            if i + 1 < n and T[i + 1, i] != 0.0:
                sine = (T[i + 1, i] - T[i, i + 1]) / 2
                cosine = (T[i, i] + T[i + 1, i + 1]) / 2
                planes.append((i, i + 1, math.atan2(sine, cosine)))
                i += 2
            else:
                if T[i, i] < 0:
                    half_turns.append(i)
                i += 1
        planes += [(a, b, math.pi) for a, b in zip(half_turns[::2], half_turns[1::2])]
        self._Q = Q
        self._planes = planes
        self.angle = max((abs(angle) for _, _, angle in planes), default=0.0)
        """Largest plane angle in radians: how much this rotation turns anything."""

    def at(self, t: float) -> np.ndarray:
        B = np.eye(self._Q.shape[0])
        for i, j, angle in self._planes:
            c, s = math.cos(t * angle), math.sin(t * angle)
            B[i, i] = B[j, j] = c
            B[j, i], B[i, j] = s, -s
        return self._Q @ B @ self._Q.T


def _nearest_orthogonal(M: np.ndarray, det_sign: float) -> np.ndarray:
    """The orthogonal matrix closest to ``M`` with determinant ``det_sign`` (Kabsch).

    If the sign has to change, the weakest direction of ``M`` is the one reversed, which costs
    the least closeness.
    """
    P, _, Qt = np.linalg.svd(M)
    D = np.ones(M.shape[0])
    if np.linalg.det(P) * np.linalg.det(Qt) * det_sign < 0:
        D[-1] = -1.0
    return (P * D) @ Qt


def _fix_sign(vector: np.ndarray) -> np.ndarray:
    """Make the largest entry (by size, first on ties) positive, so a direction has one name."""
    return vector if vector[np.argmax(np.abs(vector))] >= 0 else -vector


@dataclass(frozen=True)
class _SquareMoves:
    rotate_in: _RotationPath
    stretch: np.ndarray
    rotate_out: _RotationPath
    flip_normal: np.ndarray | None


def _square_moves(G: np.ndarray) -> _SquareMoves:
    """Split a square ``G`` into (flip) → rotate_in → stretch → rotate_out, rotations smallest.

    A mirror, when ``det G < 0``, is the reflection part of the orthogonal matrix closest to
    ``G`` (``U Vᵀ`` from the SVD): the mirror across the hyperplane that matrix reverses. So a
    layer that *is* "mirror, then stretch" is shown as exactly that. What is left, ``G M``, has
    ``det > 0``. Reordering its singular triplets and flipping pairs of singular vectors leaves
    ``U Σ Vᵀ`` unchanged; the choice maximising ``trace U + trace V`` (rotations closest to the
    identity) is found as an assignment problem.
    """
    n = G.shape[0]
    U, sigma, Vt = np.linalg.svd(G)
    flip_normal = None
    if np.linalg.det(U) * np.linalg.det(Vt) < 0:
        # The eigenvector for eigenvalue -1 of the improper U Vᵀ: the null space of I + U Vᵀ.
        flip_normal = _fix_sign(np.linalg.svd(np.eye(n) + U @ Vt)[2][-1])
        U, sigma, Vt = np.linalg.svd(G - 2 * np.outer(G @ flip_normal, flip_normal))
    V = Vt.T
    closeness = U + V
    rows, order = linear_sum_assignment(-np.abs(closeness))
    signs = np.where(closeness[rows, order] < 0, -1.0, 1.0)
    U, V, sigma = U[:, order] * signs, V[:, order] * signs, sigma[order]
    u_proper, v_proper = np.linalg.det(U) > 0, np.linalg.det(V) > 0
    if not u_proper and not v_proper:
        k = int(np.argmin(np.diag(U) + np.diag(V)))
        U[:, k] *= -1
        V[:, k] *= -1
    elif u_proper != v_proper:
        # Only for a singular G: the vector paired with the zero singular value is free.
        (V if u_proper else U)[:, int(np.argmin(sigma))] *= -1
    return _SquareMoves(_RotationPath(V.T), sigma, _RotationPath(U), flip_normal)


def _widening_split(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``W = R[:, :m] G`` with ``R`` a rotation of ``R^n`` close to I and ``det G ≥ 0``."""
    n, m = W.shape
    U, _, Vt = np.linalg.svd(W)
    column_basis = U[:, :m] @ _nearest_orthogonal(U[:m, :m].T, np.linalg.det(Vt))
    rest = U[:, m:]
    rest = rest @ _nearest_orthogonal(
        rest[m:, :].T, np.linalg.det(np.column_stack([column_basis, rest]))
    )
    R = np.column_stack([column_basis, rest])
    return R, column_basis.T @ W


def _narrowing_split(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``W = G [I 0] R`` with ``R`` a rotation of ``R^m`` close to I and ``det G ≥ 0``."""
    n, m = W.shape
    U, _, Vt = np.linalg.svd(W)
    read_basis = Vt[:n].T @ _nearest_orthogonal(Vt[:n, :n], np.linalg.det(U))
    rest = Vt[n:].T
    rest = rest @ _nearest_orthogonal(
        rest[n:, :].T, np.linalg.det(np.column_stack([read_basis, rest]))
    )
    R = np.column_stack([read_basis, rest]).T
    return R, W @ read_basis


class LinearPath:
    """The linear stage ``h → W h`` as named moves; ``matrix(s)`` is ``A(s)`` (module docstring).

    ``A(s)`` maps the layer's input space ``R^m`` into the space the stage is drawn in,
    ``R^max(m, n)``. ``A(0)`` is the identity (or ``[I; 0]``), ``A(1)`` is ``W`` (or ``[W; 0]``)
    exactly, and for every ``s`` in between ``A(s)`` has full rank ``m``, except at the middle
    of a flip and after the flatten of a narrowing layer, where it has the most rank left,
    ``n``. ``A(s)`` is continuous in ``s``.
    """

    def __init__(self, W: np.ndarray) -> None:
        W = check_matrix(W)
        n, m = W.shape
        self.in_dim = m
        self.out_dim = n
        self.dim = max(m, n)
        """Width of the space the stage is drawn in (the larger of input and output)."""
        self._outer: _RotationPath | None = None
        if n > m:
            R, G = _widening_split(W)
            self._outer = _RotationPath(R)
        elif n < m:
            R, G = _narrowing_split(W)
            self._outer = _RotationPath(R)
        else:
            G = W
        moves = _square_moves(G)
        self._moves = moves
        self.flip_normal: np.ndarray | None = moves.flip_normal
        """Unit normal of the mirror (input coordinates) if the layer flips space, else None."""
        self.stretch_factors: np.ndarray = moves.stretch.copy()
        """The factors of the stretch move, one per axis (the singular values of ``W``)."""
        outer_angle = 0.0 if self._outer is None else self._outer.angle
        active = {
            "turn": n < m and outer_angle > _STILL,
            "flatten": n < m,
            "flip": moves.flip_normal is not None,
            "rotate_in": moves.rotate_in.angle > _STILL,
            "stretch": bool(np.max(np.abs(moves.stretch - 1.0)) > _STILL),
            "rotate_out": moves.rotate_out.angle > _STILL,
            "lift": n > m and outer_angle > _STILL,
        }
        names = [name for name in SEGMENT_NAMES if active[name]] or ["stretch"]
        k = len(names)
        self.segments: tuple[Segment, ...] = tuple(
            Segment(name, i / k, 1.0 if i == k - 1 else (i + 1) / k) for i, name in enumerate(names)
        )
        self._start = np.eye(self.dim, m)
        self._end = np.zeros((self.dim, m))
        self._end[:n] = W

    @property
    def flips(self) -> bool:
        """True if this layer mirrors space (``det W < 0``): worth saying out loud."""
        return self.flip_normal is not None

    def segment_at(self, s: float) -> Segment:
        """The move happening at ``s`` (at a boundary, the one that starts there)."""
        s = check_progress(s)
        return next((seg for seg in self.segments if seg.start <= s < seg.end), self.segments[-1])

    def matrix(self, s: float) -> np.ndarray:
        """``A(s)``, shape ``(dim, in_dim)``; exactly the start at 0 and ``W`` (padded) at 1."""
        s = check_progress(s)
        if s == 0.0:
            return self._start.copy()
        if s == 1.0:
            return self._end.copy()
        # Moves without a segment are too small to show: count them as already done.
        t = dict.fromkeys(SEGMENT_NAMES, 1.0)
        t.update({seg.name: seg.progress(s) for seg in self.segments})
        moves = self._moves
        core = (
            moves.rotate_out.at(t["rotate_out"])
            * (1.0 + t["stretch"] * (moves.stretch - 1.0))
        ) @ moves.rotate_in.at(t["rotate_in"])
        if self.flip_normal is not None:
            n = self.flip_normal
            core = core - (1.0 - math.cos(math.pi * t["flip"])) * np.outer(core @ n, n)
        n, m = self.out_dim, self.in_dim
        if self._outer is None:
            return core
        if n > m:
            return self._outer.at(t["lift"])[:, :m] @ core
        squeeze = np.zeros((m, m))
        squeeze[:n, :n] = core
        squeeze[n:, n:] = np.eye(m - n) * (1.0 - t["flatten"])
        return squeeze @ self._outer.at(t["turn"])

    def apply(self, points: np.ndarray, s: float) -> np.ndarray:
        """Move points ``(..., in_dim)`` to ``(..., dim)``: rows are ``A(s) h``."""
        points = check_points(points, self.in_dim)
        return points @ self.matrix(s).T

    def flip_turn(self, points: np.ndarray, t: float) -> np.ndarray:
        """The flip as motion: the plane turned over about the mirror through one extra axis.

        Returns ``(..., in_dim + 1)``: the component along ``flip_normal`` swings through the
        extra (last) axis, so ``t = 1`` gives the mirrored points with a 0 appended. Apply it to
        the stage's starting points (the flip is the first move).
        """
        if self.flip_normal is None:
            raise NnanimError("flip_turn: this layer does not flip space (det W >= 0)")
        points = check_points(points, self.in_dim)
        t = check_progress(t, "t")
        along = points @ self.flip_normal
        turned = np.concatenate(
            [points - along[..., None] * self.flip_normal, np.zeros(points.shape[:-1] + (1,))],
            axis=-1,
        )
        turned[..., :-1] += (math.cos(math.pi * t) * along)[..., None] * self.flip_normal
        turned[..., -1] += math.sin(math.pi * t) * along
        return turned
