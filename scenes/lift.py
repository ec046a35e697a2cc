"""Beyond the plane: the donut needs a third dimension (C3: 2 → 3 tanh → 2 softmax).

    manim -pqh scenes/lift.py

Chapters (``--save_sections`` writes one file each): "compare" (2 hidden units are stuck, 3
solve it), "lift" (the input plane lifted into 3-D, shifted, bent by tanh, then cut by the
separating plane, seen edge-on) and "project" (3 → 2 back onto a plane, then the softmax).
"""

from manim import DEGREES, DOWN, LEFT, UP, FadeIn, FadeOut, MathTex, Mobject, VGroup

from nnanim.anim.inside import stage_label
from nnanim.anim.layout import SIDE_LEFT, SIDE_WIDTH, TITLE_Y
from nnanim.anim.lecture import LectureScene, fit_width, lecture_text
from nnanim.anim.lift import FROM_ABOVE, OBLIQUE, LiftFilm, SpacePlayer
from nnanim.anim.lift_compare import measured_accuracy, play_side_by_side
from nnanim.anim.lift_text import lift_text, matrix_equation
from nnanim.palette import ACCURACY_COLOR, MUTED, SOFTMAX_BOUNDARY
from nnanim.anim.space3d import CameraRig
from nnanim.geometry.space3d import Orbit
from nnanim.run import prepare


