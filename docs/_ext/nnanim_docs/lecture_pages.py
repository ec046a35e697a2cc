"""One page per lecture, made from the lecture table (``nnanim.course.lectures.LECTURES``).

A new lecture, a renamed chapter or a chapter that moves shows up at the next build without
editing a page: ``docs/lectures/<name>.rst`` is written from the table at the start of every
build (a one-line stub holding ``.. nnanim-lecture:: NAME``), and the directive reads the
table, the presets (what each chapter's network is and how often it does what it shows) and
the captions (the verdict the lecture speaks) while the page is built.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import nnanim
from nnanim.command.rendering import lecture_file
from nnanim.core.experiments import PRESETS
from nnanim.core.files import write_whole
from nnanim.course.captions import caption
from nnanim.course.lectures import LECTURES, Lecture, LectureChapter

from nnanim_docs import pictures, shown

FOLDER = "lectures"
"""``docs/lectures/``: written by the build, never edited (and not in git)."""


def write_stubs(docs: Path) -> None:
    """One stub page per lecture; stubs of lectures no longer in the table are removed.

    A stub is rewritten only when its text changes, so Sphinx rebuilds only what changed.
    """
    folder = docs / FOLDER
    folder.mkdir(exist_ok=True)
    wanted = {f"{name}.rst": f".. nnanim-lecture:: {name}\n" for name in LECTURES}
    for path in folder.glob("*.rst"):
        if path.name not in wanted:
            path.unlink()
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_whole(path, lambda temporary, text=text: temporary.write_text(text, "utf-8"))


def scene_file_shown(lecture: Lecture) -> str:
    """The lecture's scene file as a teacher types it in the checkout (``nnanim/lectures/...``)."""
    root = Path(nnanim.__file__).resolve().parents[1]
    return lecture_file(lecture.name).relative_to(root).as_posix()


def _heading(text: str, underline: str) -> str:
    return f"{text}\n{underline * len(text)}\n"


def chapter_title(chapter: LectureChapter) -> str:
    if chapter.experiment is None:
        return chapter.name
    return f"{chapter.name}: {PRESETS[chapter.experiment].title}"


def chapter_text(chapter: LectureChapter) -> str:
    """What a model chapter trains and shows, in the presets' and captions' own words."""
    if chapter.experiment is None:
        return ""
    exp = PRESETS[chapter.experiment]
    lines = [f"The network: ``{exp.arch.describe()}``, trained on "
             f"{exp.data.classes} classes of {exp.data.n} points.", ""]
    if exp.claim:
        lines += [exp.claim, ""]
    if exp.outcome is not None:
        lines += [f"Measured over {exp.outcome.measured.runs} runs (training seeds × data "
                  f"seeds): {exp.outcome.in_words()}. The lecture shows one pinned run.", ""]
    if chapter.verdict is not None:
        lines += [f"The lecture's verdict: *{caption(chapter.verdict, 'en')}*", ""]
    return "\n".join(lines)


def lecture_frame(app: Sphinx, lecture: Lecture) -> Path | None:
    """The picture that stands for a lecture: the most colourful beat of all its chapters."""
    folder = shown.pictures_dir(app)
    beats = [path for c in lecture.chapters
             for path in pictures.chapter_beats(folder, lecture.name, c.name)]
    return pictures.most_colourful(beats) if beats else None


def lecture_rst(app: Sphinx, lecture: Lecture, location: object) -> str:
    scene = scene_file_shown(lecture)
    parts = [
        _heading(lecture.name, "="), lecture.about, "",
        ".. list-table::\n   :stub-columns: 1\n",
        f"   * - Length\n     - {lecture.length} (the full video; ``--quick`` plays it at a "
        f"fraction of that)",
        f"   * - Chapters\n     - {', '.join(c.name for c in lecture.chapters)}",
        f"   * - Scene\n     - ``{lecture.scene_class}`` in ``{scene}``", "",
        "Render it (from any folder; the video goes to ``./media``)::", "",
        f"   nnanim lecture {lecture.name}    # one video with chapters and subtitles",
        f"   nnanim slides {lecture.name}     # click-to-advance slides, one HTML file", "",
        f"In nnanim's source checkout, manim renders the same file by hand, one chapter alone "
        f"too (here the last): ``manim -pqh {scene}``, ``NNANIM_CHAPTER="
        f"{shlex.quote(lecture.chapters[-1].name)} manim -pql {scene}``.", "",
    ]
    if not app.config.nnanim_pictures:
        parts.append(shown.placeholder())
    for chapter in lecture.chapters:
        parts += [_heading(chapter_title(chapter), "-"), chapter_text(chapter)]
        if not app.config.nnanim_pictures:
            continue
        beats = shown.beats_of(app, location, lecture.name, chapter.name)
        title = f"{lecture.name}, {chapter.name}"
        if beats:
            parts.append(shown.frame_rst(app, pictures.most_colourful(beats), title))
        if len(beats) > 1:
            parts += [f"The chapter at each of its {len(beats)} beats, where ``nnanim slides`` "
                      f"waits for a click:", "", shown.storyboard_rst(app, beats, title)]
    return "\n".join(parts)


def lecture_table_rst(app: Sphinx) -> str:
    """Every lecture in course order: its frame, name, length, chapters and what it shows."""
    with_pictures = app.config.nnanim_pictures
    rows = []
    for lecture in LECTURES.values():
        frame = lecture_frame(app, lecture) if with_pictures else None
        picture = (f".. image:: {shown.uri(app, frame)}\n          :alt: {lecture.name}\n"
                   f"          :width: 100%" if frame else "")
        rows.append(
            f"   * - {picture}\n"
            f"     - :doc:`{lecture.name} <{FOLDER}/{lecture.name}>` ({lecture.length})\n"
            f"     - {lecture.about}\n"
            f"\n       Chapters: {', '.join(c.name for c in lecture.chapters)}\n"
        )
    widths = "30 20 50" if with_pictures else "1 20 79"
    table = (f".. list-table::\n   :header-rows: 1\n   :widths: {widths}\n"
             f"   :class: nnanim-lectures\n\n"
             f"   * - \n     - lecture\n     - what it shows\n" + "".join(rows))
    toctree = ".. toctree::\n   :hidden:\n\n" + "".join(
        f"   {FOLDER}/{name}\n" for name in LECTURES)
    return table + "\n" + toctree


class LectureDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        lecture = LECTURES[self.arguments[0]]
        return self.parse_text_to_nodes(
            lecture_rst(self.env.app, lecture, self.get_location()),
            allow_section_headings=True)


class LectureTableDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        shown.depends_on_nnanim(self)
        return self.parse_text_to_nodes(lecture_table_rst(self.env.app))


def register(app: Sphinx) -> None:
    app.add_directive("nnanim-lecture", LectureDirective)
    app.add_directive("nnanim-lectures", LectureTableDirective)
