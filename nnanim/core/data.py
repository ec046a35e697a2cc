"""The article's toy data sets, generated from a seed like scikit-learn's ``make_moons``.

Every generator returns plain arrays ``X`` (N×2 float32) and ``y`` (N int64, labels
``0 .. K-1``, the K classes as equal as ``n`` allows), shuffled so that no class is drawn on top
of another. Most sets have two classes; ``three_blobs`` and ``three_spiral`` have three. The same arguments always give the same arrays, so a lecture can be re-rendered exactly.

``DataSpec`` names a data set with all its knobs; it is what an experiment stores and what the
training cache hashes (via ``to_dict``).
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from typing import Callable, Mapping, Protocol, Union, runtime_checkable

import numpy as np

from nnanim.errors import (
    SEED_MAX, NnanimError, check_choice, check_positive_float, check_positive_int, shown,
)
from nnanim.core.model import as_points

OptionValue = Union[float, tuple[float, ...]]

MAX_POINTS = 100_000
"""More points than a lecture can show; larger sets only make training and drawing slow."""


def _check_common(
    n: object, noise: object, seed: object, classes: int = 2
) -> tuple[int, float, int]:
    """Validate the arguments every generator shares."""
    n = check_positive_int("n", n, minimum=2 * classes, maximum=MAX_POINTS)  # two per class
    noise = check_positive_float("noise", noise, allow_zero=True)
    seed = check_positive_int("seed", seed, minimum=0, maximum=SEED_MAX)
    return n, noise, seed


def _finish(
    parts: list[np.ndarray], noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Stack the points of class 0, 1, ... (``parts[k]``), jitter them by ``noise``, shuffle."""
    X = np.concatenate(parts)
    y = np.concatenate(
        [np.full(len(part), label, dtype=np.int64) for label, part in enumerate(parts)]
    )
    X = X + rng.normal(scale=noise, size=X.shape)
    order = rng.permutation(len(X))
    with np.errstate(over="ignore"):
        X = X[order].astype(np.float32)
    if not np.all(np.isfinite(X)):
        raise NnanimError("data: these settings put points beyond float32 range; use smaller values")
    return X, y[order]


