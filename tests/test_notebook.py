"""examples/own_network.ipynb, run the way a student runs it: top to bottom in a fresh kernel.

What the student must be able to trust: the notebook is committed clean (no outputs: small
diffs, nothing stale to mistake for their own run); it runs from any folder (here a temporary
one holding the notebook alone) without an error; each ``%%manim`` cell shows its video inline,
a 480p (``-ql``) clip of a few seconds on nnanim's light paper with readable words, the very
file manim rendered; and the notebook's own check finds the video's last stage equal to the
network's forward pass.

The kernel is this Python (``sys.executable``) through a kernel spec in a temporary folder,
with this checkout's ``nnanim`` first on its path: no user-level Jupyter install is read.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import sys
from pathlib import Path

import av
import nbformat
import numpy as np
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

import nnanim
from nnanim.palette import BACKGROUND

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "own_network.ipynb"
KERNEL = "nnanim-test"
LOW_QUALITY = (854, 480)
"""manim's ``-ql`` frame size."""
FRAME_RATE = 15
VIDEO = re.compile(r'<video\b[^>]*>.*?<source src="(?P<src>[^"]+)"', re.DOTALL)
CHECK = re.compile(r"largest difference from torch (?P<difference>\S+)")


def paper_rgb() -> np.ndarray:
    return np.array([int(BACKGROUND[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels (0..255)."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def magic_cells(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """``(index, scene name)`` of every ``%%manim`` cell."""
    return [(i, cell.source.splitlines()[0].split()[-1]) for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and cell.source.startswith("%%manim")]


def test_the_notebook_is_committed_clean():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    run = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
           and (cell.outputs or cell.execution_count is not None)]
    assert not run, (f"{NOTEBOOK.name}: cells {run} keep outputs of a run; clear them before "
                     "committing (Jupyter: Edit > Clear Outputs of All Cells, then save)")
    # The scenes render at manim's low quality, so each cell takes seconds, not minutes.
    assert [name for _, name in magic_cells(nb)] == ["Learning", "Inside"]
    for i, _ in magic_cells(nb):
        assert "-ql" in nb.cells[i].source.splitlines()[0].split(), f"cell {i}: not -ql"


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> tuple[nbformat.NotebookNode, Path]:
    """The notebook run top to bottom in a fresh kernel, in a folder holding nothing else;
    returns the notebook with its outputs and that folder."""
    base = tmp_path_factory.mktemp("notebook")
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "nnanim test", "language": "python"}))
    specs = KernelSpecManager(kernel_dirs=[str(base / "kernels")], ensure_native_kernel=False)
    # The nnanim under test, and none of nnanim's switches (quick mode, one chapter, slides)
    # that the shell running the tests may have set.
    source = str(Path(nnanim.__file__).resolve().parents[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("NNANIM_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    folder = base / "lesson"
    folder.mkdir()
    shutil.copy(NOTEBOOK, folder)
    nb = nbformat.read(folder / NOTEBOOK.name, as_version=4)
    client = NotebookClient(nb, km=AsyncKernelManager(kernel_name=KERNEL,
                                                      kernel_spec_manager=specs),
                            timeout=300, resources={"metadata": {"path": str(folder)}})
    client.execute(env=env)  # a cell that raises raises here, with its traceback
    return nb, folder


def shown_video(cell: nbformat.NotebookNode, folder: Path) -> bytes:
    """The bytes of the one video the cell shows (embedded, or a file beside the notebook)."""
    sources = [VIDEO.search(output.get("data", {}).get("text/html", ""))
               for output in cell.outputs if output.output_type == "display_data"]
    sources = [found["src"] for found in sources if found]
    assert len(sources) == 1, f"{len(sources)} inline videos shown, not 1"
    src = sources[0]
    if src.startswith("data:video/mp4;base64,"):
        return base64.b64decode(src.split(",", 1)[1])
    shown = folder / src
    assert shown.is_file(), f"the video shown, {src}, is not there"
    return shown.read_bytes()


@pytest.mark.slow
@pytest.mark.xdist_group("notebook")
def test_every_cell_runs_and_each_scene_shows_its_video_inline(executed):
    nb, folder = executed
    errors = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              and any(output.output_type == "error" for output in cell.outputs)]
    assert not errors, f"cells {errors} raised"
    for index, name in magic_cells(nb):
        rendered = list((folder / "media" / "videos").glob(f"*/480p{FRAME_RATE}/{name}.mp4"))
        assert len(rendered) == 1, f"{name}: rendered {rendered}"
        shown = shown_video(nb.cells[index], folder)
        assert shown == rendered[0].read_bytes(), f"{name}: the video shown is not the render"
        with av.open(str(rendered[0])) as container:
            stream = container.streams.video[0]
            size = (stream.codec_context.width, stream.codec_context.height)
            seconds = container.duration / av.time_base
            frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(stream)]
        assert size == LOW_QUALITY, f"{name}: {size}, not -ql's {LOW_QUALITY}"
        assert 2.0 < seconds < 60.0, f"{name}: {seconds:.1f} s"
        assert len(frames) == pytest.approx(seconds * FRAME_RATE, abs=1)
        last = frames[-1].reshape(-1, 3).astype(np.float64)
        # nnanim's light paper, not manim's black: most of the frame is the paper's colour.
        on_paper = np.abs(last - paper_rgb()).max(axis=1) <= 6
        assert on_paper.mean() > 0.4, f"{name}: {on_paper.mean():.0%} of the frame is paper"
        # The scene's title (top right or top centre) is dark ink, readable on that paper.
        top = frames[-1][:60].reshape(-1, 3)
        ink = luminance(top).min()
        paper = luminance(paper_rgb())
        assert (paper + 0.05) / (ink + 0.05) >= 7.0, f"{name}: the title has no dark ink"


@pytest.mark.slow
@pytest.mark.xdist_group("notebook")
def test_the_notebook_finds_the_videos_end_is_the_networks_forward_pass(executed):
    nb, _ = executed
    printed = ["".join(output.get("text", "") for output in cell.outputs
                       if output.output_type == "stream" and output.name == "stdout")
               for cell in nb.cells if cell.cell_type == "code"]
    found = [CHECK.search(text) for text in printed if CHECK.search(text)]
    assert len(found) == 1, "the notebook no longer checks its video against torch"
    assert float(found[0]["difference"]) < 1e-5
    trained = [re.search(r"accuracy (\d+)%", text) for text in printed]
    accuracy = [int(match[1]) for match in trained if match]
    assert accuracy and accuracy[0] >= 95, f"the network learned the moons to {accuracy}%"
