"""The lectures as importable scene modules, one Scene class each.

They ship inside the package, so ``nnanim lecture swissroll`` renders from any folder nnanim is
installed for, and a scene of your own can build on one::

    from nnanim.lectures.softmax import Softmax

``scenes/<name>.py`` in the source checkout derives from these, so ``manim -pqh
scenes/swissroll.py`` renders the same video. Importing this package loads nothing.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def scene_file(name: str) -> Path:
    """The file manim renders for lecture (or the ``experiment`` chapter) ``name``."""
    return FOLDER / f"{name}.py"
