"""One progress bar for a whole render: frames written of all frames, over every manim process.

Each manim child (``nnanim.command.render_child``) keeps a small file up to date with the frames it
has written; a planning child, which skips every animation, writes the total the video will
have. A thread here sums them twice a second. The total comes from manim's own arithmetic,
so the bar ends at 100 %; should a plan fall short of the frames actually written, the total
grows with them rather than the bar running past its end.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Mapping

from tqdm import tqdm

from nnanim.command.rendering import Look, plan_frames
from nnanim.errors import NnanimError

POLL_SECONDS = 0.5


def _read_number(path: Path) -> int:
    try:
        return int(path.read_text())
    except (OSError, ValueError):  # not written yet
        return 0


class FrameBar:
    """``with FrameBar(folder, shown) as bar:`` then ``bar.counter(name)`` for each render.

    ``folder`` holds the count files (emptied first). Nothing is drawn unless ``shown``, and
    then no planning child is started either.
    """

    def __init__(self, folder: Path, shown: bool) -> None:
        self.folder = folder
        self.shown = shown
        self.bar: tqdm | None = None
        self.planners: list[subprocess.Popen] = []
        self.expected = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> "FrameBar":
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in (*self.folder.glob("*.frames"), *self.folder.glob("*.total")):
            old.unlink()
        if self.shown:
            self.bar = tqdm(total=None, unit="frame", desc="rendering", file=sys.stderr,
                            leave=False, ncols=shutil.get_terminal_size().columns)
            self._thread.start()
        return self

    def counter(self, name: str) -> Path:
        """The file the render called ``name`` counts its frames in."""
        return self.folder / f"{name}.frames"

    def plan(self, scene_file: Path, scene_class: str, look: Look,
             env: Mapping[str, str] | None = None, wait: bool = False) -> Path | None:
        """Count, in a child of its own, the frames of the whole video the scene plays.

        With ``wait``, the child runs even when no bar is shown, and has finished when this
        returns the file it counted into (its chapters' play digests are beside it:
        ``nnanim.command.rendering.read_plays``).
        """
        if not (self.shown or wait):
            return None
        index = len(self.planners)
        total = self.folder / f"plan-{index}.total"
        planner = plan_frames(scene_file, scene_class, look, self.folder / f"plan-{index}",
                              total, env)
        self.planners.append(planner)
        if not wait:
            return None
        if planner.wait() != 0:
            raise NnanimError(f"planning {scene_file.name} failed (exit status "
                              f"{planner.returncode}); render it with manim to see why")
        return total

    def expect(self, frames: int) -> None:
        """Take ``frames`` as the whole video's, without a planning child (a lecture knows
        its length: the plan's CPU is better spent drawing)."""
        if self.shown:
            (self.folder / "expected.total").write_text(f"{frames}\n")
            self.expected = True

    def _numbers(self, pattern: str) -> int:
        return sum(_read_number(path) for path in self.folder.glob(pattern))

    def _show(self, done: int, total: int | None) -> None:
        assert self.bar is not None
        if total:
            self.bar.total = max(total, done)
        self.bar.n = done
        self.bar.refresh()

    def _poll(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            planned = self.expected or (
                all(p.poll() is not None for p in self.planners) and self.planners)
            self._show(self._numbers("*.frames"), self._numbers("*.total") if planned else None)

    def __exit__(self, kind, error, traceback) -> None:
        for planner in self.planners:
            if planner.poll() is None:
                planner.kill()
            planner.wait()
        if self.bar is None:
            return
        self._stop.set()
        self._thread.join()
        done = self._numbers("*.frames")
        if kind is None:  # finished: every frame there is has been written
            self._show(done, done)
        self.bar.close()
