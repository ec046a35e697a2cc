"""The command-line page, from the parser the ``nnanim`` command itself runs.

``.. nnanim-command-line::`` asks ``nnanim.command.cli.build_parser()`` for its commands and
prints each one's ``--help`` as the terminal shows it, so a new command or option is on the
page at the next build, worded as ``nnanim COMMAND --help`` words it.
"""

from __future__ import annotations

import argparse
from functools import partial

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from nnanim.command.cli import build_parser

from nnanim_docs import shown

WIDTH = 88
"""Help text wrapped as on a terminal this wide (it fits a page without scrolling)."""


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """``(name, one-line summary, parser)`` of every command, in the order ``--help`` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            summaries = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return [(name, summaries.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def help_text(parser: argparse.ArgumentParser) -> str:
    """``--help`` as the terminal shows it, ``WIDTH`` columns wide."""
    parser.formatter_class = partial(parser.formatter_class, width=WIDTH)
    return parser.format_help()


def _block(text: str) -> str:
    body = "\n".join(f"   {line}" if line else "" for line in text.rstrip().splitlines())
    return f".. code-block:: text\n\n{body}\n"


def command_line_rst() -> str:
    parser = build_parser()
    commands = subcommands(parser)
    parts = [
        "Every command at a glance:", "",
        ".. list-table::\n   :header-rows: 1\n\n   * - command\n     - what it does",
        *(f"   * - :ref:`nnanim {name} <command-{name}>`\n     - {summary}"
          for name, summary, _ in commands),
        "", _block(help_text(parser)),
    ]
    for name, summary, sub in commands:
        title = f"nnanim {name}"
        parts += [f".. _command-{name}:", "", title, "-" * len(title), "",
                  summary[:1].upper() + summary[1:] + ".", "", _block(help_text(sub))]
    return "\n".join(parts)


class CommandLineDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        return self.parse_text_to_nodes(command_line_rst(), allow_section_headings=True)


def register(app: Sphinx) -> None:
    app.add_directive("nnanim-command-line", CommandLineDirective)
