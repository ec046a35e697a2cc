"""Captions that finished fading are painted once, and the frames stay exactly the same.

The "inside the network" chapter (each stage's caption fades in beside the moving window) is
rendered in quick mode twice in this process for 2-D networks (E4's with its lens beside the
window) and a 3-D one, with and without settling (``LectureScene.settle_finished_fades``);
every frame handed to the video writer is compared byte for byte, and the settled render must
have drawn fewer shapes per frame.

A window with a heatmap is painted through the cairo context the frozen captions were drawn
with: a caption fading in and out beside the training window, settled and not, must give the
same frames, with the words and the caption as they look drawn alone.
"""

import hashlib

import numpy as np
import pytest
from manim import LEFT, Text, tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from nnanim.anim.chapters.inside import play_inside
from nnanim.anim.chapters.training import class_picture
from nnanim.anim.layout import SIDE_LEFT, WINDOW, data_box
from nnanim.anim.lecture import FONT, LectureScene
from nnanim.anim.motion import Appear, Redraw, Vanish
from nnanim.anim.plane import PlaneView
from nnanim.palette import ACCURACY_COLOR, INK
from nnanim.core.run import prepare


def frames_of(preset: str, settle: bool, media, monkeypatch) -> tuple[list[str], int]:
    """Every frame's digest, and how many shapes were drawn on top of static images."""
    digests, drawn = [], [0]
    add_frame, render = CairoRenderer.add_frame, CairoRenderer.render

    def keep(self, frame, num_frames=1):
        digests.extend([hashlib.sha256(frame.tobytes()).hexdigest()] * num_frames)
        return add_frame(self, frame, num_frames)

    def count(self, scene, time, moving_mobjects=None):
        drawn[0] += sum(1 for m in moving_mobjects or () if len(m.points))
        return render(self, scene, time, moving_mobjects)

    class Inside(LectureScene):
        settle_finished_fades = settle

        def construct(self):
            play_inside(self, prepare([preset])[0])

    with monkeypatch.context() as patch:
        patch.setenv("NNANIM_QUICK", "1")
        patch.setattr(CairoRenderer, "add_frame", keep)
        patch.setattr(CairoRenderer, "render", count)
        with tempconfig({"quality": "low_quality", "disable_caching": True,
                         "media_dir": str(media), "progress_bar": "none"}):
            Inside().render()
    return digests, drawn[0]


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["E3", "E4", "E5"])
def test_settled_captions_draw_the_same_frames_with_less_work(preset, tmp_path, monkeypatch):
    plain, plain_work = frames_of(preset, False, tmp_path / "plain", monkeypatch)
    settled, settled_work = frames_of(preset, True, tmp_path / "settled", monkeypatch)
    assert len(plain) > 15
    assert settled == plain
    assert settled_work < 0.8 * plain_work


def caption_beside_heatmap(settle: bool, media, monkeypatch,
                           alone) -> tuple[list[np.ndarray], list]:
    """The training window's situation with a caption: fixed words drawn just before a heatmap
    window that is redrawn from the real trajectory, while a caption beside it fades in, then
    out. Every frame, and the words and the caption each drawn alone (``alone``)."""
    run = prepare(["E2"])[0]
    frames, shown = [], []
    add_frame = CairoRenderer.add_frame

    def keep(self, frame, num_frames=1):
        frames.extend([frame[..., :3].copy()] * num_frames)
        return add_frame(self, frame, num_frames)

    class WindowAndCaption(LectureScene):
        settle_finished_fades = settle

        def construct(self):
            trajectory, box = run.trajectory, data_box(run.X)
            view = PlaneView(WINDOW, heatmap=True)

            def draw(t: float) -> None:
                params = trajectory.params_at(t)
                boundary, probabilities = class_picture(params, run.experiment.arch, box)
                view.show(box, run.X, run.y, boundary=boundary, probabilities=probabilities)

            draw(0.0)
            words = Text("accuracy", font=FONT, font_size=26, color=ACCURACY_COLOR)
            words.move_to([SIDE_LEFT, 1.5, 0], aligned_edge=LEFT)
            caption = Text("layer 1:  tanh", font=FONT, font_size=30, color=INK)
            caption.move_to([SIDE_LEFT, 0.5, 0], aligned_edge=LEFT)
            shown.extend([words, caption])
            self.add(words, view)
            self.play(Redraw(view, lambda t: draw(0.5 * t), within=WINDOW, run_time=1.0),
                      Appear(caption, run_time=0.3))
            self.play(Redraw(view, lambda t: draw(0.5 + 0.5 * t), within=WINDOW, run_time=1.0),
                      Vanish(caption, run_time=0.3))

    with monkeypatch.context() as patch:
        patch.setattr(CairoRenderer, "add_frame", keep)
        with tempconfig({"quality": "low_quality", "disable_caching": True,
                         "media_dir": str(media), "progress_bar": "none"}):
            WindowAndCaption().render()
            return frames, [alone(mobject) for mobject in shown]


@pytest.mark.slow
def test_a_caption_settled_beside_a_heatmap_window_draws_the_same_frames(alone, tmp_path,
                                                                        monkeypatch):
    plain, (words, caption) = caption_beside_heatmap(False, tmp_path / "plain", monkeypatch,
                                                     alone)
    settled, _ = caption_beside_heatmap(True, tmp_path / "settled", monkeypatch, alone)
    assert len(plain) == len(settled) == 30  # two plays of 15 frames
    for index, (one, other) in enumerate(zip(plain, settled)):
        assert (one == other).all(), f"frame {index}: settled differs from plain"
    (words_alone, words_box), (caption_alone, caption_box) = words, caption
    for index, frame in enumerate(plain):
        assert (frame[words_box] == words_alone[words_box]).all(), f"words, frame {index}"
    for index in range(5, 16):  # the caption's fade in is over, its fade out not begun
        assert (plain[index][caption_box] == caption_alone[caption_box]).all(), f"frame {index}"
    assert (plain[-1][caption_box] == plain[0][caption_box]).all()  # faded out: paper again
