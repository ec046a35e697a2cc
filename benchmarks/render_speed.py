"""Render speed: nnanim's drawing against the naive manim way, side by side in one run.

    .venv/bin/python benchmarks/render_speed.py            # warps, heatmaps, encode floor
    .venv/bin/python benchmarks/render_speed.py --flagship # + whole `manim -qh scenes/swissroll.py`

Every case renders the same 3-second picture (one tanh layer warping a grid and a point
cloud) at the same resolution and frame rate:

* ``naive``: a ``VGroup`` of ``Dot``s and a ``NumberPlane`` prepared for non-linear
  transforms, moved with ``ApplyPointwiseFunction`` (what a manim user writes first);
* ``nnanim``: ``PlaneView`` (one VMobject per class, polylines, arcs in the camera) driven by
  ``nnanim.geometry.Warp`` through the same layer;
* ``empty``: the same number of frames with nothing on screen (the floor every scene pays);
* ``heatmap static`` / ``heatmap animated``: the training window (dots and boundary redrawn
  every frame) with the probability raster painted once, or recomputed every frame;
* ``encode only``: the frames of one case, precomputed, encoded with PyAV alone.

Medians of ``--repeats`` runs (default 3) and ratios are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 3.0


def layer(seed: int = 3):
    """One fixed tanh layer (2 → 2) and its softmax output: the map every case draws."""
    from nnanim.core.model import Architecture

    rng = np.random.default_rng(seed)
    arch = Architecture.from_table([(2, "tanh")])
    W = np.array([[1.6, -0.9], [0.7, 1.3]])
    params = [(W, np.array([0.3, -0.2])), (rng.normal(size=(2, 2)), np.zeros(2))]
    return params, arch


def points(n: int) -> tuple[np.ndarray, np.ndarray]:
    from nnanim.core.data import swiss_roll

    X, y = swiss_roll(n=n, seed=1)
    return X.astype(np.float64), y


def make_scenes(n: int):
    """The benchmark scenes for ``n`` points (built here so manim is imported lazily)."""
    from manim import ApplyPointwiseFunction, Dot, NumberPlane, Scene, VGroup, linear

    from nnanim.anim.chapters.training import FIELD_SHAPE
    from nnanim.anim.films import NetworkFilm
    from nnanim.anim.layout import WINDOW, data_box
    from nnanim.anim.lecture import LectureScene
    from nnanim.anim.motion import Redraw
    from nnanim.anim.plane import PlaneView
    from nnanim.anim.player import StagePlayer
    from nnanim.geometry.boundary import decision_field
    from nnanim.palette import CLASS_COLORS

    params, arch = layer()
    X, y = points(n)
    (W, b), _ = params
    scale = 1.2

    class Empty(Scene):
        def construct(self):
            self.wait(SECONDS)

    class Naive(Scene):
        def construct(self):
            plane = NumberPlane(x_range=[-6, 6], y_range=[-4, 4])
            plane.prepare_for_nonlinear_transform()
            dots = VGroup(*[Dot([scale * px, scale * py, 0], radius=0.05, color=CLASS_COLORS[c])
                            for (px, py), c in zip(X, y)])
            self.add(plane, dots)

            def tanh_layer(p):
                h = np.tanh(W @ (p[:2] / scale) + b) * 3.0
                return np.array([h[0], h[1], 0.0])

            self.play(ApplyPointwiseFunction(tanh_layer, VGroup(plane, dots)),
                      run_time=SECONDS, rate_func=linear)

    class Nnanim(LectureScene):
        def construct(self):
            film = NetworkFilm(params, arch, X)
            player = StagePlayer(film, PlaneView(WINDOW), y, start=(0, "linear", 0.0))
            self.add(player.view)
            for stage in ("linear", "bias", "activation"):
                self.play(player.stage(0, stage, run_time=SECONDS / 3))

    def training_window(animate_heatmap: bool):
        class TrainingWindow(LectureScene):
            """Boundary and dots redrawn every frame; the heatmap too, or painted once."""

            def construct(self):
                box = data_box(X)
                view = PlaneView(WINDOW, heatmap=True)

                def draw(t: float, first: bool = False) -> None:
                    moved = [(W * (0.5 + 0.5 * t), b), params[1]]
                    field = decision_field(moved, arch, box, FIELD_SHAPE)
                    raster = field.probability if (animate_heatmap or first) else None
                    view.show(box, X, y, boundary=field.boundary, probabilities=raster)

                draw(0.0, first=True)
                self.add(view)
                self.play(Redraw(view, draw, run_time=SECONDS, rate_func=linear))

        return TrainingWindow

    return {"empty": Empty, "naive": Naive, "nnanim": Nnanim,
            "heatmap static": training_window(False), "heatmap animated": training_window(True)}


def render_seconds(scene_class, quality: str, media: str) -> tuple[float, np.ndarray | None]:
    """Wall time of one in-process render (and the last frame, for the encode-only case)."""
    from manim import tempconfig

    settings = {"quality": quality, "media_dir": media, "disable_caching": True,
                "progress_bar": "none", "verbosity": "ERROR", "write_to_movie": True}
    with tempconfig(settings):
        start = time.perf_counter()
        scene = scene_class()
        scene.render()
        elapsed = time.perf_counter() - start
        return elapsed, scene.renderer.get_frame()


def encode_only_seconds(frame: np.ndarray, quality: str, media: str) -> float:
    """PyAV alone: encode as many copies (slightly varied) of a frame as the cases render."""
    import av
    from manim import config, tempconfig

    with tempconfig({"quality": quality}):
        fps = int(config.frame_rate)
    count = int(SECONDS * fps)
    frames = [np.ascontiguousarray(np.roll(frame[..., :3], k, axis=1)) for k in range(count)]
    start = time.perf_counter()
    with av.open(os.path.join(media, "encode.mp4"), "w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height = frame.shape[1], frame.shape[0]
        stream.pix_fmt = "yuv420p"
        for array in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(array, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return time.perf_counter() - start


def flagship(quality_flag: str, media: str, extra: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "manim", quality_flag, "--media_dir", media, *extra,
                    str(ROOT / "scenes" / "swissroll.py")],
                   check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000])
    parser.add_argument("--qualities", nargs="+", default=["low_quality", "high_quality"])
    parser.add_argument("--flagship", action="store_true",
                        help="also time whole `manim -ql/-qh scenes/swissroll.py` runs")
    args = parser.parse_args()

    print(f"# Render speed ({platform.processor() or platform.machine()}, {os.cpu_count()} cores,"
          f" Python {platform.python_version()}, {args.repeats} repeats, medians in seconds)\n")
    with tempfile.TemporaryDirectory() as media:
        for quality in args.qualities:
            print(f"## {quality}, {SECONDS:g} s of video\n")
            print("| case | points | median s | ratio |")
            print("|---|---|---|---|")
            results: dict[tuple[str, int], float] = {}
            last_frame = None
            for n in args.sizes:
                for name, scene_class in make_scenes(n).items():
                    if name in ("empty", "heatmap static", "heatmap animated") and n != args.sizes[0]:
                        continue
                    times = []
                    for _ in range(args.repeats):
                        elapsed, frame = render_seconds(scene_class, quality, media)
                        times.append(elapsed)
                        if name == "nnanim":
                            last_frame = frame
                    results[(name, n)] = statistics.median(times)
            empty = results[("empty", args.sizes[0])]
            for (name, n), seconds in results.items():
                if name == "nnanim":
                    ratio = f"{results[('naive', n)] / seconds:.2f}× faster than naive"
                elif name == "heatmap animated":
                    ratio = f"{seconds / results[('heatmap static', n)]:.2f}× static"
                else:
                    ratio = f"{seconds / empty:.2f}× empty"
                print(f"| {name} | {n} | {seconds:.2f} | {ratio} |")
            scaling = results[("nnanim", args.sizes[-1])] / results[("nnanim", args.sizes[0])]
            print(f"| nnanim {args.sizes[-1]} / {args.sizes[0]} points | | | {scaling:.2f}× |")
            if last_frame is not None:
                encode = statistics.median(encode_only_seconds(last_frame, quality, media)
                                           for _ in range(args.repeats))
                print(f"| encode only (PyAV, libx264) | | {encode:.2f} | "
                      f"render/encode {results[('nnanim', args.sizes[0])] / encode:.2f}× |")
            print()
        if args.flagship:
            print("## Flagship: whole process, `manim scenes/swissroll.py` (trained weights cached)\n")
            print("| command | seconds |")
            print("|---|---|")
            flagship("-ql", media, [])  # warm the training cache and manim's tex cache
            for flag, extra in (("-ql", []), ("-qh", []), ("-qh", ["--disable_caching"])):
                seconds = flagship(flag, media, extra)
                print(f"| manim {flag} {' '.join(extra)} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
