"""How a hidden layer wider than 3 is shown: an orthonormal view basis chosen by the network.

A 10-wide layer cannot be drawn, only looked at from some angle. Any angle would be a lie of
emphasis, so the angle comes from the network itself:

1. **What the next layer reads.** Only the row space of the next layer's ``W`` matters for
   everything downstream. If the next layer has no more units than the view has axes, those
   directions come first, by Gram–Schmidt in unit order: axis 1 is what the next layer's unit 1
   reads, axis 2 what its unit 2 reads beyond that, and so on. Seen through this view the next
   layer's linear map is triangular with a positive diagonal, so it never looks like a flip,
   and the narrowing stage (e.g. 10 → 2) is exactly a squash of the remaining axis followed
   by a 2-D move. If the next layer has more units than view axes, the strongest read
   directions (right singular vectors) are used instead.
2. **What the data does.** Remaining axes are the strongest principal directions of the
   hidden data after removing what step 1 took. Without data (or if it has no spread left),
   the standard axis with the most room left is used, lowest index first.

Every direction gets a fixed sign (its largest entry positive, unless Gram–Schmidt already
fixed it), so the same weights and data always give the same picture.
"""

from __future__ import annotations

import numpy as np

from nnanim.errors import NnanimError
from nnanim.geometry.checks import check_matrix, check_points

_NEGLIGIBLE = 1e-9
"""A direction shorter than this (relative to the largest) is treated as absent."""


def _fix_sign(vector: np.ndarray) -> np.ndarray:
    return vector if vector[np.argmax(np.abs(vector))] >= 0 else -vector


def _remove(vectors: np.ndarray, basis: list[np.ndarray]) -> np.ndarray:
    """``vectors`` (rows) minus their parts along ``basis`` (twice, for clean orthogonality)."""
    if not basis:
        return vectors
    B = np.column_stack(basis)
    for _ in range(2):
        vectors = vectors - (vectors @ B) @ B.T
    return vectors


def view_basis(
    next_weights: np.ndarray, hidden: np.ndarray | None, dim: int = 3
) -> np.ndarray:
    """Orthonormal columns ``(k, dim)`` to show a ``k``-wide layer in ``dim`` = 2 or 3 axes.

    ``next_weights`` is the ``W`` (shape ``(units, k)``) of the layer that reads this one;
    ``hidden`` is this layer's output for the data set (rows are points), used only to fill
    axes the weights leave open. Display coordinates of a point ``h`` are ``h @ basis``.
    """
    W = check_matrix(next_weights, "next_weights")
    k = W.shape[1]
    if dim not in (2, 3) or dim >= k:
        raise NnanimError(
            f"dim: a {k}-wide layer cannot be viewed in {dim!r} axes (use 2 or 3, less than {k})"
        )
    scale = float(np.max(np.linalg.norm(W, axis=1)))
    basis: list[np.ndarray] = []
    if W.shape[0] <= dim:
        for row in W:
            rest = _remove(row, basis)
            if np.linalg.norm(rest) > _NEGLIGIBLE * scale:
                basis.append(rest / np.linalg.norm(rest))
    else:
        _, sigma, Vt = np.linalg.svd(W)
        basis = [_fix_sign(v) for v, sv in zip(Vt[:dim], sigma) if sv > _NEGLIGIBLE * sigma[0]]
    if hidden is not None:
        H = check_points(hidden, k, "hidden").reshape(-1, k)
        spread = H - H.mean(axis=0)
        total = float(np.linalg.norm(spread))
        while len(basis) < dim and total > 0:
            _, sigma, Vt = np.linalg.svd(_remove(spread, basis), full_matrices=False)
            if sigma[0] <= _NEGLIGIBLE * total:
                break
            direction = _remove(Vt[0], basis)
            basis.append(_fix_sign(direction / np.linalg.norm(direction)))
    while len(basis) < dim:
        room = np.linalg.norm(_remove(np.eye(k), basis), axis=1)
        direction = _remove(np.eye(k)[int(np.argmax(room))], basis)
        basis.append(direction / np.linalg.norm(direction))
    return np.column_stack(basis)
