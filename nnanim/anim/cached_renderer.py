"""manim's Cairo renderer, with nnanim's key for each play in the partial-movie cache.

``CairoRenderer.play`` names a play's partial movie by ``get_hash_from_play_call``: slow, and
different in every process (``nnanim.anim.play_key`` says why). ``LectureRenderer.play`` is
manim 0.22's own ``play`` step for step, with ``play_key`` in its place; everything else --
skipping, the cache look-up, a cached play advancing the clock without drawing -- is manim's.
"""

from __future__ import annotations

from typing import Any

from manim import config, logger
from manim._config.video_encoder import video_encoder_fingerprint
from manim.renderer.cairo_renderer import CairoRenderer

from nnanim.anim.play_key import play_key


class LectureRenderer(CairoRenderer):
    """A ``CairoRenderer`` whose partial movies are keyed by ``play_key``."""

    def play(self, scene, *args: Any, **kwargs: Any) -> None:
        self.skip_animations = self._original_skipping_status
        self.update_skipping_status()
        scene.compile_animation_data(*args, **kwargs)

        if self.skip_animations:
            key = None
            self.time += scene.duration
        elif config["disable_caching"]:
            key = f"uncached_{self.num_plays:05}"
        else:
            encoder = video_encoder_fingerprint(scene.session_spec.video_encoder)
            key = play_key(scene, self.camera, scene.animations, scene.mobjects, encoder)
            if key is None:  # something it shows cannot be read: draw it, keep no copy
                key = f"uncached_{self.num_plays:05}"
            elif self.file_writer.is_already_cached(key):
                logger.info(f"Animation {self.num_plays} : Using cached data (hash : {key})")
                self.skip_animations = True
                self.time += scene.duration
        self.file_writer.add_partial_movie_file(key)
        self.animations_hashes.append(key)

        self.file_writer.begin_animation(not self.skip_animations, animation_index=self.num_plays)
        scene.begin_animations()
        self.save_static_frame_data(scene, scene.static_mobjects)
        if scene.is_current_animation_frozen_frame():
            self.update_frame(scene, mobjects=scene.moving_mobjects)
            self.freeze_current_frame(scene.duration)
        else:
            scene.play_internal()
        self.file_writer.end_animation(not self.skip_animations)
        self.num_plays += 1
