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


@dataclass(frozen=True)
class Lecture:
    """One ``scenes/<name>.py`` file: its Scene class, its length and its chapters in order.

    ``seconds`` is the length of the full (not quick) video, for ``nnanim list``; the test
    suite measures it with manim's dry run and names the number to write here when it drifts.
    """

    name: str
    scene_class: str
    seconds: int
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


def _lecture(name: str, scene_class: str, seconds: int,
             *chapters: LectureChapter) -> tuple[str, Lecture]:
    return name, Lecture(name, scene_class, seconds, chapters)


TITLE = LectureChapter("title")

LECTURES: dict[str, Lecture] = dict([
    _lecture("swissroll", "SwissRoll", 214, TITLE,
             LectureChapter("E2", "E2", "verdict_fail_linear"),
             LectureChapter("E3", "E3", "verdict_slow"),
             LectureChapter("E4", "E4", "verdict_deep"),
             LectureChapter("E5", "E5", "verdict_wide")),
    _lecture("linear", "Linear", 62, TITLE,
             LectureChapter("E1", "E1", "verdict_blobs"),
             LectureChapter("C1")),
    _lecture("donut", "Donut", 119, TITLE,
             LectureChapter("E6", "E6", "verdict_donut_fail"),
             LectureChapter("E7", "E7", "verdict_donut_wide")),
    _lecture("polar", "Polar", 52, TITLE,
             LectureChapter("to polar"),
             LectureChapter("E8", "E8", "verdict_polar")),
    _lecture("softmax", "Softmax", 22, TITLE,
             LectureChapter("softmax")),
    _lecture("threeclass", "ThreeClass", 114, TITLE,
             LectureChapter("K1", "K1", "verdict_threeblobs"),
             LectureChapter("K2", "K2", "verdict_threespiral")),
    _lecture("lift", "Lift", 82,
             LectureChapter("compare"),
             LectureChapter("lift"),
             LectureChapter("project")),
    _lecture("wiser", "Wiser", 68,
             LectureChapter("question"),
             LectureChapter("midway line"),
             LectureChapter("training"),
             LectureChapter("verdicts"),
             LectureChapter("answer")),
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
