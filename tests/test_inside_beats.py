"""The inside chapter as named beats: a teacher's added beat is in the video, nothing else moves.

The worked example in the chapter's docstring ("pause after layer 2's bias and show its
matrix") is run here as written, in a scene that first plays the chapter as every lecture tells
it: the extended chapter must stop once more, at the bias of layer 2, with the learned matrix
on screen, and every other stop must look as in the plain chapter. Added the same way to a
lecture's experiment chapter, it is the one picture more than in the swiss-roll lecture's E3.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pytest

from nnanim.anim.beat_frames import beat_frame_name
from nnanim.anim.chapters import inside
from nnanim.core.run import prepare
from nnanim.errors import NnanimError

from test_beat_frames import CONTROLS, picture_fault, read

WINDOW_SHARE = 0.5
"""The data window fills the left half of the frame; the caption column the right."""
TITLE_SHARE = 0.12
"""A lecture's experiment title stays over the frame's top while the inside chapter plays."""

SCENE = '''
from nnanim.anim.chapters import inside
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import play_experiment
from nnanim.core.run import prepare

EXAMPLE = {example!r}


class InsideWithMatrix(LectureScene):
    def construct(self) -> None:
        (run,) = prepare(["E3"])
        self.next_section("plain")
        inside.play_inside(self, run)
        self.next_section("matrix")
        exec(EXAMPLE, {{**vars(inside), "scene": self, "run": run}})
        self.next_section("E3")
        play_experiment(self, run, "verdict_slow", inside=lambda beats: inside.insert_after(
            beats, "layer 2 bias", inside.show_matrix(2)))
'''


def docstring_example() -> str:
    """The code block under the ``::`` of the chapter's docstring."""
    found = re.search(r"::\n\n((?:    .*\n|\n)+)", inside.__doc__)
    assert found, "the inside chapter's docstring lost its worked example"
    return textwrap.dedent(found.group(1)).strip() + "\n"


def test_the_example_names_beats_the_chapter_has():
    (run,) = prepare(["E3"])
    from nnanim.anim.lecture import LectureScene

    chapter = inside.InsideChapter(LectureScene(), run)
    beats = chapter.beats()
    names = [beat.name for beat in beats]
    inside.insert_after(beats, "layer 2 bias", inside.show_matrix(2))
    added = [beat.name for beat in beats]
    at = names.index("layer 2 bias") + 1
    assert added == names[:at] + ["show layer 2's matrix"] + names[at:]
    with pytest.raises(NnanimError, match="no beat 'layer 9 bias'"):
        inside.insert_after(beats, "layer 9 bias", inside.show_matrix(2))


@pytest.mark.slow
def test_a_beat_inserted_by_the_docstring_example_appears_in_the_video(tmp_path, render_scene):
    scene_file = tmp_path / "inside_with_matrix.py"
    scene_file.write_text(SCENE.format(example=docstring_example()))
    beats = tmp_path / "beats"
    render_scene(scene_file, tmp_path / "media", env={"NNANIM_BEAT_FRAMES": str(beats)})

    def pictures(chapter: str) -> list[np.ndarray]:
        found = []
        while (beats / beat_frame_name(chapter, len(found) + 1)).is_file():
            found.append(read(beats / beat_frame_name(chapter, len(found) + 1)))
        return found

    plain, extended = pictures("plain"), pictures("matrix")
    # Stops after each of the six stages, then the boundary's note: one more with the matrix.
    assert len(plain) == 7 and len(extended) == 8
    # The stops after layer 1's three stages and layer 2's matrix product come first, unchanged.
    assert [picture_fault(a, b) for a, b in zip(plain[:4], extended[:4])] == [None] * 4
    # ... then the added stop: the frame the plain chapter shows after layer 2's bias, plus
    # the matrix written under the caption in the right-hand column, where it stays for the
    # chapter's own stop after the bias ...
    matrix, after_bias = extended[4], plain[4]
    window = slice(0, int(matrix.shape[1] * WINDOW_SHARE))
    assert picture_fault(after_bias[:, window], matrix[:, window]) is None
    assert picture_fault(after_bias, matrix) is not None
    ink = np.abs(matrix.astype(int) - after_bias.astype(int)).max(axis=2) > 48
    rows, columns = np.nonzero(ink)
    assert rows.max() - rows.min() > 12 and columns.max() - columns.min() > 80, (
        "the matrix is too small to read, or missing")
    assert picture_fault(matrix, extended[5]) is None
    # ... and goes with that caption: from the softmax on, the chapter is as before.
    assert [picture_fault(a, b) for a, b in zip(plain[5:], extended[6:])] == [None] * 2

    # In a lecture: swiss roll's E3 chapter as its controls show it, and the matrix between.
    lecture = [read(p) for p in sorted((CONTROLS / "swissroll").glob("E3-*.png"))]
    told = pictures("E3")
    assert len(told) == len(lecture) + 1
    unlike = [i for i, (a, b) in enumerate(zip(lecture, told)) if picture_fault(a, b)]
    assert unlike, "the lecture's E3 chapter shows no extra beat"
    added = unlike[0]
    # The lecture keeps the experiment's title over the frame; under it, the same matrix.
    column = np.s_[int(matrix.shape[0] * TITLE_SHARE):, int(matrix.shape[1] * WINDOW_SHARE):]
    assert picture_fault(told[added][column], matrix[column]) is None, (
        "the added beat is not the matrix")
    # The chapter's own stop after the bias still shows it; then the lecture goes on as ever.
    assert picture_fault(told[added], told[added + 1]) is None
    rest = [picture_fault(a, b) for a, b in zip(lecture[added + 1:], told[added + 2:])]
    assert rest == [None] * (len(lecture) - added - 1)
