"""The key of one ``play`` in manim's partial-movie cache: cheap, exact, the same in every process.

manim names each play's partial movie by a hash of the scene's state and takes the file from
its cache when that hash comes again. Its own hash (``manim.utils.hashing``) turns every
mobject, animation and closure into JSON at every play, source code included (a tenth of a
second a play), and what it hashes is not the same in the next process: a play taken from the
cache leaves the scene a rounding apart from a drawn one (a fade's shift added frame by frame)
and paths carry Python's salted string hashes, so a re-render of an unchanged lecture reused
1 of its 59 plays. nnanim's moves are computed from where they began instead (``Appear``,
``Vanish``, the 3-D axis names), so cached and drawn plays leave the same state.

``play_key`` hashes the same things -- the camera, the animations, the mobjects on screen and
everything they reach (closures and the objects they hold) -- byte by byte into one digest:
arrays by their bytes, objects by their class and attributes, functions by their name, the
values they close over and the source of the file that defines them. An object can stand for
itself with ``play_identity()``: a film is its weights, data and settings, hashed once; a
cache of derived results (``PathCache``, a film's paces) is nothing.

Code counts too. Every key holds one hash of the code that draws (``drawing_code``: nnanim
without the modules that only decide *what* is played) and manim's version; a function or a
class from a chapter, a storyboard or a scene file brings the hash of its own file. So a
changed caption or pause changes only the plays that show it; a changed drawing routine
changes every play. What those chapter modules decide reaches the frames only through the
state hashed here -- the captions a play shows are set into its mobjects before it starts
(no play looks a caption up while it draws).
"""

from __future__ import annotations

import hashlib
import struct
import sys
from enum import Enum
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path, PurePath
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any, Iterable

import numpy as np
from manim import ManimColor, config

import nnanim

PACKAGE = Path(nnanim.__file__).resolve().parent

STAGING = ("course", "lectures", "anim/storyboards.py", "anim/chapters")
"""nnanim's files that decide what is played, not how a frame is drawn (relative to the
package): left out of ``drawing_code``; their functions and classes bring their own file's
hash wherever the key meets them."""

SKIPPED_ATTRIBUTES = frozenset({"pixel_array", "background", "pixel_array_to_cairo_context",
                                "display_funcs", "original_id", "static_image", "path_obj",
                                "id_to_vgroup_dict"})
"""The camera's current frame and buffers (what a play draws into, not what decides it), its
table of drawing methods (made by its class when it first draws: a play after nothing was
drawn yet would otherwise have another key than the same play after a drawn one), and
a glyph's parsed SVG outline (its points are what is drawn) and its SVG's element ids (cairo
numbers them per process: ``surface2426`` in one, ``surface5308`` in the next; the groups
they name are the text's submobjects, hashed there)."""


PLAIN = frozenset({type(None), bool, int, float, str})


def _file_hash(path: Path) -> bytes:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()


