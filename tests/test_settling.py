"""Captions that finished fading are painted once, and the frames stay exactly the same.

The "inside the network" chapter (each stage's caption fades in beside the moving window) is
rendered in quick mode twice in this process for 2-D networks (E4's with its lens beside the
window) and a 3-D one, with and without settling (``LectureScene.settle_finished_fades``);
every frame handed to the video writer is compared byte for byte, and the settled render must
have drawn fewer shapes per frame.
"""

import hashlib

import pytest
from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from nnanim.anim.chapters.inside import play_inside
from nnanim.anim.lecture import LectureScene
from nnanim.run import prepare


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
