"""The experiment-file page's tables and error messages, from the reader itself.

* ``.. nnanim-keys:: SECTION`` tables the keys one part of a TOML file accepts. The keys (and
  their defaults, where the code has them) come from ``nnanim.core.experiment_file``; the
  page's content gives one line ``key: what it means`` per key. A key the reader accepts that
  the page does not explain, or one it explains that the reader refuses, is a warning (an
  error with ``-W``): the page and the reader cannot disagree.
* ``.. nnanim-generators::`` tables every data generator with its shape knobs and defaults.
* ``.. nnanim-error-examples::`` feeds the reader a few real mistakes and prints the line
  ``nnanim`` answers each with, so the messages on the page are the messages a teacher sees.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
import tempfile
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from nnanim.core.data import CLASSES, GENERATORS, DataSpec
from nnanim.core.experiment_file import (
    CSV_KEYS, COMMON_DATA_KEYS, LAYER_KEYS, TOP_KEYS, TRAIN_KEYS, load_experiment_file,
)
from nnanim.core.train import TrainSpec
from nnanim.errors import NnanimError

from nnanim_docs import shown

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

log = logging.getLogger(__name__)

SECTIONS: dict[str, tuple[tuple[str, ...], type | None]] = {
    "top": (TOP_KEYS, None),
    "layer": (LAYER_KEYS, None),
    "data": (COMMON_DATA_KEYS, DataSpec),
    "csv": (CSV_KEYS, None),
    "train": (TRAIN_KEYS, TrainSpec),
}
"""Each part of a file: the keys the reader accepts there, and the class holding defaults."""


def toml_value(value: object) -> str:
    """A default as it is written in a TOML file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return repr(value) if isinstance(value, float) else str(value)


def defaults(holder: type | None) -> dict[str, str]:
    """``key → default`` of a dataclass's fields; ``None`` is the generator's own default."""
    if holder is None:
        return {}
    found = {}
    for field in dataclasses.fields(holder):
        if field.default is None:
            found[field.name] = "the generator's"
        elif field.default is not dataclasses.MISSING:
            found[field.name] = f"``{toml_value(field.default)}``"
    return found


def described(lines: list[str]) -> dict[str, str]:
    """``key: meaning`` lines (a meaning may go on over indented lines) as a dict."""
    meanings: dict[str, str] = {}
    key = None
    for line in lines:
        if line[:1].isspace() and key is not None:
            meanings[key] += " " + line.strip()
        elif line.strip():
            key, _, meaning = line.partition(":")
            key = key.strip()
            meanings[key] = meaning.strip()
    return meanings


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [".. list-table::", "   :header-rows: 1", "   :width: 100%", ""]
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return "\n".join(lines) + "\n"


class KeysDirective(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        keys, holder = SECTIONS[self.arguments[0]]
        meanings = described(list(self.content))
        for key in keys:
            if key not in meanings:
                log.warning("nnanim-keys %s: the reader accepts %r, which this page does not "
                            "explain", self.arguments[0], key, location=self.get_location())
        for key in meanings:
            if key not in keys:
                log.warning("nnanim-keys %s: %r is explained here but the reader refuses it",
                            self.arguments[0], key, location=self.get_location())
        known = defaults(holder)
        if known:
            rows = [[f"``{key}``", known.get(key, "required"), meanings.get(key, "")]
                    for key in keys]
            return self.parse_text_to_nodes(_table(["key", "default", "what it is"], rows))
        rows = [[f"``{key}``", meanings.get(key, "")] for key in keys]
        return self.parse_text_to_nodes(_table(["key", "what it is"], rows))


def generators_rst() -> str:
    rows = []
    for name, make in GENERATORS.items():
        parameters = inspect.signature(make).parameters
        knobs = ", ".join(f"``{key} = {toml_value(p.default)}``" for key, p in parameters.items()
                          if key not in ("n", "noise", "seed")) or "none"
        what = (inspect.getdoc(make) or "").split("\n\n")[0].replace("\n", " ")
        rows.append([f"``{name}``", str(CLASSES[name]), knobs,
                     f"``{toml_value(parameters['noise'].default)}``", what])
    return _table(["generator", "classes", "shape knobs (default)", "noise", "what it draws"],
                  rows)


class GeneratorsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        return self.parse_text_to_nodes(generators_rst())


MISTAKES: tuple[tuple[str, str, str], ...] = (
    ("A misspelt activation", "mynet.toml",
     'layers = [[10, "tanh"], [3, "tahn"]]\n\n[data]\ngenerator = "swissroll"\n'),
    ("A key written below a table header (TOML gives it to that table)", "mynet.toml",
     '[data]\ngenerator = "donut"\nlayers = [[3, "tanh"]]\n'),
    ("A key a section does not have", "mynet.toml",
     'layers = [[3, "tanh"]]\n\n[data]\ngenerator = "moons"\n\n[train]\nepoch = 500\n'),
    ("A label that is not a class number, in the CSV file the experiment names",
     "points.csv", "x1,x2,label\n0.52,-1.20,0\n1.94,0.19,1\n0.84,0.48,0\n-0.3,0.77,x\n"),
    ("A CSV file a spreadsheet saved with semicolons and decimal commas", "points.csv",
     "x1;x2;label\n0,52;-1,20;0\n1,94;0,19;1\n"),
)
"""(what is wrong, the file it is in, its text). A CSV file is read through ``CSV_TOML``."""
CSV_TOML = 'layers = [[3, "tanh"]]\n\n[data]\ncsv = "points.csv"\n'


def message_for(file: str, text: str) -> str:
    """The one line ``nnanim`` prints for this file, read by the real reader."""
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        (where / file).write_text(text, encoding="utf-8")
        if file.endswith(".csv"):
            (where / "mynet.toml").write_text(CSV_TOML, encoding="utf-8")
        try:
            load_experiment_file(where / "mynet.toml")
        except NnanimError as err:
            return "nnanim: error: " + str(err).replace(f"{where}/", "")
    raise NnanimError(f"{file}: the reader accepted this mistake:\n{text}")


def error_examples_rst() -> str:
    parts = []
    for what, file, text in MISTAKES:
        language = "toml" if file.endswith(".toml") else "text"
        parts += [f"{what}, in ``{file}``:", "",
                  f".. code-block:: {language}", "",
                  *(f"   {line}" if line else "" for line in text.rstrip().splitlines()), "",
                  ".. code-block:: text", "   :class: nnanim-message", "",
                  f"   {message_for(file, text)}", ""]
    return "\n".join(parts)


class ErrorExamplesDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        try:
            return self.parse_text_to_nodes(error_examples_rst())
        except NnanimError as err:
            log.warning("nnanim-error-examples: %s", err, location=self.get_location())
            return []


def register(app: Sphinx) -> None:
    app.add_directive("nnanim-keys", KeysDirective)
    app.add_directive("nnanim-generators", GeneratorsDirective)
    app.add_directive("nnanim-error-examples", ErrorExamplesDirective)
