"""The lift lecture's 3-D chapters: the donut's plane lifted by 3 tanh units, cut, projected.

"lift": the input plane seen from above, the camera tilts, the first layer's matrix lifts the
plane into 3-D (it rises off the floor), the bias shifts it and tanh bends it; then the output
layer's cut appears as a flat plane and the camera looks along it, edge-on. "project": the
output layer's matrix flattens the space back onto a plane, seen from above, and the bias and
softmax land every point on the line ``y1 + y2 = 1``.

Both chapters draw in one 3-D view, so one ``LiftChapter`` holds it from the first to the last.
"""

from __future__ import annotations

from manim import LEFT, MathTex

from nnanim.anim.equations import matrix_equation
from nnanim.anim.films import LiftFilm
from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, SPACE_WINDOW, TITLE_Y
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import SideColumn, stage_label
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView, turned
from nnanim.core.model import accuracy
from nnanim.core.run import Run
from nnanim.palette import ACCURACY_COLOR, MUTED, SOFTMAX_BOUNDARY


class LiftChapter:
    """The 3-D view of ``run`` (a 2 → 3 tanh → 2 softmax network), told in two chapters."""

    def __init__(self, scene: LectureScene, run: Run) -> None:
        self.scene = scene
        self.run = run
        self.weights = run.trajectory.final_params
        self.film = LiftFilm(self.weights, run.trajectory.arch, run.shown_X)
        view = SpaceView(SPACE_WINDOW, ("o_1", "o_2", "o_3"), camera=FROM_ABOVE, plane_opacity=0.0)
        self.player = StagePlayer(self.film, view, run.shown_y)
        self.title = scene.text("lift_title", 34)
        if self.title.width > SIDE_WIDTH:  # it would touch the frame's right edge
            self.title.scale_to_fit_width(SIDE_WIDTH)
        self.title.move_to([SIDE_LEFT, TITLE_Y, 0], aligned_edge=LEFT)
        self.side = SideColumn()

    def play_lift(self) -> None:
        """Chapter "lift": into 3-D, shifted, bent, then cut by the output layer's plane."""
        self.show_the_input_plane_from_above()
        self.tilt_the_camera()
        self.lift_into_three_dimensions()
        self.scene.beat()
        self.shift_and_bend()
        self.scene.beat()
        self.show_the_separating_plane()
        self.look_along_the_plane()

    def play_projection(self) -> None:
        """Chapter "project": back onto a plane, then onto the softmax line."""
        self.project_back_onto_a_plane()
        self.scene.beat()
        self.land_on_the_softmax_line()

    # --- the beats -------------------------------------------------------------------------

    def show_the_input_plane_from_above(self) -> None:
        scene = self.scene
        scene.play(Appear(self.title), Appear(self.player.view),
                   *self.side.replace(scene.text("lift_from_above", 26)),
                   run_time=scene.seconds(1.0))
        scene.pause(2.0)

    def tilt_the_camera(self) -> None:
        self.scene.play(self.player.turn(OBLIQUE, run_time=self.scene.seconds(3.5)))

    def lift_into_three_dimensions(self) -> None:
        scene = self.scene
        lift = matrix_equation(self.weights[0][0], ("o_1", "o_2", "o_3"), ("i_1", "i_2"))
        scene.play(*self.side.replace(scene.text("lift_heading", 28), lift,
                                      scene.text("lift_learned", 22, MUTED),
                                      scene.text("lift_in_floor", 24)),
                   run_time=scene.seconds(1.0))
        rise = self.player.segment(0, "lift")
        self.play_stage(0, "linear", 6.0, drift=10, until=rise.start)
        scene.play(*self.side.add(scene.text("lift_rise", 24)), run_time=scene.seconds(0.5))
        self.play_stage(0, "linear", 4.0, drift=10)
        scene.play(self.player.turn(turned(self.player.view.camera, 30),
                                    run_time=scene.seconds(3.0)))

    def shift_and_bend(self) -> None:
        for stage, seconds in (("bias", 3.0), ("activation", 4.5)):
            self.show_stage_label(0, stage)
            self.play_stage(0, stage, seconds, drift=-12)

    def show_the_separating_plane(self) -> None:
        scene = self.scene
        equation = MathTex(r"z_1 = z_2", color=SOFTMAX_BOUNDARY, font_size=40)
        scene.play(self.player.reveal_plane(),
                   *self.side.replace(scene.text("plane_heading", 28), equation,
                                      scene.text("plane_equation", 22, MUTED)),
                   run_time=scene.seconds(1.5))
        scene.pause(1.5)

    def look_along_the_plane(self) -> None:
        scene = self.scene
        scene.play(self.player.edge_on(run_time=scene.seconds(6.0)),
                   *self.side.add(scene.text("edge_on", 24)))
        scene.pause(3.0)

    def project_back_onto_a_plane(self) -> None:
        scene = self.scene
        projection = matrix_equation(self.weights[1][0], ("z_1", "z_2"), ("o_1", "o_2", "o_3"))
        scene.play(*self.side.replace(scene.text("project_heading", 28), projection,
                                      scene.text("project_learned", 22, MUTED),
                                      scene.text("project_flatten", 24)),
                   run_time=scene.seconds(1.0))
        scene.play(self.player.turn(OBLIQUE, run_time=scene.seconds(3.0)))
        flatten = self.player.segment(1, "flatten")
        self.play_stage(1, "linear", 6.0, until=flatten.end)
        scene.play(self.player.turn(FROM_ABOVE, run_time=scene.seconds(3.0)))
        self.show_stage_label(1, "linear")
        self.play_stage(1, "linear", 4.0)
        self.player.view.name_axes(("z_1", "z_2"))

    def land_on_the_softmax_line(self) -> None:
        scene, run = self.scene, self.run
        for stage, seconds in (("bias", 3.0), ("softmax", 4.5)):
            self.show_stage_label(1, stage)
            self.play_stage(1, stage, seconds)
        self.player.view.name_axes(("y_1", "y_2"))
        score = 100 * accuracy(self.weights, run.trajectory.arch, run.X, run.y)
        scene.play(*self.side.add(scene.text("softmax_boundary", 24, SOFTMAX_BOUNDARY),
                                  scene.text("accuracy_value", 28, ACCURACY_COLOR, value=score)),
                   run_time=scene.seconds(0.8))
        scene.pause(3.0)
        scene.play(*[Vanish(m) for m in (self.title, self.player.view, self.side.shown)],
                   run_time=scene.seconds(1.0))

    # --- helpers ---------------------------------------------------------------------------

    def show_stage_label(self, layer: int, stage: str) -> None:
        """The side column names the stage about to play, alone."""
        self.scene.play(*self.side.replace(stage_label(self.scene, self.film.warp, layer, stage)),
                        run_time=self.scene.seconds(0.5))

    def play_stage(self, layer: int, stage: str, seconds: float, drift: float = 0.0,
                   until: float = 1.0) -> None:
        """One stage (or its part up to ``until``); the camera drifts ``drift`` degrees round."""
        self.scene.play(self.player.stage(layer, stage, until=until, drift=drift,
                                          run_time=self.scene.seconds(seconds)))
