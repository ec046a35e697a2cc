"""A scene file's Storyboard: its chapters are the lectures table's, in the table's order.

``nnanim lecture`` renders and joins chapters by the names in the table, so a scene that
names a chapter otherwise, or tells them in another order, must stop before its first frame
with one line saying which chapter comes next.
"""

from __future__ import annotations

import pytest

from nnanim.anim import storyboards
from nnanim.anim.storyboards import Storyboard
from nnanim.course.lectures import get_lecture
from nnanim.errors import NnanimError


class Sections:
    """Stands in for a LectureScene: records the sections started and what each plays."""

    def __init__(self) -> None:
        self.told: list[str] = []

    def next_section(self, name: str) -> None:
        self.told.append(f"section {name}")


@pytest.fixture
def scene(monkeypatch) -> Sections:
    scene = Sections()
    monkeypatch.setattr(storyboards, "play_title_card",
                        lambda s, title, sub, formula: s.told.append(f"card {title}"))

    def play_experiment(s: Sections, run, verdict: str | None, inside=None) -> None:
        added = "" if inside is None else f" with {inside.__name__}"
        s.told.append(f"{run.experiment.name} {verdict}{added}")

    monkeypatch.setattr(storyboards, "play_experiment", play_experiment)
    return scene


def test_one_call_tells_the_experiment_chapters_in_the_tables_order(scene):
    story = Storyboard(scene, "donut")
    story.title("donut_title", "donut_subtitle")
    story.experiments()
    assert scene.told == ["section title", "card donut_title",
                          "section E6", "E6 verdict_donut_fail",
                          "section E7", "E7 verdict_donut_wide"]
    assert story.played == [c.name for c in get_lecture("donut").chapters]


def test_a_chapter_out_of_the_tables_order_stops_before_it_starts(scene):
    story = Storyboard(scene, "polar")
    story.title("polar_title", "polar_subtitle")
    with pytest.raises(NnanimError, match=r"chapter 'E8' out of order.*next one is 'to polar'"):
        story.experiment("E8")
    with pytest.raises(NnanimError, match=r"chapter 'to polar ' out of order"):
        story.chapter("to polar ")
    assert scene.told == ["section title", "card polar_title"]


def test_a_run_the_lecture_did_not_prepare_is_named(scene):
    story = Storyboard(scene, "polar")
    assert story.run("E8").experiment.name == "E8"
    with pytest.raises(NnanimError, match=r"'E3' is not prepared \(it has E8\)"):
        story.run("E3")


def test_a_lectures_own_inside_beats_reach_its_experiment_chapter(scene):
    def pause_at_layer_2s_matrix(beats):
        pass

    story = Storyboard(scene, "linear")
    story.title("linear_title", "linear_subtitle")
    story.experiment("E1", inside=pause_at_layer_2s_matrix)
    assert scene.told[-1] == "E1 verdict_blobs with pause_at_layer_2s_matrix"