def _class_sizes(n: int, classes: int = 2) -> list[int]:
    """``n`` points shared out as evenly as possible, the later classes taking the remainder."""
    return [(n * (k + 1)) // classes - (n * k) // classes for k in range(classes)]


def _check_whole(field: str, value: object, minimum: int) -> int:
    """A count knob: knobs travel as floats (``DataSpec``), so ``4.0`` is accepted as 4."""
    number = check_positive_float(field, value)
    if not number.is_integer() or number < minimum:
        raise NnanimError(f"{field}: {shown(value)} is not a whole number >= {minimum}")
    return int(number)


MAX_TURNS = 100.0
"""Far more than any picture can show; beyond it the angles overflow."""


def _check_turns(turns: object) -> float:
    number = check_positive_float("turns", turns)
    if number > MAX_TURNS:
        raise NnanimError(f"turns: {number:g} is more than {MAX_TURNS:g} turns")
    return number


def _spiral_arms(
    rng: np.random.Generator, sizes: list[int], growth: float, start: float, turns: float
) -> list[np.ndarray]:
    """One Archimedean arm per class, ``sizes[k]`` points each, arm ``k`` turned by ``k/K`` turns.

    Each point sits at a random angle from ``start`` to ``start`` plus ``turns`` full turns, at
    radius ``growth`` times that angle. The arms draw from ``rng`` one after another, class 0
    first, so a seed always gives the same points.
    """
    arms = []
    for k, count in enumerate(sizes):
        rotation = 2.0 * math.pi * k / len(sizes)
        angle = start + rng.uniform(0.0, 2.0 * math.pi * turns, size=count)
        radius = growth * angle
        turned = angle + rotation
        arms.append(np.column_stack([radius * np.cos(turned), radius * np.sin(turned)]))
    return arms


def blobs(
    n: int = 400, noise: float = 0.5, separation: float = 4.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two round Gaussian blobs of std ``noise``, centres ``separation`` apart on a diagonal.

    The diagonal makes the separating line slanted, so the first layer visibly rotates.
    With the defaults the classes are 8 standard deviations apart: linearly separable.

    >>> X, y = blobs(separation=4.0, noise=0.0)
    >>> X[y == 1][0], X[y == 0][0]  # the centres, 4 apart on the diagonal
    (array([1.4142135, 1.4142135], dtype=float32), array([-1.4142135, -1.4142135], dtype=float32))
    """
    n, noise, seed = _check_common(n, noise, seed)
    separation = check_positive_float("separation", separation)
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)
    centre = separation / 2 * np.array([1.0, 1.0]) / math.sqrt(2.0)
    return _finish([np.tile(-centre, (n0, 1)), np.tile(centre, (n1, 1))], noise, rng)


def swiss_roll(
    n: int = 400, noise: float = 0.1, turns: float = 0.75, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """The article's simple swiss roll: two interleaved arms of an Archimedean spiral.

    Class 0 is one arm sweeping ``turns`` full turns around the centre, class 1 the same arm
    turned by 180°. The radius grows 1.4 per half turn (the gap between neighbouring arms)
    from 0.7 at the start, so ``noise`` (std of the jitter) well below 0.35 keeps them apart.
    Three quarters of a turn is what a single 2-unit tanh layer can still separate (a straight
    line gets ~70 % right); at 0.85 turns it fails for about half the seeds, at 1 for all.

    Without noise every point lies on its arm, 0.7 to 0.7 + 1.4 × 1.5 half turns from the centre:

    >>> X, y = swiss_roll(n=300, noise=0.0)
    >>> radius = np.hypot(X[:, 0], X[:, 1])
    >>> print(f"{radius.min():.1f} to {radius.max():.1f}", np.bincount(y))
    0.7 to 2.8 [150 150]
    """
    n, noise, seed = _check_common(n, noise, seed)
    turns = _check_turns(turns)
    rng = np.random.default_rng(seed)
    growth = 1.4 / math.pi  # radius gained per radian
    return _finish(_spiral_arms(rng, _class_sizes(n), growth, 0.5 * math.pi, turns), noise, rng)


def donut(
    n: int = 400,
    noise: float = 0.05,
    inner_radius: float = 1.0,
    ring: tuple[float, float] = (1.6, 2.4),
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A disk (class 0) of radius ``inner_radius`` inside a ring (class 1) of radii ``ring``.

    Points are uniform by area; the gap between the disk and the ring is what a good
    boundary runs through.

    >>> X, y = donut(noise=0.0)
    >>> radius = np.hypot(X[:, 0], X[:, 1])
    >>> bool(radius[y == 0].max() <= 1.0 and radius[y == 1].min() >= 1.6)
    True
    """
    n, noise, seed = _check_common(n, noise, seed)
    inner_radius = check_positive_float("inner_radius", inner_radius)
    try:
        r0, r1 = ring
    except (TypeError, ValueError):
        raise NnanimError(f"ring: {ring!r} is not a pair (r0, r1) of radii") from None
    r0, r1 = check_positive_float("ring", r0), check_positive_float("ring", r1)
    if not inner_radius <= r0 < r1:
        raise NnanimError(
            f"ring: ({r0}, {r1}) must satisfy inner_radius ({inner_radius}) <= r0 < r1"
        )
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)

    def annulus(count: int, low: float, high: float) -> np.ndarray:
        # sqrt of a uniform r² spreads the points evenly over the area.
        radius = np.sqrt(rng.uniform(low**2, high**2, size=count))
        angle = rng.uniform(-math.pi, math.pi, size=count)
        return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])

    return _finish([annulus(n0, 0.0, inner_radius), annulus(n1, r0, r1)], noise, rng)


