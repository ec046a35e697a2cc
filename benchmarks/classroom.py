"""Every lecture through the classroom commands: render time, subtitle cues, slide deck size.

    .venv/bin/python benchmarks/classroom.py                 # -q l, every lecture
    .venv/bin/python benchmarks/classroom.py -q h swissroll  # one lecture at 1080p60

For each lecture, in a scratch folder: ``nnanim lecture NAME`` (wall time of the whole command,
trained weights cached beforehand), the number of subtitle cues it wrote, then
``nnanim slides NAME`` (wall time, number of slides, size of the one HTML file). Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import srt

from nnanim.course.lectures import LECTURES
from nnanim.command.rendering import QUALITIES


def timed(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nnanim.command.cli", *args], cwd=cwd, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lectures", nargs="*", default=list(LECTURES))
    parser.add_argument("--quality", "-q", choices=tuple(QUALITIES), default="l")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    args = parser.parse_args()
    folder = QUALITIES[args.quality]
    print(f"| lecture | video | `nnanim lecture -q {args.quality}` | subtitle cues "
          f"| `nnanim slides -q {args.quality}` | slides | HTML deck |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for name in args.lectures:
            lecture = LECTURES[name]
            seconds = timed("lecture", name, "-q", args.quality, "-j", str(args.jobs), cwd=work)
            cues = work / "media" / "lectures" / f"{name}-{folder}.en.srt"
            count = len(list(srt.parse(cues.read_text(encoding="utf-8"))))
            slides_seconds = timed("slides", name, "-q", args.quality, cwd=work)
            html = work / "media" / "slides" / f"{name}-{folder}.html"
            deck = html.with_suffix("") / "slides" / f"{lecture.scene_class}.json"
            slides = deck.read_text(encoding="utf-8").count('"file":')
            print(f"| {name} | {lecture.length} | {seconds:.0f} s | {count} | "
                  f"{slides_seconds:.0f} s | {slides} | {html.stat().st_size / 1e6:.1f} MB |",
                  flush=True)


if __name__ == "__main__":
    main()