def _is_staging(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return any(relative == part or relative.startswith(part + "/") for part in STAGING)


@lru_cache(maxsize=None)
def drawing_code() -> bytes:
    """One hash of every nnanim source file that can run while a frame is drawn, and of
    manim's version."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(version("manim").encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        if not _is_staging(path):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(_file_hash(path))
    return digest.digest()


@lru_cache(maxsize=None)
def _module_code(module_name: str) -> bytes:
    """The hash of a staging module's or a scene file's source; empty for code whose hash is
    in ``drawing_code`` (nnanim's drawing modules) or in manim's version (everything else)."""
    module = sys.modules.get(module_name)
    path = getattr(module, "__file__", None)
    if path is None:
        return b""
    path = Path(path).resolve()
    if path.is_relative_to(PACKAGE):
        return _file_hash(path) if _is_staging(path) else b""
    return b"" if "site-packages" in path.parts else _file_hash(path)


class _Hasher:
    """Feeds a value and everything it reaches into one digest, each object once."""

    def __init__(self, skip: Iterable[object]) -> None:
        self.digest = hashlib.blake2b(digest_size=32)
        self.seen: dict[int, int] = {id(obj): -1 for obj in skip}
        self.keep: list[object] = []  # ids stay unique while the walk holds the objects

    def tag(self, text: str) -> None:
        self.digest.update(text.encode() + b"\x1f")

    def feed(self, value: Any) -> None:
        kind = type(value)
        if value is None or kind is bool or kind is int or kind is str:
            self.tag(f"{kind.__name__}:{value}")
            return
        if kind is float:
            self.digest.update(b"f" + struct.pack("<d", value))
            return
        key = id(value)
        if key in self.seen:
            self.tag(f"ref:{self.seen[key]}")
            return
        self.seen[key] = len(self.seen)
        self.keep.append(value)
        if kind is np.ndarray:
            self._array(value)
        elif kind is list or kind is tuple:
            self.tag(f"{kind.__name__}:{len(value)}")
            for item in value:
                self.feed(item)
        elif isinstance(value, dict) and not hasattr(value, "play_identity"):
            self._dict(value)
        else:
            self._other(value, kind)

    def _array(self, array: np.ndarray) -> None:
        self.tag(f"array:{array.dtype.str}:{array.shape}")
        if array.dtype.names:  # a record array (manim's timings of an animation group)
            for name in array.dtype.names:
                self.tag(f"field:{name}")
                self._array(array[name])
        elif array.dtype.hasobject:
            for item in array.ravel():
                self.feed(item)
        else:
            self.digest.update(np.ascontiguousarray(array).data)

    def _dict(self, mapping: dict) -> None:
        # Plain values (most of a mobject's attributes) go in at once, printed: repr is exact
        # for these types (a float's repr reads back as the same float).
        plain, other = [], []
        for k, v in mapping.items():
            if k in SKIPPED_ATTRIBUTES:
                continue
            (plain if type(v) in PLAIN and type(k) is str else other).append((k, v))
        self.tag(f"dict:{len(plain)}:{len(other)}:{plain!r}")
        for k, v in other:
            self.feed(k)
            self.feed(v)

    def _other(self, value: Any, kind: type) -> None:
        identity = getattr(value, "play_identity", None)
        if isinstance(identity, MethodType):
            self.tag(f"identity:{_name(kind)}")
            self.digest.update(_module_code(kind.__module__))
            self.feed(identity())
        elif kind is FunctionType:
            self.tag(f"function:{value.__module__}.{value.__qualname__}")
            self.digest.update(_module_code(value.__module__))
            self.feed(value.__defaults__)
            self.feed(value.__kwdefaults__)
            self.feed(tuple(_cell(c) for c in value.__closure__ or ()))
        elif kind is MethodType:
            self.tag("method")
            self.feed(value.__self__)
            self.feed(value.__func__)
        elif isinstance(value, (type, ModuleType, BuiltinFunctionType)):
            module = getattr(value, "__module__", None) or ""
            self.tag(f"name:{module}.{getattr(value, '__qualname__', value.__name__)}")
            if isinstance(value, type):
                self.digest.update(_module_code(value.__module__))
        elif kind is bytes:
            self.tag(f"bytes:{len(value)}")
            self.digest.update(value)
        elif kind is set or kind is frozenset:
            self.tag(f"set:{len(value)}")
            for item in sorted(value, key=repr):
                self.feed(item)
        elif kind is ManimColor:  # the most common object in a mobject: its value is it
            self.tag("colour")
            self.digest.update(value._internal_value.data)
        elif isinstance(value, Enum):
            self.tag(f"enum:{_name(kind)}.{value.name}")
        elif isinstance(value, PurePath):  # its slots cache str hashes, which differ by process
            self.tag(f"path:{_place(value)}")
        elif isinstance(value, np.generic):
            self._array(np.asarray(value))
        else:
            self.tag(f"object:{_name(kind)}")
            self.digest.update(_module_code(kind.__module__))
            state = getattr(value, "__dict__", None)
            if type(state) is dict:
                self._dict(state)
            for name in _slots(kind):
                self.feed(getattr(value, name, None))
            if state is None and not _slots(kind):
                # No attributes to read (a cairo path, a lock): only its printed form, if it
                # has one of its own, says anything.
                if kind.__repr__ is object.__repr__:
                    raise _Opaque(_name(kind))
                self.tag(repr(value))


@lru_cache(maxsize=4)
def _media_folders(media_dir: str) -> tuple[Path, Path]:
    """manim's media folder as configured and resolved (resolved once, not for every text of
    every play)."""
    return Path(media_dir), Path(media_dir).resolve()


def _place(path: PurePath) -> str:
    """A file manim made in its media folder (a glyph's SVG, named by a hash of the text and
    its font) by its place there, so one sentence has one key whichever folder a render
    writes to (a chapter and the plan of its lecture use different ones); any other path as
    it is."""
    for folder in _media_folders(str(config.media_dir)):
        if path.is_relative_to(folder):
            return "media:" + path.relative_to(folder).as_posix()
    return str(path)


class _Opaque(Exception):
    """An object whose state cannot be read: the play cannot be keyed by what it shows."""


def _name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


@lru_cache(maxsize=None)
def _slots(kind: type) -> tuple[str, ...]:
    return tuple(name for klass in kind.__mro__ for name in getattr(klass, "__slots__", ())
                 if name not in ("__dict__", "__weakref__"))


def _cell(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # a cell not filled yet
        return "empty cell"


def digest(value: Any) -> bytes:
    """The hash of ``value`` and everything it reaches: for objects to compute their
    ``play_identity`` once (an object that never changes after it is made)."""
    hasher = _Hasher(skip=())
    hasher.feed(value)
    return hasher.digest.digest()


def play_key(scene: object, camera: object, animations: list, mobjects: list,
             encoder: str) -> str | None:
    """The cache key of the play about to start (the file name of its partial movie), or None
    when it reaches an object whose state cannot be read: that play is drawn afresh."""
    hasher = _Hasher(skip=(scene, getattr(scene, "renderer", None)))
    hasher.digest.update(drawing_code())
    hasher.tag(encoder)
    try:
        hasher.feed((camera, animations, mobjects))
    except (_Opaque, RecursionError):
        return None
    return hasher.digest.hexdigest()
