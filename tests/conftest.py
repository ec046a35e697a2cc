"""Shared test setup: a private trajectory cache, manim's graphical-test options, private mounts."""

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import manim.utils.testing.frames_comparison as frames_comparison
import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# manim skips every frames_comparison test on cairo < 1.18; Debian 12 ships 1.16, and our
# control frames are made with it, so compare for real.
frames_comparison.MIN_CAIRO_VERSION = 0

# In CI every run tries the same generated inputs, so a red build is reproducible.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Presets trained by one test are reused by the next, without touching the user's cache.
os.environ.setdefault("NNANIM_CACHE_DIR", tempfile.mkdtemp(prefix="nnanim-test-cache-"))


def pytest_addoption(parser):
    parser.addoption("--set_test", action="store_true", default=False,
                     help="write the control frames of the graphical tests instead of comparing")
    parser.addoption("--show_diff", action="store_true", default=False,
                     help="show a picture of the difference when a graphical test fails")


def _mount_namespaces_allowed() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.fixture
def private_mount():
    """Run Python code in a process with its own mounts: a read-only or a nearly full folder.

    Tests run as root here, and root ignores permission bits, so a real read-only (or full)
    file system is the honest way to see what a user with one sees. Skipped where the system
    does not allow private mounts.
    """
    if not _mount_namespaces_allowed():
        pytest.skip("mount namespaces (unshare --mount) are not allowed here")

    def run(mounts: str, code: str, **env: str) -> subprocess.CompletedProcess:
        """Run ``mounts`` (shell), then ``code``; the result's stdout is what the code prints."""
        script = f"{mounts} && exec {shlex.quote(sys.executable)} -c {shlex.quote(code)}"
        return subprocess.run(
            ["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        )

    return run
