"""manim's Cairo renderer, with nnanim's key for each play in the partial-movie cache (and
nnanim's cheaper encoder of the same bytes, ``nnanim.anim.segment_encoder``).

``CairoRenderer.play`` names a play's partial movie by ``get_hash_from_play_call``: slow, and
different in every process (``nnanim.anim.play_key`` says why). ``LectureRenderer.play`` is
manim 0.22's own ``play`` step for step, with ``play_key`` in its place, and one difference: a
play that is not drawn (taken from the cache, or skipped) is brought to its end state without
painting the frame manim paints and then drops. Everything else -- skipping, the cache look-up,
a cached play advancing the clock -- is manim's.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar

from manim import config, logger, tempconfig
from manim._config.render_session import resolve_render_session
from manim._config.video_encoder import video_encoder_fingerprint
from manim.renderer.cairo_renderer import CairoRenderer

from nnanim.anim.play_key import play_key
from nnanim.anim.segment_encoder import FRAMES, LectureFileWriter


KeyLog = Callable[[Any, "str | None"], None]
"""Told each play's scene and key (None: a play that cannot be keyed)."""


class LectureRenderer(CairoRenderer):
    """A ``CairoRenderer`` whose partial movies are keyed by ``play_key`` and encoded by
    ``LectureFileWriter`` (the same bytes as manim's, for less CPU)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("file_writer_class", LectureFileWriter)
        super().__init__(**kwargs)

    key_log: ClassVar[KeyLog | None] = None
    """Where the keys of the plays go, if anywhere: ``nnanim lecture`` reuses a chapter whose
    plays all have the keys they had when it was rendered (``nnanim.command.render_child``)."""
    key_skipped_plays: ClassVar[bool] = False
    """Key the plays that are skipped too (a planning run draws nothing but needs every key)."""

    def get_frame(self):
        """The current frame, copied (as manim does) but into a buffer used before, if the
        encoder has given one back (``FramePool``): the same pixels, without fresh memory."""
        return FRAMES.copy(self.camera.pixel_array)

    def _encoder(self, scene) -> str:
        spec = scene.session_spec.video_encoder
        if spec is None and config.dry_run and self.key_skipped_plays:
            # A plan writes no video, so it has no encoder: its keys must hold the one the
            # render of the same scene will have.
            with tempconfig({"dry_run": False}):
                spec = resolve_render_session(config, self.capabilities,
                                              renderer_name=type(self).__name__).video_encoder
        return video_encoder_fingerprint(spec)

    def _key(self, scene) -> str | None:
        if getattr(self, "_encoder_token", None) is None:
            self._encoder_token = self._encoder(scene)
        return play_key(scene, self.camera, scene.animations, scene.mobjects,
                        self._encoder_token)

    def play(self, scene, *args: Any, **kwargs: Any) -> None:
        self.skip_animations = self._original_skipping_status
        self.update_skipping_status()
        scene.compile_animation_data(*args, **kwargs)
        log = type(self).key_log  # a plain function, not bound to the renderer

        if self.skip_animations:
            key = None
            if log is not None and self.key_skipped_plays:
                log(scene, self._key(scene))
            self.time += scene.duration
        elif config["disable_caching"]:
            key = f"uncached_{self.num_plays:05}"
            if log is not None:
                log(scene, None)
        else:
            key = self._key(scene)
            if log is not None:
                log(scene, key)
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
        if self.skip_animations:
            # Taken from the cache or skipped: the play's end state is all that matters, and
            # painting its last frame (manim does, then throws it away) is most of its cost.
            self.static_image = None
            if not scene.is_current_animation_frozen_frame():
                scene.play_internal(skip_rendering=True)
        else:
            self.save_static_frame_data(scene, scene.static_mobjects)
            if scene.is_current_animation_frozen_frame():
                self.update_frame(scene, mobjects=scene.moving_mobjects)
                self.freeze_current_frame(scene.duration)
            else:
                scene.play_internal()
        self.file_writer.end_animation(not self.skip_animations)
        self.num_plays += 1
