"""How much disk a lecture render takes, by quality: the figures behind a full disk's message.

    .venv/bin/python benchmarks/disk_need.py                          # softmax and linear, l and h
    .venv/bin/python benchmarks/disk_need.py softmax -q l m h k       # one lecture, every quality

For each lecture and quality, in a scratch folder: ``nnanim lecture NAME -q Q`` (trained
weights cached beforehand), then every byte left under ``./media`` -- manim's partial movie
files and each chapter's own video in ``media/lecture-parts/``, the kept chapter files, the
joined lecture and its subtitles. Nothing is deleted during a render, so this is also the most
the render had on disk at once. Prints a Markdown table with bytes per second of the video.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

from nnanim.course.lectures import LECTURES
from nnanim.command.rendering import QUALITIES


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / av.time_base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lectures", nargs="*", default=["softmax", "linear"])
    parser.add_argument("--quality", "-q", nargs="+", choices=tuple(QUALITIES), default=["l", "h"])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print("| lecture | quality | video | render | on disk | joined file | disk per second |")
    print("|---|---|---|---|---|---|---|")
    for name in args.lectures:
        lecture = LECTURES[name]
        for quality in args.quality:
            with tempfile.TemporaryDirectory() as scratch:
                work = Path(scratch)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "nnanim.command.cli", "lecture", name, "-q", quality,
                                *(["--quick"] if args.quick else [])],
                               cwd=work, check=True, capture_output=True)
                seconds = time.perf_counter() - start
                (joined,) = (work / "media" / "lectures").glob("*.mp4")
                length = video_seconds(joined)
                used = tree_bytes(work / "media")
                print(f"| {name} | {QUALITIES[quality]} | {length:.1f} s | {seconds:.0f} s "
                      f"| {used / 1e6:.1f} MB | {joined.stat().st_size / 1e6:.2f} MB "
                      f"| {used / length / 1e3:.0f} kB |", flush=True)


if __name__ == "__main__":
    main()
