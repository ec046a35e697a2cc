"""The teacher's edit loop, and a lecture against the limits of one process and of the machine.

    .venv/bin/python benchmarks/edit_loop.py edit                      # swissroll at -qh
    .venv/bin/python benchmarks/edit_loop.py edit --lecture donut -q m --repeats 3
    .venv/bin/python benchmarks/edit_loop.py edit --lecture donut -q l --via nnanim
    .venv/bin/python benchmarks/edit_loop.py lecture                   # swissroll at -qh

``edit`` copies the checkout's ``nnanim/``, ``scenes/`` and ``manim.cfg`` into a temporary
folder and renders the lecture there the way a teacher does, ``manim -q<Q> scenes/<name>.py``
with manim's cache on: a full render (the cache empty), the same command again with nothing
changed, then after editing one caption (a new wording of a sentence one chapter shows, in
``course/captions.py``), then after editing one pause (the title card's, in
``anim/chapters/title.py``). Each edit is repeated ``--repeats`` times with a new value each
time, so every run really has one thing changed. Every figure is a whole process: wall time
and the CPU time of the process and its children. ``--via nnanim`` runs the same loop through
``nnanim lecture <name> -q <Q>`` (chapter by chapter, each chapter reused when its pictures
did not change).

``lecture`` renders ``nnanim lecture <name> -q <Q>`` (its cache emptied first) and
``manim -q<Q> --disable_caching`` of the same scene file, alternately, ``--repeats`` times
each; then re-encodes the lecture's own frames with the render's own encoder settings (the
shipped ``manim.cfg``: x264 veryfast, one thread; crf 23), timing only the encoder: the limit
of one process that must encode every frame (with x264 choosing its threads, and with the
render's one thread). ``encode --video V`` measures only that, for a video already made. The
machine's limit is the CPU time the render needs divided by the cores.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAPTION = ("verdict_slow", "course/captions.py")
"""The caption edited: the sentence under E3's accuracy (shown once in the flagship)."""
PAUSE = ("    scene.pause(2.0)\n", "anim/chapters/title.py")
"""The pause edited: how long the title card stays (the title chapter of every lecture)."""


def timed(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[float, float]:
    """Run ``command``; its wall time and the CPU time (user + system) it and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    with open(log, "a") as handle:
        subprocess.run(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT,
                       check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def copy_checkout(target: Path) -> Path:
    for name in ("nnanim", "scenes"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manim.cfg", target / "manim.cfg")
    return target


def edit_caption(tree: Path, round_: int) -> None:
    """Reword the English caption ``CAPTION`` (a new wording each round)."""
    key, name = CAPTION
    path = tree / "nnanim" / name
    text = path.read_text()
    pattern = re.compile(rf'("{key}": ")([^"]*?)( \(\d+\))?(")')
    new, count = pattern.subn(lambda m: f"{m.group(1)}{m.group(2)} ({round_}){m.group(4)}",
                              text, count=1)
    assert count == 1, f"{key} not found in {path}"
    path.write_text(new)


def edit_pause(tree: Path, round_: int) -> None:
    """Make the title card's pause a tenth of a second longer each round."""
    line, name = PAUSE
    path = tree / "nnanim" / name
    text = path.read_text()
    found = re.search(r"    scene\.pause\(([\d.]+)\)\n", text)
    assert found, f"no pause in {path}"
    seconds = float(found.group(1)) + 0.1
    path.write_text(text[:found.start()] + f"    scene.pause({seconds:.1f})\n" + text[found.end():])


def edit_loop(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="nnanim-edit-"))
    tree = copy_checkout(work / "tree")
    scene = f"scenes/{args.lecture}.py"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    log = work / "manim.log"
    if args.via == "nnanim":
        command = [sys.executable, "-m", "nnanim.command.cli", "lecture", args.lecture,
                   "-q", args.quality]
        cwd = work
    else:
        command = [sys.executable, "-m", "manim", f"-q{args.quality}", "--media_dir",
                   str(work / "media"), "--progress_bar", "none", "-v", "INFO", scene]
        cwd = tree

    def run(label: str) -> tuple[float, float]:
        wall, cpu = timed(command, cwd, env, log)
        print(f"{label:18s} wall {wall:7.1f} s   cpu {cpu:7.1f} s", flush=True)
        return wall, cpu

    full = run("full (cache empty)")
    figures: dict[str, list[tuple[float, float]]] = {"unchanged": [], "caption": [], "pause": []}
    for round_ in range(1, args.repeats + 1):
        figures["unchanged"].append(run("unchanged"))
        edit_caption(tree, round_)
        figures["caption"].append(run("one caption"))
        edit_pause(tree, round_)
        figures["pause"].append(run("one pause"))
    print(f"\n{args.lecture} -q{args.quality} via {args.via}: full {full[0]:.1f} s wall, "
          f"{full[1]:.1f} s cpu")
    for name, runs in figures.items():
        walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"{name:10s} median {wall:6.1f} s wall ({100 * wall / full[0]:4.1f} % of full), "
              f"{cpu:6.1f} s cpu ({100 * cpu / full[1]:4.1f} %); "
              f"runs {', '.join(f'{w:.1f}' for w in walls)} s")
    print(f"(work folder, with manim's log: {work})")


