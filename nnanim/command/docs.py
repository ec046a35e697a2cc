"""``nnanim docs``: build the documentation site of the source checkout with Sphinx.

The pages live in ``docs/`` beside the package (a wheel has none, like the scene files). The
build treats every warning as an error -- a public name without a docstring, a lecture whose
render kept no picture, a broken page -- so what it writes is the whole site or nothing to
trust. Sphinx is imported only here: the ``docs`` extra installs it, and the rest of the
command never needs it.
"""

from __future__ import annotations

from pathlib import Path

import nnanim
from nnanim.errors import NnanimError


def checkout_root() -> Path:
    """The folder holding the nnanim package: the source checkout, for an editable install."""
    return Path(nnanim.__file__).resolve().parents[1]


def docs_dir() -> Path:
    """``docs/`` of the source checkout nnanim runs from."""
    root = checkout_root()
    if not (root / "docs" / "conf.py").is_file():
        raise NnanimError("docs: this nnanim is installed without its documentation's sources; "
                          "build it from nnanim's source checkout (git clone it, then pip "
                          "install -e \".[docs]\" inside it)")
    return root / "docs"


def sphinx_arguments(source: Path, out: Path, pictures: bool) -> list[str]:
    """Sphinx's command line: HTML, warnings as errors (all of them reported, not the first)."""
    return ["-W", "--keep-going", "-b", "html", "-D", f"nnanim_pictures={int(pictures)}",
            str(source), str(out)]


def build_docs(out: Path | None = None, pictures: bool = True) -> Path:
    """Build the site into ``out`` (default ``docs/_build/html``); return its ``index.html``.

    With ``pictures`` the lectures' frames are rendered first (minutes the first time, kept in
    ``docs/_build/pictures`` until nnanim changes); without, a note stands in their place.
    """
    source = docs_dir()
    try:
        from sphinx.cmd.build import build_main
        import furo  # noqa: F401  (the theme conf.py names)
    except ImportError as missing:
        package = (missing.name or "sphinx").partition(".")[0]
        raise NnanimError(f"docs: {package} is not installed; install the docs extra: "
                          f"pip install -e \".[docs]\"") from None
    out = (out or source / "_build" / "html").resolve()
    if build_main(sphinx_arguments(source, out, pictures)) != 0:
        raise NnanimError("docs: the build stopped; Sphinx named the problems above")
    return out / "index.html"