class Lift(LectureScene):
    def construct(self) -> None:
        self.stuck, self.solved = prepare(["E6", "C3"])
        self.next_section("compare")
        play_side_by_side(self, self.stuck, self.solved)
        self.next_section("lift")
        self.set_up_the_space()
        self.show_the_input_plane_from_above()
        self.tilt_the_camera()
        self.lift_into_three_dimensions()
        self.shift_and_bend()
        self.show_the_separating_plane()
        self.look_along_the_plane()
        self.next_section("project")
        self.project_back_onto_a_plane()
        self.land_on_the_softmax_line()

    # --- the storyboard ---------------------------------------------------------------------

    def set_up_the_space(self) -> None:
        run = self.solved
        self.weights = run.trajectory.final_params
        self.film = LiftFilm(self.weights, run.trajectory.arch, run.X)
        self.rig = CameraRig(FROM_ABOVE.phi, FROM_ABOVE.theta)
        self.player = SpacePlayer(self, self.film, run.y, self.rig,
                                  axis_names=("o_1", "o_2", "o_3"))
        self.title = lift_text(self, "lift_title", 34)
        self.title.move_to([SIDE_LEFT, TITLE_Y, 0], aligned_edge=LEFT)
        self.side = VGroup()

    def show_the_input_plane_from_above(self) -> None:
        self.play(FadeIn(self.title), FadeIn(self.player.view),
                  *self.say(lift_text(self, "lift_from_above", 26)),
                  run_time=self.seconds(1.0))
        self.pause(2.0)

    def tilt_the_camera(self) -> None:
        self.player.turn(OBLIQUE, 3.5)

    def lift_into_three_dimensions(self) -> None:
        lift = matrix_equation(self.weights[0][0], ("o_1", "o_2", "o_3"), ("i_1", "i_2"))
        self.play(*self.say(lift_text(self, "lift_heading", 28), lift,
                            lift_text(self, "lift_learned", 22, MUTED),
                            lift_text(self, "lift_in_floor", 24)),
                  run_time=self.seconds(1.0))
        rise = self.player.segment(0, "lift")
        self.play_stage(0, "linear", 6.0, drift=10, until=rise.start)
        self.play(*self.add_to_side(lift_text(self, "lift_rise", 24)), run_time=self.seconds(0.5))
        self.play_stage(0, "linear", 4.0, drift=10)
        self.player.turn(Orbit(OBLIQUE.phi, self.rig.theta.get_value() + 30 * DEGREES), 3.0)

    def shift_and_bend(self) -> None:
        for stage, seconds in (("bias", 3.0), ("activation", 4.5)):
            self.play(*self.say(stage_label(self, self.film.warp, 0, stage)),
                      run_time=self.seconds(0.5))
            self.play_stage(0, stage, seconds, drift=-12)

    def show_the_separating_plane(self) -> None:
        equation = MathTex(r"z_1 = z_2", color=SOFTMAX_BOUNDARY, font_size=40)
        self.play(self.player.plane_opacity.animate.set_value(1.0),
                  *self.say(lift_text(self, "plane_heading", 28), equation,
                            lift_text(self, "plane_equation", 22, MUTED)),
                  run_time=self.seconds(1.5))
        self.pause(1.5)

    def look_along_the_plane(self) -> None:
        self.player.edge_on(6.0, *self.add_to_side(lift_text(self, "edge_on", 24)))
        self.pause(3.0)

    def project_back_onto_a_plane(self) -> None:
        projection = matrix_equation(self.weights[1][0], ("z_1", "z_2"), ("o_1", "o_2", "o_3"))
        self.play(*self.say(lift_text(self, "project_heading", 28), projection,
                            lift_text(self, "project_learned", 22, MUTED),
                            lift_text(self, "project_flatten", 24)),
                  run_time=self.seconds(1.0))
        self.player.turn(OBLIQUE, 3.0)
        flatten = self.player.segment(1, "flatten")
        self.play_stage(1, "linear", 6.0, until=flatten.end)
        self.player.turn(FROM_ABOVE, 3.0)
        self.play(*self.say(stage_label(self, self.film.warp, 1, "linear")),
                  run_time=self.seconds(0.5))
        self.play_stage(1, "linear", 4.0)
        self.player.view.name_axes(("z_1", "z_2"))

    def land_on_the_softmax_line(self) -> None:
        for stage, seconds in (("bias", 3.0), ("softmax", 4.5)):
            self.play(*self.say(stage_label(self, self.film.warp, 1, stage)),
                      run_time=self.seconds(0.5))
            self.play_stage(1, stage, seconds)
        self.player.view.name_axes(("y_1", "y_2"))
        score = 100 * measured_accuracy(self.solved)
        self.play(*self.add_to_side(
                      lecture_text(self.caption("softmax_boundary"), 24, SOFTMAX_BOUNDARY),
                      lecture_text(self.caption("accuracy_value", value=score), 28,
                                   ACCURACY_COLOR)),
                  run_time=self.seconds(0.8))
        self.pause(3.0)
        self.player.stop()
        self.play(*[FadeOut(m) for m in (self.title, self.player.view, self.side)],
                  run_time=self.seconds(1.0))

    # --- helpers ----------------------------------------------------------------------------

    def play_stage(self, layer: int, stage: str, seconds: float, drift: float = 0.0,
                   until: float = 1.0) -> None:
        """One stage (or its part up to ``until``); the camera drifts ``drift`` degrees round,
        for parallax: a slowly turning picture reads as 3-D."""
        turn = Orbit(self.rig.phi.get_value(), self.rig.theta.get_value() + drift * DEGREES)
        camera = self.rig.turn_to(turn, self.seconds(seconds)) if drift else []
        self.player.stage(layer, stage, seconds, *camera, until=until)

    def say(self, *parts: Mobject) -> list:
        """Replace the right-hand column with ``parts``, top to bottom."""
        column = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        fit_width(column, SIDE_WIDTH).move_to([SIDE_LEFT, TITLE_Y - 0.8, 0],
                                              aligned_edge=UP + LEFT)
        old, self.side = self.side, column
        return [FadeOut(old), FadeIn(column)]

    def add_to_side(self, *parts: Mobject) -> list:
        """Add ``parts`` under what the right-hand column already shows."""
        extra = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit_width(extra, SIDE_WIDTH).next_to(self.side, DOWN, buff=0.45, aligned_edge=LEFT)
        self.side = VGroup(*self.side, extra)
        return [FadeIn(extra)]
