"""Who a 1080p render waits for: the drawing thread or the video encoder.

    .venv/bin/python benchmarks/encoder_share.py              # the swiss roll's E3 chapter
    .venv/bin/python benchmarks/encoder_share.py --chapter E5 --repeats 3

One chapter of ``scenes/swissroll.py`` (``$NNANIM_CHAPTER``) is rendered with ``-qh`` in a
child process that reports its wall time, the CPU time of the drawing (main) thread, the CPU
time of everything else (the encoder threads: PyAV's RGBA to YUV conversion and x264), and how
long the drawing thread stood waiting for the encoder: on a full frame queue, and for each
partial movie to finish before the next animation starts (manim's ``max_inflight_encoders``).
Then an empty scene with as many frames, the floor of ``flagship_floor.py``. Trained weights
should be cached (render the lecture once first).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from flagship_floor import EMPTY_SCENE, frames_of  # the same floor, the same video

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import atexit, json, resource, sys, time
from manim.scene import scene_file_writer as writer

waits = {"queue_full_s": 0.0, "drain_s": 0.0, "drains": 0}

def timed(name, key, count=None):
    original = getattr(writer._PartialMovieEncodeJob, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            waits[key] += time.perf_counter() - start
            if count:
                waits[count] += 1
    setattr(writer._PartialMovieEncodeJob, name, wrapper)

timed("put", "queue_full_s")
timed("join", "drain_s", "drains")
start = time.perf_counter()

@atexit.register
def report():
    main = resource.getrusage(resource.RUSAGE_THREAD)
    every = resource.getrusage(resource.RUSAGE_SELF)
    main_cpu = main.ru_utime + main.ru_stime
    print("ENCODER_SHARE " + json.dumps({
        "wall_s": time.perf_counter() - start, "drawing_cpu_s": main_cpu,
        "encoder_cpu_s": every.ru_utime + every.ru_stime - main_cpu, **waits}), file=sys.stderr)

from manim.__main__ import main
sys.argv = ["manim"] + sys.argv[1:]
main()
"""

def measure(media: Path, scene_file: Path, scene: str, chapter: str) -> dict[str, float]:
    env = {**os.environ, "NNANIM_QUICK": "0", "NNANIM_CHAPTER": chapter}
    command = [sys.executable, "-c", CHILD, "-qh", "--disable_caching", "--progress_bar", "none",
               "--media_dir", str(media), str(scene_file), scene]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    lines = [line for line in done.stderr.splitlines() if line.startswith("ENCODER_SHARE ")]
    if done.returncode != 0 or not lines:
        sys.exit(f"manim failed ({scene_file.name}):\n{done.stderr[-2000:]}")
    return json.loads(lines[-1].split(" ", 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="E3", help="a chapter of the swiss-roll lecture")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"chapter": [], "floor": []}
    with tempfile.TemporaryDirectory() as work:
        for repeat in range(args.repeats):
            media = Path(work) / f"chapter{repeat}"
            runs["chapter"].append(measure(media, ROOT / "scenes" / "swissroll.py", "SwissRoll",
                                           args.chapter))
            frames, _ = frames_of(media)
            empty = Path(work) / "empty.py"
            empty.write_text(EMPTY_SCENE.format(seconds=frames / 60))
            runs["floor"].append(measure(Path(work) / f"floor{repeat}", empty, "Empty",
                                         args.chapter))
    print(f"{args.chapter}: {frames} frames at 1080p60, median of {args.repeats}")
    print("| run | wall | drawing thread CPU | encoder CPU | waits on a full queue "
          "| waits for drains |")
    print("|---|---|---|---|---|---|")
    for name, results in runs.items():
        value = {key: statistics.median(r[key] for r in results) for key in results[0]}
        print(f"| {name} | {value['wall_s']:.1f} s | {value['drawing_cpu_s']:.1f} s "
              f"| {value['encoder_cpu_s']:.1f} s | {value['queue_full_s']:.1f} s "
              f"| {value['drain_s']:.1f} s ({value['drains']:.0f}) |")


if __name__ == "__main__":
    main()
