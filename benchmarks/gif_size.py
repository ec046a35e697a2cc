"""GIF size and timing of the E1 chapter at the GIF default (480p15), as `nnanim render` makes it.

    python benchmarks/gif_size.py   # renders E1 (about a minute), then builds and measures the GIF
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
from PIL import Image

from nnanim.outputs.gif import write_gif

with tempfile.TemporaryDirectory() as folder:
    work = Path(folder)
    subprocess.run([sys.executable, "-m", "nnanim.command.cli", "render", "E1", "--quality", "l"],
                   cwd=work, check=True, capture_output=True)
    video = work / "media/videos/experiment/480p15/E1.mp4"
    with av.open(str(video)) as container:
        frames = sum(1 for _ in container.decode(video=0))
    start = time.perf_counter()
    write_gif(video, work / "E1.gif")
    seconds = time.perf_counter() - start
    with Image.open(work / "E1.gif") as gif:
        stored, length = gif.n_frames, 0
        for i in range(stored):
            gif.seek(i)
            length += gif.info["duration"]
    size = (work / "E1.gif").stat().st_size
    print(f"E1 480p15: video {frames} frames = {frames / 15:.3f} s; GIF {size / 1e6:.2f} MB, "
          f"{stored} frames stored, plays {length / 1000:.2f} s; built in {seconds:.1f} s")
