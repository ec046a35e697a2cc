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
import html
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
from nnanim.palette import BACKGROUND, hex_to_rgb

from test_own_network import luminance

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "own_network.ipynb"
KERNEL = "nnanim-test"
LOW_QUALITY = (854, 480)
"""manim's ``-ql`` frame size."""
FRAME_RATE = 15
EDGE = 8
"""Pixels round the frame that no picture of the notebook's scenes reaches."""
TITLE_ROWS = 60
"""The top rows of a -ql frame, where the scenes' titles are."""
VIDEO = re.compile(r'<video\b[^>]*?\ssrc="(?P<file>[^"]+)"'  # a file (config.media_embed off)
                   r'|<video\b[^>]*>\s*<source src="(?P<data>[^"]+)"')  # the video itself
CHECK = re.compile(r"largest difference from torch (?P<difference>\S+)")
PAPER = 255 * np.array(hex_to_rgb(BACKGROUND))


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
    # Both videos are there (the run below checks each %%manim cell it finds), each at
    # manim's low quality, so a cell takes seconds, not minutes.
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
    sources = [html.unescape(found["file"] or found["data"]) for found in sources if found]
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
        last = frames[-1].astype(np.float64)
        # nnanim's light paper, not manim's black: the frame's edge (where no picture
        # reaches) is the paper's colour, to video coding.
        edge = np.concatenate([last[:EDGE], last[-EDGE:], last[:, :EDGE].swapaxes(0, 1),
                               last[:, -EDGE:].swapaxes(0, 1)], axis=1).reshape(-1, 3)
        on_paper = np.mean(np.abs(edge - PAPER).max(axis=1) <= 6)
        assert on_paper > 0.9, f"{name}: {on_paper:.0%} of the frame's edge is paper"
        # The scene's title (top right or top centre) is dark ink, readable on that paper.
        ink = luminance(last[:TITLE_ROWS].reshape(-1, 3)).min()
        paper = luminance(PAPER)
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