def three_blobs(
    n: int = 450, noise: float = 0.5, separation: float = 4.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Three round Gaussian blobs of std ``noise`` at the corners of an equilateral triangle.

    Neighbouring centres are ``separation`` apart (8 standard deviations with the defaults),
    class 0 at the bottom left, class 1 at the bottom right, class 2 at the top: three
    straight boundaries meeting in the middle separate them.

    >>> X, y = three_blobs(noise=0.0)
    >>> for k in range(3):  # the centres, 4 apart
    ...     print(k, X[y == k][0].round(2))
    0 [-2.   -1.15]
    1 [ 2.   -1.15]
    2 [0.   2.31]
    """
    n, noise, seed = _check_common(n, noise, seed, classes=3)
    separation = check_positive_float("separation", separation)
    rng = np.random.default_rng(seed)
    radius = separation / math.sqrt(3.0)
    angles = np.radians([210.0, 330.0, 90.0])
    centres = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    sizes = _class_sizes(n, 3)
    return _finish([np.tile(c, (size, 1)) for c, size in zip(centres, sizes)], noise, rng)


def three_spiral(
    n: int = 450, noise: float = 0.1, turns: float = 0.75, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Three interleaved arms of an Archimedean spiral, each the last one turned by 120°.

    Like the swiss roll's two arms, neighbouring arms are 1.4 apart (the radius grows 1.4 per
    third of a turn) and each arm starts 0.7 from the centre and sweeps ``turns`` full turns.

    >>> X, y = three_spiral(n=300)
    >>> X.shape, np.bincount(y)
    ((300, 2), array([100, 100, 100]))
    """
    n, noise, seed = _check_common(n, noise, seed, classes=3)
    turns = _check_turns(turns)
    rng = np.random.default_rng(seed)
    growth = 1.4 / (2.0 * math.pi / 3.0)  # radius gained per radian
    return _finish(_spiral_arms(rng, _class_sizes(n, 3), growth, 0.7 / growth, turns), noise, rng)


def xor(
    n: int = 400, noise: float = 0.5, separation: float = 4.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Four Gaussian clusters on a square of side ``separation``, opposite corners alike.

    Class 0 sits at the top right and bottom left, class 1 at the other two corners: the
    exclusive or of the two signs, which no single straight line separates.

    >>> X, y = xor(noise=0.0)
    >>> same_sign = X[:, 0] * X[:, 1] > 0
    >>> bool(np.all(same_sign == (y == 0)))
    True
    """
    n, noise, seed = _check_common(n, noise, seed)
    separation = check_positive_float("separation", separation)
    rng = np.random.default_rng(seed)
    half = separation / 2

    def pair(count: int, corner: np.ndarray) -> np.ndarray:
        # Each point picks one of the two opposite corners, so both clusters hold about half.
        signs = np.where(rng.random(count) < 0.5, 1.0, -1.0)[:, None]
        return signs * corner

    n0, n1 = _class_sizes(n)
    return _finish([pair(n0, np.array([half, half])), pair(n1, np.array([half, -half]))],
                   noise, rng)


def moons(n: int = 400, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles of radius 1, as scikit-learn's ``make_moons`` draws them.

    Class 0 is the upper arc, class 1 the lower one shifted right by 1 and up by 0.5, each
    point at a uniformly random angle; the pair is centred on the origin.

    >>> X, y = moons(noise=0.0)
    >>> bool(X[y == 0, 1].mean() > X[y == 1, 1].mean())  # class 0 is the upper arc
    True
    """
    n, noise, seed = _check_common(n, noise, seed)
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)
    centre = np.array([0.5, 0.25])
    upper = rng.uniform(0.0, math.pi, size=n0)
    lower = rng.uniform(0.0, math.pi, size=n1)
    arcs = [
        np.column_stack([np.cos(upper), np.sin(upper)]) - centre,
        np.column_stack([1.0 - np.cos(lower), 0.5 - np.sin(lower)]) - centre,
    ]
    return _finish(arcs, noise, rng)


def checkerboard(
    n: int = 400, noise: float = 0.0, cells: float = 4.0, size: float = 4.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points spread evenly over a ``cells`` × ``cells`` board of side ``size``, centred.

    ``cells`` is a whole number (a float like every knob, so ``4`` and ``4.0`` are one board).
    A point's class is the colour of its square (class 0 on the bottom-left one). Each class
    fills its own squares evenly, so the classes stay balanced for an odd number of cells.

    >>> X, y = checkerboard(cells=2, size=2.0)
    >>> bool(np.all((X[:, 0] * X[:, 1] < 0) == (y == 1)))  # class 0 on the diagonal squares
    True
    """
    n, noise, seed = _check_common(n, noise, seed)
    cells = _check_whole("cells", cells, minimum=2)
    size = check_positive_float("size", size)
    rng = np.random.default_rng(seed)
    columns, rows = np.meshgrid(np.arange(cells), np.arange(cells))
    squares = np.column_stack([columns.ravel(), rows.ravel()])
    colour = squares.sum(axis=1) % 2

    def colour_points(count: int, label: int) -> np.ndarray:
        own = squares[colour == label]
        corner = own[rng.integers(len(own), size=count)]
        return (corner + rng.random((count, 2))) * (size / cells) - size / 2

    n0, n1 = _class_sizes(n)
    return _finish([colour_points(n0, 0), colour_points(n1, 1)], noise, rng)


def to_polar(X: np.ndarray) -> np.ndarray:
    """The feature map ``(x, y) → (r, θ)``, θ in (-π, π]: the donut becomes two bands in ``r``.

    >>> to_polar(np.array([[3.0, 4.0], [-1.0, 0.0]]))
    array([[5.       , 0.9272952],
           [1.       , 3.1415927]], dtype=float32)
    """
    X = as_points(X)
    r = np.hypot(X[:, 0], X[:, 1])
    theta = np.arctan2(X[:, 1], X[:, 0])
    polar = np.column_stack([r, theta]).astype(np.float32)
    # arctan2 gives -π on the negative x axis (y = -0.0); the half-open range wants +π.
    polar[polar[:, 1] <= np.float32(-np.pi), 1] = np.float32(np.pi)
    return polar


GENERATORS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "blobs": blobs,
    "swissroll": swiss_roll,
    "donut": donut,
    "xor": xor,
    "moons": moons,
    "checkerboard": checkerboard,
    "threeblobs": three_blobs,
    "threespiral": three_spiral,
}
DATASETS: tuple[str, ...] = tuple(GENERATORS)
CLASSES: dict[str, int] = {
    "blobs": 2, "swissroll": 2, "donut": 2, "xor": 2, "moons": 2, "checkerboard": 2,
    "threeblobs": 3, "threespiral": 3,
}
"""How many classes each generator's labels count."""
_COMMON = ("n", "noise", "seed")


def _defaults(name: str) -> dict[str, object]:
    """A generator's keyword defaults, read from its signature so there is one source of truth."""
    return {
        key: param.default
        for key, param in inspect.signature(GENERATORS[name]).parameters.items()
    }


def _option_value(key: str, value: object) -> OptionValue:
    """A knob value as a float, or a tuple of floats (the donut's ``ring``)."""
    try:
        if isinstance(value, (tuple, list)):
            return tuple(float(v) for v in value)
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise NnanimError(f"{key}: {shown(value)} is not a number or a tuple of numbers") from None


@dataclass(frozen=True)
class DataSpec:
    """Which data set, how many points, how noisy, which seed, and its shape knobs.

    ``noise=None`` means the generator's default. ``options`` holds the shape knobs by keyword,
    e.g. ``(("turns", 1.5),)`` for the swiss roll or ``(("ring", (1.5, 2.5)),)`` for the donut;
    a dict is accepted too. ``polar=True`` feeds the network ``(r, θ)`` instead of ``(x, y)``.

    >>> DataSpec("swissroll", options={"turns": 1.5}).resolved()
    {'n': 400, 'noise': 0.1, 'turns': 1.5, 'seed': 0}

    A knob the generator does not have is refused at once, naming the ones it has:

    >>> DataSpec("swissroll", options={"ring": (1.5, 2.5)})
    Traceback (most recent call last):
    ...
    nnanim.errors.NnanimError: options: 'ring' is not a shape knob of 'swissroll' (allowed: turns)
    """

    name: str
    n: int = 400
    noise: float | None = None
    seed: int = 0
    polar: bool = False
    options: tuple[tuple[str, OptionValue], ...] = field(default=())

    def __post_init__(self) -> None:
        check_choice("dataset", self.name, DATASETS)
        object.__setattr__(self, "n", check_positive_int("n", self.n, minimum=2 * self.classes,
                                                         maximum=MAX_POINTS))
        if self.noise is not None:
            object.__setattr__(
                self, "noise", check_positive_float("noise", self.noise, allow_zero=True)
            )
        object.__setattr__(self, "seed", check_positive_int("seed", self.seed, minimum=0,
                                                               maximum=SEED_MAX))
        if not isinstance(self.polar, bool):
            raise NnanimError(f"polar: {self.polar!r} is not True or False")
        items = self.options.items() if isinstance(self.options, Mapping) else self.options
        allowed = [key for key in _defaults(self.name) if key not in _COMMON]
        options = {}
        for item in items:
            try:
                key, value = item
            except (TypeError, ValueError):
                raise NnanimError(f"options: {item!r} is not a (keyword, value) pair") from None
            if key not in allowed:
                raise NnanimError(
                    f"options: {key!r} is not a shape knob of {self.name!r} "
                    f"(allowed: {', '.join(allowed) or 'none'})"
                )
            options[key] = _option_value(key, value)
        object.__setattr__(self, "options", tuple(sorted(options.items())))
        # A tiny dry run applies the generator's own checks to the knob values now,
        # so a bad value fails when the experiment is defined, not minutes later.
        GENERATORS[self.name](**{**self.resolved(), "n": 2 * self.classes})

    @property
    def classes(self) -> int:
        """How many classes the labels count (``0 .. classes-1``)."""
        return CLASSES[self.name]

    def resolved(self) -> dict[str, object]:
        """Every generator argument, defaults filled in: exactly what ``make_dataset`` passes."""
        arguments = _defaults(self.name)
        arguments.update(n=self.n, seed=self.seed, **dict(self.options))
        if self.noise is not None:
            arguments["noise"] = self.noise
        return arguments

    def load(self) -> tuple[np.ndarray, np.ndarray]:
        """Generate the points (in polar coordinates if the spec says so)."""
        X, y = GENERATORS[self.name](**self.resolved())
        return (to_polar(X) if self.polar else X), y

    def to_dict(self) -> dict[str, object]:
        """Canonical JSON-able description; defaults are filled in, so changing one changes it."""
        arguments = {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in self.resolved().items()
        }
        return {
            "name": self.name,
            "n": arguments.pop("n"),
            "noise": arguments.pop("noise"),
            "seed": arguments.pop("seed"),
            "polar": self.polar,
            "options": dict(sorted(arguments.items())),
        }


@runtime_checkable
class DataSource(Protocol):
    """Where an experiment's points come from: a ``DataSpec``, or e.g. points read from a file.

    ``load`` returns ``(X, y)`` like a generator; ``to_dict`` is what the training cache hashes,
    so it must change whenever the points do. ``classes`` counts the labels ``0 .. classes-1``
    without loading the points, so a network of the wrong width is refused at once.
    """

    @property
    def classes(self) -> int: ...

    def load(self) -> tuple[np.ndarray, np.ndarray]: ...

    def to_dict(self) -> dict[str, object]: ...


def make_dataset(spec: DataSource) -> tuple[np.ndarray, np.ndarray]:
    """The points ``spec`` describes: generated for a ``DataSpec``, loaded for other sources.

    The same spec always gives the same arrays, so a lecture renders again exactly:

    >>> X, y = make_dataset(DataSpec("swissroll", n=200, seed=3))
    >>> X.shape, X.dtype, np.bincount(y)
    ((200, 2), dtype('float32'), array([100, 100]))
    >>> bool(np.array_equal(X, make_dataset(DataSpec("swissroll", n=200, seed=3))[0]))
    True
    """
    if not isinstance(spec, DataSource):
        raise NnanimError(f"data: {spec!r} is not a DataSpec")
    return spec.load()
