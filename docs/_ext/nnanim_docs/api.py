"""The API page: one entry per public name (``nnanim.__all__``), from its docstring.

``.. nnanim-public-api::`` writes an autodoc entry for each name, so a name added to
``__all__`` is on the page at the next build. A public name without a docstring, or whose
docstring shows no example (a ``>>>`` session or a ``::`` code block), is a warning: with
``-W`` (``nnanim docs`` and the test) the build fails, because a teacher reads these entries
to write a scene and copies the examples.

``.. nnanim-torch-refusals::`` hands a few networks nnanim cannot draw to
``network_from_torch`` and prints the line it answers each with.
"""

from __future__ import annotations

import inspect

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import nnanim

from nnanim_docs import shown

log = logging.getLogger(__name__)

MACHINERY = ("setup", "tear_down", "play", "render", "begin_animations", "update_to_time",
             "settle_finished_fades", "video_time")
"""``LectureScene``'s overrides of manim's own ``Scene`` steps, and the clock of its subtitles:
manim calls them, a scene never does, so they stay off a page written for people writing
scenes."""


def public_names() -> list[str]:
    """The names ``import nnanim`` offers a scene, in ``__all__``'s order (not the version)."""
    return [name for name in nnanim.__all__ if not name.startswith("__")]


def has_example(doc: str) -> bool:
    return ">>>" in doc or "::\n" in doc


def entry_rst(name: str, value: object) -> str:
    if inspect.isclass(value) and issubclass(value, BaseException):
        return f".. autoexception:: nnanim.{name}\n"
    if inspect.isclass(value):
        return (f".. autoclass:: nnanim.{name}\n   :members:\n   :show-inheritance:\n"
                f"   :exclude-members: {', '.join(MACHINERY)}\n")
    return f".. autofunction:: nnanim.{name}\n"


class PublicApiDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        parts = []
        for name in public_names():
            value = getattr(nnanim, name)
            # Its own docstring: getdoc would lend it one from a base class (ValueError's).
            doc = inspect.cleandoc(getattr(value, "__doc__", None) or "")
            if not doc.strip():
                log.warning("nnanim.%s has no docstring: the API page has nothing to say about "
                            "it", name, location=self.get_location())
            elif not has_example(doc):
                log.warning("nnanim.%s: its docstring shows no example (a >>> session or a :: "
                            "block)", name, location=self.get_location())
            parts += [name, "-" * len(name), "", entry_rst(name, value)]
        return self.parse_text_to_nodes("\n".join(parts), allow_section_headings=True)


REFUSED = (
    "nn.Sequential(nn.Linear(2, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Linear(8, 2))",
    "nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))",
    "nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 4))",
    "nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(6, 2))",
)
"""Networks nnanim cannot draw, as a teacher would write them."""


def refusals_rst() -> str:
    import torch

    parts = []
    for source in REFUSED:
        network = eval(source, {"nn": torch.nn})  # the page's own fixed examples above
        try:
            nnanim.network_from_torch(network)
        except nnanim.NnanimError as err:
            answer = f"nnanim.errors.NnanimError: {err}"
        else:
            raise nnanim.NnanimError(f"network_from_torch accepted {source}")
        parts += [".. code-block:: python", "", f"   network = {source}", "",
                  ".. code-block:: text", "   :class: nnanim-message", "", f"   {answer}", ""]
    return "\n".join(parts)


class TorchRefusalsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        try:
            return self.parse_text_to_nodes(refusals_rst())
        except nnanim.NnanimError as err:
            log.warning("nnanim-torch-refusals: %s", err, location=self.get_location())
            return []


def register(app: Sphinx) -> None:
    app.add_directive("nnanim-public-api", PublicApiDirective)
    app.add_directive("nnanim-torch-refusals", TorchRefusalsDirective)
