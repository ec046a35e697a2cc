"""The README's quick start, ``bash quickstart.sh lecture``, as a person runs it on a terminal.

Run in a folder of its own (its files linked to this checkout) so that its ``media/`` stays
out of the checkout, once the quick start's install is done here: the same script then skips
every install step. It must never install anything from a test: ``apt-get`` is stubbed.
"""

import hashlib
import os
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MANIM_LOG = ("Manim Community", "INFO", "File ready", "Rendered", "Animation 0", "Writing")
"""What manim writes to a terminal when it is not kept quiet."""


def installed_here() -> bool:
    """``bash quickstart.sh test`` (or ``lecture``) installed the current pyproject.toml."""
    stamp = ROOT / ".venv" / ".nnanim-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return stamp.is_file() and stamp.read_text().strip() == wanted


def stub(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def screen(output: bytes) -> tuple[list[str], list[str]]:
    """What stays on a terminal (each line as its last redraw left it), and every text a
    line showed on the way (a progress bar redraws its line in place with a carriage return)."""
    raw = output.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    drawn = [segment for line in raw for segment in line.split("\r") if segment.strip()]
    kept = [line.split("\r")[-1] for line in raw if line.split("\r")[-1].strip()]
    return kept, drawn


@pytest.mark.slow
def test_the_quick_start_lecture_shows_one_bar_writes_the_lecture_and_opens_it(tmp_path):
    if not installed_here():
        pytest.skip("the quick start has not installed .venv in this checkout "
                    "(bash quickstart.sh test does it)")
    checkout, stubs = tmp_path / "checkout", tmp_path / "bin"
    checkout.mkdir()
    stubs.mkdir()
    for name in ("quickstart.sh", "pyproject.toml", ".venv"):
        (checkout / name).symlink_to(ROOT / name)
    stub(stubs, "apt-get", f'touch {tmp_path / "apt-get-called"}; exit 1')
    stub(stubs, "xdg-open", f'echo "$1" >> {tmp_path / "opened"}')
    # script(1) gives it a terminal 100 columns wide, as a person has: where the bar shows.
    command = (f"stty cols 100 rows 40; "
               f"bash {shlex.quote(str(checkout / 'quickstart.sh'))} lecture -q l --quick")
    result = subprocess.run(
        ["script", "-qefc", command, "/dev/null"], cwd=tmp_path, capture_output=True,
        timeout=900, env={**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}", "DISPLAY": ":0"})
    if (tmp_path / "apt-get-called").exists():
        pytest.skip("system packages of the quick start are missing here")
    kept, drawn = screen(result.stdout)
    assert result.returncode == 0, kept[-30:]

    assert not [text for text in drawn if any(word in text for word in MANIM_LOG)], drawn
    assert len(kept) <= 20, kept  # manim's own log was about 1,000 lines
    bar = [text for text in drawn if text.startswith("rendering:")]
    assert any("100%" in text and "frame" in text for text in bar), drawn  # one bar, to the end
    assert not [text for text in kept if text.startswith("rendering:")], kept  # redrawn in place
    video = checkout / "media" / "lectures" / "swissroll-quick-480p15.mp4"
    assert kept[-1] == f"nnanim: wrote {video}"
    assert video.stat().st_size > 100_000
    for lang in ("en", "ja"):
        for suffix in ("srt", "vtt"):
            assert video.with_name(f"{video.stem}.{lang}.{suffix}").stat().st_size > 1000
    assert (tmp_path / "opened").read_text() == f"{video}\n"  # in the desktop's player
