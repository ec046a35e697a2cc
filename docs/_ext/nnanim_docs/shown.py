"""Pictures in a page: one frame, or a chapter's storyboard (the picture at each of its beats).

``.. nnanim-frame:: SOURCE CHAPTER BEAT`` shows one beat large, its content as the caption;
``.. nnanim-storyboard:: SOURCE CHAPTER`` shows every beat of a chapter small, each a link to
its full size. SOURCE is a lecture's name or ``own_network`` (the tutorial's example). A build
without pictures shows a note where they would be; a build with pictures warns (an error with
``-W``) when a beat is not there, so a page never points at a picture the scene did not draw.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import nnanim

from nnanim_docs import pictures

log = logging.getLogger(__name__)

PLACEHOLDER = (
    "This fast build skipped the pictures. ``nnanim docs`` renders them: every frame here "
    "is drawn by the scene itself, from the real network."
)


def pictures_dir(app: Sphinx) -> Path:
    """Where the build keeps its rendered pictures: ``docs/_build/pictures``."""
    return Path(app.srcdir) / "_build" / "pictures"


def depends_on_nnanim(directive: SphinxDirective) -> None:
    """Read the page again whenever nnanim's source (or this extension) changes: what the
    page shows is made from there."""
    for package in (Path(nnanim.__file__).resolve().parent, Path(__file__).resolve().parent):
        for path in package.rglob("*.py"):
            directive.env.note_dependency(str(path))


def placeholder() -> str:
    return f".. note::\n\n   {PLACEHOLDER}\n"


def uri(app: Sphinx, path: Path) -> str:
    """The picture as Sphinx reads an image path: ``/...`` from the documentation's folder."""
    return "/" + path.relative_to(Path(app.srcdir)).as_posix()


def _indented(text: str, by: str = "   ") -> str:
    return "\n".join(by + line if line else "" for line in text.splitlines())


def frame_rst(app: Sphinx, path: Path, alt: str, caption: str = "") -> str:
    """A figure of one picture across the page (a link to its full size)."""
    body = f"\n\n{_indented(caption)}" if caption else ""
    return (f".. figure:: {uri(app, path)}\n   :alt: {alt}\n   :width: 640px\n"
            f"   :class: nnanim-frame{body}\n")


def storyboard_rst(app: Sphinx, beats: list[Path], title: str) -> str:
    """Every beat of a chapter as a grid of small pictures, each a link to its full size."""
    images = "\n".join(
        f"   .. image:: {uri(app, path)}\n      :alt: {title}, beat {number} of {len(beats)}\n"
        f"      :width: 100%\n"
        for number, path in enumerate(beats, start=1))
    return f".. container:: nnanim-storyboard\n\n{images}\n"


def beats_of(app: Sphinx, location: object, source: str, chapter: str) -> list[Path]:
    """The chapter's pictures; warns (at ``location``) when the render kept none."""
    beats = pictures.chapter_beats(pictures_dir(app), source, chapter)
    if not beats:
        log.warning("nnanim pictures: %s kept no picture of chapter %r (is it a chapter of "
                    "that scene?)", source, chapter, location=location)
    return beats


class FrameDirective(SphinxDirective):
    required_arguments = 3
    final_argument_whitespace = False
    has_content = True

    def run(self) -> list[nodes.Node]:
        source, chapter, beat = self.arguments
        if not self.config.nnanim_pictures:
            return self.parse_text_to_nodes(placeholder())
        beats = beats_of(self.env.app, self.get_location(), source, chapter)
        number = int(beat)
        if not 1 <= number <= len(beats):
            if beats:
                log.warning("nnanim pictures: chapter %r of %s has beats 1 to %d, not %d",
                            chapter, source, len(beats), number, location=self.get_location())
            return []
        caption = "\n".join(self.content)
        return self.parse_text_to_nodes(
            frame_rst(self.env.app, beats[number - 1], f"{chapter}, beat {number}", caption))


class StoryboardDirective(SphinxDirective):
    required_arguments = 2
    option_spec = {"title": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        source, chapter = self.arguments
        if not self.config.nnanim_pictures:
            return self.parse_text_to_nodes(placeholder())
        beats = beats_of(self.env.app, self.get_location(), source, chapter)
        if not beats:
            return []
        title = self.options.get("title", chapter)
        return self.parse_text_to_nodes(storyboard_rst(self.env.app, beats, title))


def register(app: Sphinx) -> None:
    app.add_directive("nnanim-frame", FrameDirective)
    app.add_directive("nnanim-storyboard", StoryboardDirective)
