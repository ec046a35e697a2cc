"""Where the time of `manim scenes/swissroll.py` goes, grouped by what the work is for.

    .venv/bin/python benchmarks/profile_flagship.py            # -ql (480p15)
    .venv/bin/python benchmarks/profile_flagship.py --quality h

Runs the whole lecture under cProfile (the trained weights should already be cached: run the
scene once first) and sums the *own* time of every function into buckets: nnanim's geometry,
building paths/mobjects, cairo drawing, raster painting, video encoding, manim's caching/hashing,
text and LaTeX. Encoding runs in a writer thread, so its share is reported from the main
thread's waits on it.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUCKETS = (
    ("video encoding (waiting on the writer)", ("scene_file_writer", "av/", "_thread.lock", "acquire")),
    ("manim caching / hashing", ("hashing.py", "get_hash_from_play_call")),
    ("text and LaTeX", ("text_mobject", "tex_mobject", "svg_mobject", "manimpango", "svgelements")),
    ("cairo drawing", ("cairo.Context", "camera.py")),
    ("raster painting", ("nnanim/anim/raster.py", "PIL", "Image")),
    ("nnanim geometry", ("nnanim/geometry", "nnanim/core/model.py", "nnanim/core/trajectory.py", "contourpy", "scipy")),
    ("building points (nnanim/anim)", ("nnanim/anim",)),
    ("manim mobjects and animations", ("manim/mobject", "manim/animation", "manim/scene", "manim/utils")),
    ("copying mobjects (deepcopy)", ("copy.py", "__deepcopy__")),
    ("training (torch)", ("torch",)),
    ("imports", ("<frozen", "importlib", "marshal")),
    ("numpy", ("numpy",)),
)


def bucket_of(filename: str, function: str) -> str:
    where = f"{filename}:{function}"
    for name, needles in BUCKETS:
        if any(needle in where for needle in needles):
            return name
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="l", choices=["l", "m", "h"])
    args = parser.parse_args()
    from manim.__main__ import main as manim_main

    with tempfile.TemporaryDirectory() as media:
        sys.argv = ["manim", f"-q{args.quality}", "--media_dir", media, "--disable_caching",
                    "--progress_bar", "none", str(ROOT / "scenes" / "swissroll.py")]
        profiler = cProfile.Profile()
        try:
            profiler.runcall(manim_main, standalone_mode=False)
        finally:
            stats = pstats.Stats(profiler)
    totals: dict[str, float] = {}
    unsorted: list[tuple[float, str]] = []
    for (filename, line, function), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        name = bucket_of(filename, function)
        totals[name] = totals.get(name, 0.0) + own
        if name == "other":
            unsorted.append((own, f"{filename}:{line}({function})"))
    whole = sum(totals.values())
    print(f"# Profile of `manim -q{args.quality} scenes/swissroll.py` ({whole:.1f} s profiled)\n")
    print("| where | seconds | share |")
    print("|---|---|---|")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds:.1f} | {100 * seconds / whole:.0f} % |")
    print("\nlargest parts of 'other':")
    for own, where in sorted(unsorted, reverse=True)[:6]:
        print(f"  {own:6.1f} s  {where}")


if __name__ == "__main__":
    main()
