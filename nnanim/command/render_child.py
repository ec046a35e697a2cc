"""A manim render that tells the ``nnanim`` command how far it got.

Run as ``python -m nnanim.command.render_child MODE FILE MANIM_ARGUMENTS...``: manim's own command
line after the first two words. ``count`` writes into FILE how many frames manim has handed to
its video encoder so far; ``plan`` (run with ``--dry_run -n 1000000``, so nothing is drawn and
every animation is skipped in seconds) writes how many frames the video will have. The
``nnanim`` command reads these files to draw one progress bar over all of its manim
processes, while manim's own output goes to a log file.

Both modes also write, beside FILE (``FILE.plays``), one digest per chapter of the keys of its
plays (``nnanim.anim.play_key``): what a render drew, and what a plan would draw now. A
chapter whose digest is unchanged shows the same pictures, so ``nnanim lecture`` reuses its
file after an edit elsewhere in the lecture.

This is the one module of the command's side that imports manim, and only in the child.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

WRITE_EVERY_SECONDS = 0.2


def _write_number(path: Path, number: int) -> None:
    """Replace ``path``'s content at once, so a reader never sees half a number."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(f"{number}\n")
    os.replace(temporary, path)


def _frames_of_play(length: float, frozen: bool) -> int:
    """The frames manim writes for a play of ``length`` seconds: a still wait holds
    ``int(length × rate)`` frames, an animation one frame per step of ``arange(0, length)``."""
    import numpy as np
    from manim import config

    step = 1 / config.frame_rate
    return int(length / step) if frozen else len(np.arange(0, length, step))


def record_play_keys(path: Path, skipped_too: bool) -> None:
    """Write into ``plays_path(path)``, as the scene ends, one digest per chapter of the keys
    of its plays (of the plays drawn; with ``skipped_too`` of every play): ``null`` for a
    chapter with a play that cannot be keyed, which is never reused."""
    import atexit
    import hashlib
    import json

    from nnanim.anim.cached_renderer import LectureRenderer
    from nnanim.command.rendering import plays_path

    chapters: dict[str, list[str | None]] = {}

    def note(scene, key: str | None) -> None:
        seen = getattr(scene, "chapters_seen", None)
        chapters.setdefault(seen[-1] if seen else "", []).append(key)

    def write() -> None:
        digests = {name: None if None in keys else hashlib.sha256(
            "\n".join(keys).encode()).hexdigest() for name, keys in chapters.items()}
        temporary = path.with_name(f".{path.name}.plays.tmp")
        temporary.write_text(json.dumps(digests))
        os.replace(temporary, plays_path(path))

    LectureRenderer.key_log = staticmethod(note)
    LectureRenderer.key_skipped_plays = skipped_too
    atexit.register(write)


def count_frames(path: Path) -> None:
    """Keep ``path`` up to date with the frames written (a still frame held counts each time);
    a play taken from manim's cache counts the frames its partial movie holds."""
    from manim.scene.scene import Scene
    from manim.scene.scene_file_writer import SceneFileWriter

    write_frame = SceneFileWriter.write_frame
    play = Scene.play
    state = {"frames": 0, "written": 0.0}

    def note(frames: int) -> None:
        state["frames"] += frames
        now = time.monotonic()
        if now - state["written"] >= WRITE_EVERY_SECONDS:
            _write_number(path, state["frames"])
            state["written"] = now

    def counting(self, pixels, *, repeat: int = 1) -> None:
        write_frame(self, pixels, repeat=repeat)
        note(repeat)

    def counting_play(self, *args, **kwargs) -> None:
        frames, began = state["frames"], self.renderer.time
        play(self, *args, **kwargs)
        key = self.renderer.animations_hashes[-1]
        if key is not None and state["frames"] == frames:  # taken from the cache
            note(_frames_of_play(self.renderer.time - began,
                                 self.is_current_animation_frozen_frame()))

    SceneFileWriter.write_frame = counting
    Scene.play = counting_play
    _write_number(path, 0)
    import atexit

    atexit.register(lambda: _write_number(path, state["frames"]))


def plan_frames(path: Path) -> None:
    """Write into ``path`` the frames the video will have, counted play by play as manim does.

    Every play is skipped (``-n``), so only its length is known (``_frames_of_play``).
    """
    from manim.scene.scene import Scene

    play = Scene.play
    render = Scene.render
    state = {"frames": 0}

    def planning_play(self, *args, **kwargs) -> None:
        before = self.renderer.time
        play(self, *args, **kwargs)
        state["frames"] += _frames_of_play(self.renderer.time - before,
                                           self.is_current_animation_frozen_frame())

    def planning_render(self, *args, **kwargs):
        result = render(self, *args, **kwargs)
        _write_number(path, state["frames"])
        return result

    Scene.play = planning_play
    Scene.render = planning_render


def main(argv: list[str]) -> None:
    mode, path, *manim_arguments = argv
    {"count": count_frames, "plan": plan_frames}[mode](Path(path))
    record_play_keys(Path(path), skipped_too=mode == "plan")
    from manim.__main__ import main as manim_main

    sys.argv = ["manim", *manim_arguments]
    manim_main()


if __name__ == "__main__":
    main(sys.argv[1:])