def encoder_options() -> dict[str, str]:
    """x264's options as a lecture render gives them: manim's default crf and the shipped
    ``manim.cfg``'s ``[video_encoder.options]``."""
    import configparser

    from nnanim.command.rendering import manim_config

    parser = configparser.ConfigParser()
    parser.read(manim_config())
    return {"crf": "23", **dict(parser.items("video_encoder.options"))}


def encode_only(video: Path, options: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU seconds x264 alone takes for every frame of ``video`` with ``options``
    (decoding not counted): the frames handed over as a render hands them, RGBA arrays."""
    import av

    source = av.open(str(video))
    stream = source.streams.video[0]
    target = av.open(os.devnull, mode="w", format="mp4")
    out = target.add_stream("libx264", rate=stream.average_rate, options=options)
    out.width, out.height, out.pix_fmt = stream.width, stream.height, "yuv420p"
    spent, cpu, frames = 0.0, 0.0, 0

    def timed_encode(frame) -> None:
        nonlocal spent, cpu
        began, began_cpu = time.perf_counter(), time.process_time()
        for packet in out.encode(frame):
            target.mux(packet)
        spent += time.perf_counter() - began
        cpu += time.process_time() - began_cpu

    for frame in source.decode(stream):
        pixels = frame.to_ndarray(format="rgba")
        timed_encode(av.VideoFrame.from_ndarray(pixels, format="rgba"))
        frames += 1
    timed_encode(None)
    target.close()
    source.close()
    return spent, cpu, frames


def encode_limits(video: Path) -> float:
    """Print what encoding ``video``'s frames alone costs, with x264's own thread count (the
    fastest one process can encode them) and with the render's settings (one thread); return
    the first's wall time."""
    fastest = {**encoder_options(), "threads": "0"}  # 0: x264 chooses (three on 2 cores)
    limit, limit_cpu, frames = encode_only(video, fastest)
    print(f"\nencoding the lecture's own {frames} frames alone, x264 choosing its threads: "
          f"{limit:.1f} s wall, {limit_cpu:.1f} s CPU")
    wall, cpu, _ = encode_only(video, encoder_options())
    print(f"the same with the render's settings {encoder_options()}: {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU")
    return limit


def encode(args: argparse.Namespace) -> None:
    encode_limits(Path(args.video))


def lecture(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="nnanim-lecture-"))
    tree = copy_checkout(work / "tree")  # the checkout may change while this runs
    env = {**os.environ, "PYTHONPATH": str(tree)}
    log = work / "runs.log"
    ours = [sys.executable, "-m", "nnanim.command.cli", "lecture", args.lecture, "-q", args.quality]
    if args.jobs:
        ours += ["--jobs", str(args.jobs)]
    scene = tree / "scenes" / f"{args.lecture}.py"
    manims = [sys.executable, "-m", "manim", f"-q{args.quality}", "--disable_caching",
              "--media_dir", str(work / "manim-media"), "--progress_bar", "none", str(scene)]
    results: dict[str, list[tuple[float, float]]] = {"nnanim lecture": [], "manim": []}
    for _ in range(args.repeats):
        for made in ("lecture-parts", "lectures"):  # manim's cache, and the finished chapters
            shutil.rmtree(work / "media" / made, ignore_errors=True)
        results["nnanim lecture"].append(timed(ours, work, env, log))
        print("nnanim lecture  wall %.1f s  cpu %.1f s" % results["nnanim lecture"][-1], flush=True)
        results["manim"].append(timed(manims, tree, env, log))
        print("manim           wall %.1f s  cpu %.1f s" % results["manim"][-1], flush=True)
    video = next((work / "media" / "lectures").glob(f"{args.lecture}-*.mp4"))
    encode = encode_limits(video)
    cores = os.cpu_count() or 1
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:15s} median wall {wall:6.1f} s, cpu {cpu:6.1f} s: "
              f"{wall / encode:.2f}x the encode-only time, "
              f"{wall / (cpu / cores):.2f}x its CPU over {cores} cores")
    print(f"(work folder: {work})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("edit", "lecture", "encode"))
    parser.add_argument("--video", help="encode: the video whose frames to encode again")
    parser.add_argument("--lecture", default="swissroll")
    parser.add_argument("-q", "--quality", default="h", choices=("l", "m", "h"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--via", default="manim", choices=("manim", "nnanim"),
                        help="edit: render with manim on the scene file, or nnanim lecture")
    args = parser.parse_args()
    {"edit": edit_loop, "lecture": lecture, "encode": encode}[args.what](args)


if __name__ == "__main__":
    main()
