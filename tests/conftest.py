"""Shared test setup: a private trajectory cache, and manim's graphical-test options."""

import os
import tempfile

import manim.utils.testing.frames_comparison as frames_comparison
from hypothesis import settings

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
