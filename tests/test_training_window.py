"""The training window's fixed words keep their own pixels while the heatmap beside them is redrawn.

The words ("epoch", "accuracy") are drawn once per play, just before the window, whose heatmap
is painted through the same cairo context: every frame of the real ``play_training`` (and of
the pause after it) must show each word exactly as it looks drawn alone.
"""

import pytest
from manim import VGroup, tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from nnanim.anim.chapters.training import play_training
from nnanim.anim.lecture import LectureScene
from nnanim.core.run import prepare


@pytest.mark.slow
def test_the_training_window_words_look_as_they_do_alone(alone, tmp_path, monkeypatch):
    frames, added = [], []
    add_frame = CairoRenderer.add_frame

    def keep(self, frame, num_frames=1):
        frames.extend([frame[..., :3].copy()] * num_frames)
        return add_frame(self, frame, num_frames)

    class Training(LectureScene):
        def construct(self):
            play_training(self, prepare(["E2"])[0])

        def add(self, *mobjects):
            added.extend(mobjects)
            return super().add(*mobjects)

    with monkeypatch.context() as patch:
        patch.setenv("NNANIM_QUICK", "1")
        patch.setattr(CairoRenderer, "add_frame", keep)
        with tempconfig({"quality": "low_quality", "disable_caching": True,
                         "media_dir": str(tmp_path), "progress_bar": "none"}):
            Training().render()
            still = added[0]  # the chart's frame and the words before the two numbers
            assert isinstance(still, VGroup) and len(still) == 3
            words = [alone(word) for word in still[1:]]
    assert len(frames) > 10
    for index, frame in enumerate(frames):
        for word, box in words:
            assert (frame[box] == word[box]).all(), f"frame {index} of {len(frames)}"
