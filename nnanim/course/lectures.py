"""Every lecture as data: its scene file, its chapters in order, and what each chapter shows.

The scene files in ``scenes/`` read their chapter list from here, and so does
``nnanim lecture``: one table, no parsing of source files, and a new lecture is one more row.
A chapter is a section of the video (``--save_sections`` writes one file per chapter) and a
chapter marker in the joined lecture.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnanim.errors import NnanimError


@dataclass(frozen=True)
class LectureChapter:
    """One chapter of a lecture.

    ``experiment`` names the preset the chapter trains and shows (None for a chapter that
    draws no experiment of its own, such as the title card); ``verdict`` is the caption key of
    the sentence shown under its accuracy.
    """

    name: str
    experiment: str | None = None
    verdict: str | None = None
    seconds: float = 0.0
    """How long the chapter lasts in the full video (a test keeps it within a second):
    ``nnanim lecture`` starts the longest chapters first, so none is left running alone."""


@dataclass(frozen=True)
class Lecture:
    """One ``scenes/<name>.py`` file: its Scene class, its length, what it shows and its
    chapters in order.

    ``seconds`` is the length of the full (not quick) video, for ``nnanim list``; the test
    suite measures it with manim's dry run and names the number to write here when it drifts.
    ``about`` is the one line ``nnanim list`` prints: here, not read from the scene file, so
    an installed nnanim (which has no scene files) lists its lectures too.
    """

    name: str
    scene_class: str
    seconds: int
    about: str
    chapters: tuple[LectureChapter, ...]

    @property
    def length(self) -> str:
        """``m:ss``, as a video player shows it."""
        return f"{self.seconds // 60}:{self.seconds % 60:02d}"

    @property
    def presets(self) -> tuple[str, ...]:
        """The presets to train before the first frame, in chapter order, each once."""
        names = [c.experiment for c in self.chapters if c.experiment is not None]
        return tuple(dict.fromkeys(names))

    @property
    def experiment_chapters(self) -> tuple[LectureChapter, ...]:
        return tuple(c for c in self.chapters if c.experiment is not None)

    def chapter(self, name: str) -> LectureChapter:
        for chapter in self.chapters:
            if chapter.name == name:
                return chapter
        names = ", ".join(c.name for c in self.chapters)
        raise NnanimError(f"lecture {self.name}: no chapter {name!r} (it has {names})")


def _lecture(name: str, scene_class: str, seconds: int, about: str,
             *chapters: LectureChapter) -> tuple[str, Lecture]:
    return name, Lecture(name, scene_class, seconds, about, chapters)


TITLE = LectureChapter("title", seconds=5.3)

LECTURES: dict[str, Lecture] = dict([
    _lecture("swissroll", "SwissRoll", 214,
             "The swiss-roll lecture: why a linear model fails, and how tanh layers untangle "
             "the roll.",
             TITLE,
             LectureChapter("E2", "E2", "verdict_fail_linear", 39.5),
             LectureChapter("E3", "E3", "verdict_slow", 39.5),
             LectureChapter("E4", "E4", "verdict_deep", 55.1),
             LectureChapter("E5", "E5", "verdict_wide", 74.1)),
    _lecture("linear", "Linear", 62,
             "Linear networks: E1 (two blobs, a straight boundary) and C1 (two linear layers "
             "are one).",
             TITLE,
             LectureChapter("E1", "E1", "verdict_blobs", 39.5),
             LectureChapter("C1", seconds=17.6)),
    _lecture("donut", "Donut", 119,
             "The donut: 2 tanh units fail (E6) because a warp of the plane cannot make an island; "
             "10 units succeed (E7).",
             TITLE,
             LectureChapter("E6", "E6", "verdict_donut_fail", 39.5),
             LectureChapter("E7", "E7", "verdict_donut_wide", 74.1)),
    _lecture("polar", "Polar", 52,
             "E8: move the donut to polar coordinates (r, θ), and a linear model separates it.",
             TITLE,
             LectureChapter("to polar", seconds=7.1),
             LectureChapter("E8", "E8", "verdict_polar", 39.5)),
    _lecture("softmax", "Softmax", 22,
             "C2: softmax drops every point onto y₁ + y₂ = 1, and the boundary is the "
             "perpendicular y₁ = y₂.",
             TITLE,
             LectureChapter("softmax", seconds=16.3)),
    _lecture("threeclass", "ThreeClass", 114,
             "Three classes: a linear model cuts three blobs into wedges, tanh layers unroll a "
             "spiral.",
             TITLE,
             LectureChapter("K1", "K1", "verdict_threeblobs", 51.4),
             LectureChapter("K2", "K2", "verdict_threespiral", 57.1)),
    _lecture("lift", "Lift", 82,
             "Beyond the plane: the donut needs a third dimension (C3: 2 → 3 tanh → 2 softmax).",
             LectureChapter("compare", seconds=9.7),
             LectureChapter("lift", seconds=41.5),
             LectureChapter("project", seconds=30.8)),
    _lecture("wiser", "Wiser", 68,
             "The article's closing question: can a network learn a \"wiser\" swiss-roll "
             "boundary?",
             LectureChapter("question", seconds=4.6),
             LectureChapter("midway line", seconds=14.2),
             LectureChapter("training", seconds=17.2),
             LectureChapter("verdicts", seconds=17.0),
             LectureChapter("answer", seconds=14.5)),
])
"""Every lecture in ``scenes/``, in the order a course would show them."""


def get_lecture(name: str) -> Lecture:
    """The lecture ``name``, or a one-line error listing the lectures there are."""
    try:
        return LECTURES[name]
    except KeyError:
        raise NnanimError(
            f"lecture: no lecture {name!r}; the lectures are {', '.join(LECTURES)}"
        ) from None
