"""The flagship lecture's render time against the empty-frame floor, for one or more checkouts.

    .venv/bin/python benchmarks/flagship_floor.py                       # this checkout
    .venv/bin/python benchmarks/flagship_floor.py --tree /tmp/before .  # before and after

For every tree, in one command (so both see the same machine): ``manim -qh --disable_caching
scenes/swissroll.py`` as a whole process (trained weights cached beforehand), then an empty
scene with exactly as many 1080p60 frames (what any scene pays to encode its frames). The
ratio render / floor is the figure to compare; the trees are rendered alternately, so a busy
machine slows both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

EMPTY_SCENE = """
from manim import Scene, config

class Empty(Scene):
    def construct(self):
        self.wait({seconds!r})
"""


def render(tree: Path, scene_file: Path, media: Path, scene: str | None = None) -> float:
    """Wall time of one whole ``manim -qh`` process run with ``tree`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(tree), "NNANIM_QUICK": "0"}
    command = [sys.executable, "-m", "manim", "-qh", "--disable_caching", "--progress_bar",
               "none", "--media_dir", str(media), str(scene_file)]
    if scene:
        command.append(scene)
    start = time.perf_counter()
    subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def frames_of(media: Path) -> tuple[int, float]:
    video = next(media.glob("videos/swissroll/1080p60/*.mp4"))
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return stream.frames, float(container.duration / av.time_base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append",
                        help="a checkout to measure (repeat for several; default: this one)")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    trees = [t.resolve() for t in (args.tree or [Path(__file__).resolve().parents[1]])]
    results: dict[Path, dict[str, list[float]]] = {t: {"render": [], "floor": []} for t in trees}
    facts = {}
    with tempfile.TemporaryDirectory() as work:
        for repeat in range(args.repeats):
            for index, tree in enumerate(trees):
                media = Path(work) / f"{index}-{repeat}"
                results[tree]["render"].append(render(tree, tree / "scenes" / "swissroll.py",
                                                      media))
                frames, seconds = frames_of(media)
                facts[tree] = (frames, seconds)
                empty = Path(work) / f"empty{index}.py"
                empty.write_text(EMPTY_SCENE.format(seconds=frames / 60))
                results[tree]["floor"].append(render(tree, empty, media / "empty", "Empty"))
    print("| tree | video | frames | render | empty-frame floor | render / floor |")
    print("|---|---|---|---|---|---|")
    for tree in trees:
        frames, seconds = facts[tree]
        rendered = statistics.median(results[tree]["render"])
        floor = statistics.median(results[tree]["floor"])
        print(f"| {tree} | {seconds:.0f} s | {frames} | {rendered:.0f} s | {floor:.0f} s "
              f"| **{rendered / floor:.2f}×** |")


if __name__ == "__main__":
    main()
