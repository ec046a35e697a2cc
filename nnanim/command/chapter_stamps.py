"""Which rendered chapters of a lecture can be used again, and which must be rendered anew.

A stopped ``nnanim lecture`` (Ctrl-C, a crash, a full disk) keeps the chapters it finished;
the same command then renders only the others. A chapter is reused only when nothing that
decides its frames has changed -- the scene file, nnanim's own source, ``manim.cfg``, the
quality, language and quick mode, the versions of manim and its encoder, and the trained
weights its render drew from (the cache files the render process named in
``$NNANIM_CACHE_USED``) -- and only when its files are exactly the ones that render finished:
beside each chapter a stamp records hashes of those inputs and of the finished files, and is
written last, after the files are complete. Anything else (no stamp, other inputs, weights
trained anew, a file changed or cut short) renders the chapter again.

After an edit (a caption, a pause, a chapter's code: nnanim's source or the scene file
changed), a chapter is still reused when every one of its plays has the key it had when it was
rendered (``nnanim.anim.play_key``: the key changes with anything a play shows), and so do
the settings above, the weights and its files: an edit in one chapter costs that chapter and
the join, not the lecture.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nnanim
from nnanim.core.cache import cache_dir
from nnanim.core.files import write_whole
from nnanim.command.rendering import Look, manim_config
from nnanim.outputs.subtitles import cues_path

STAMP_SUFFIX = ".stamp.json"


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_digest(folder: Path) -> str:
    """One hash of every ``.py`` file under ``folder``, by relative name and content."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


def lecture_inputs(scene_file: Path, look: Look) -> dict[str, object]:
    """What decides a lecture chapter's frames, known before it renders: all but its name and
    the weights it draws (recorded as it renders)."""
    config = manim_config()
    return {
        "scene": _file_digest(scene_file),
        "nnanim": source_digest(Path(nnanim.__file__).resolve().parent),
        "manim.cfg": _file_digest(config),
        "quality": look.quality,
        "lang": look.lang,
        "quick": look.quick,
        "manim": _version("manim"),
        "av": _version("av"),
    }


def stamp_path(video: Path) -> Path:
    return video.with_name(video.stem + STAMP_SUFFIX)


@dataclass
class ChapterStamp:
    """The inputs a chapter file was rendered from, and what its finished files hold.

    ``weights`` maps each cache file the render drew from to the hash of its content.
    """

    key: str
    weights: dict[str, str]
    video: str
    cues: str
    frames: int
    base: str = ""
    """``base_key``: the inputs but nnanim's code and the scene file."""
    plays: str | None = None
    """The digest of its plays' keys (None: unknown, or a play that cannot be keyed)."""


def chapter_key(chapter: str, inputs: dict[str, object]) -> str:
    """The hash a chapter's stamp must hold for its files to be reused."""
    text = json.dumps({"chapter": chapter, **inputs}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


CODE_INPUTS = ("scene", "nnanim")
"""The inputs whose every change the play keys see where it matters (the code)."""


def base_key(chapter: str, inputs: dict[str, object]) -> str:
    """The hash a chapter's stamp must hold to be reused for unchanged plays after an edit of
    nnanim's code or the scene file: every other input still counts."""
    return chapter_key(chapter, {k: v for k, v in inputs.items() if k not in CODE_INPUTS})


def forget(video: Path) -> None:
    """Before a chapter is rendered again: its old files must not pass for the new ones."""
    stamp_path(video).unlink(missing_ok=True)


def _weights_digests(names: list[str]) -> dict[str, str]:
    return {name: _file_digest(cache_dir() / name) for name in sorted(set(names))}


def _write(video: Path, stamp: ChapterStamp) -> None:
    text = json.dumps(asdict(stamp), indent=1)
    write_whole(stamp_path(video), lambda path: path.write_text(text))


def write_stamp(video: Path, key: str, weights: list[str], frames: int, base: str = "",
                plays: str | None = None) -> None:
    """Stamp ``video`` (and its cues) as finished, rendered from inputs ``key`` (``base``
    without the code) with plays of digest ``plays`` and the cache files named ``weights``;
    call it last, once every file is complete."""
    _write(video, ChapterStamp(key, _weights_digests(weights), _file_digest(video),
                               _file_digest(cues_path(video)), frames, base, plays))


def finished(video: Path) -> ChapterStamp | None:
    """The stamp of ``video`` if the weights it drew are still the cache's and its files are
    the ones it stamped; else None. It reads and hashes the chapter's files: ask it once."""
    try:
        stamp = ChapterStamp(**json.loads(stamp_path(video).read_text()))
        if (_weights_digests(list(stamp.weights)) == stamp.weights
                and _file_digest(video) == stamp.video
                and _file_digest(cues_path(video)) == stamp.cues):
            return stamp
    except (OSError, ValueError, TypeError):  # no stamp, no file, or a stamp of another form
        pass
    return None


def reusable(video: Path, key: str) -> ChapterStamp | None:
    """The stamp of ``video`` if it was finished from inputs ``key``, the weights it drew are
    still the cache's, and its files are unchanged since; else None."""
    stamp = finished(video)
    return stamp if stamp is not None and stamp.key == key else None


def plays_known(stamp: ChapterStamp | None, base: str) -> bool:
    """Whether a finished chapter (``finished``) was rendered from the inputs ``base`` names,
    with its plays' digest known: after an edit of the code, a plan of the plays decides."""
    return stamp is not None and stamp.base == base and stamp.plays is not None


def restamp(video: Path, stamp: ChapterStamp, key: str) -> None:
    """After an edit of the code: a chapter whose plays keep their digest (``plays_known``,
    then compared) is stamped anew for inputs ``key``, so the next run reuses it at once."""
    stamp.key = key
    _write(video, stamp)
