"""Beyond the plane: the donut needs a third dimension (C3: 2 → 3 tanh → 2 softmax).

    manim -pqh scenes/lift.py

Chapters (``--save_sections`` writes one file each): "compare" (2 hidden units are stuck, 3
solve it), "lift" (the input plane lifted into 3-D, shifted, bent by tanh, then cut by the
separating plane, seen edge-on) and "project" (3 → 2 back onto a plane, then the softmax).
"""

from manim import LEFT, MathTex

from nnanim.anim.chapters.lift_compare import measured_accuracy, play_side_by_side
from nnanim.anim.equations import matrix_equation
from nnanim.anim.films import LiftFilm
from nnanim.anim.layout import SIDE_LEFT, SPACE_WINDOW, TITLE_Y
from nnanim.anim.lecture import LectureScene
from nnanim.anim.motion import Appear, Vanish
from nnanim.anim.player import StagePlayer
from nnanim.anim.side import SideColumn, stage_label
from nnanim.anim.space3d import FROM_ABOVE, OBLIQUE, SpaceView, turned
from nnanim.palette import ACCURACY_COLOR, MUTED, SOFTMAX_BOUNDARY
from nnanim.core.run import prepare


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
        self.beat()
        self.shift_and_bend()
        self.beat()
        self.show_the_separating_plane()
        self.look_along_the_plane()
        self.next_section("project")
        self.project_back_onto_a_plane()
        self.beat()
        self.land_on_the_softmax_line()

    # --- the storyboard ---------------------------------------------------------------------

    def set_up_the_space(self) -> None:
        run = self.solved
        self.weights = run.trajectory.final_params
        self.film = LiftFilm(self.weights, run.trajectory.arch, run.shown_X)
        view = SpaceView(SPACE_WINDOW, ("o_1", "o_2", "o_3"), camera=FROM_ABOVE, plane_opacity=0.0)
        self.player = StagePlayer(self.film, view, run.shown_y)
        self.title = self.text("lift_title", 34)
        self.title.move_to([SIDE_LEFT, TITLE_Y, 0], aligned_edge=LEFT)
        self.side = SideColumn()

    def show_the_input_plane_from_above(self) -> None:
        self.play(Appear(self.title), Appear(self.player.view),
                  *self.side.replace(self.text("lift_from_above", 26)),
                  run_time=self.seconds(1.0))
        self.pause(2.0)

    def tilt_the_camera(self) -> None:
        self.play(self.player.turn(OBLIQUE, run_time=self.seconds(3.5)))

    def lift_into_three_dimensions(self) -> None:
        lift = matrix_equation(self.weights[0][0], ("o_1", "o_2", "o_3"), ("i_1", "i_2"))
        self.play(*self.side.replace(self.text("lift_heading", 28), lift,
                                     self.text("lift_learned", 22, MUTED),
                                     self.text("lift_in_floor", 24)),
                  run_time=self.seconds(1.0))
        rise = self.player.segment(0, "lift")
        self.play_stage(0, "linear", 6.0, drift=10, until=rise.start)
        self.play(*self.side.add(self.text("lift_rise", 24)), run_time=self.seconds(0.5))
        self.play_stage(0, "linear", 4.0, drift=10)
        self.play(self.player.turn(turned(self.player.view.camera, 30),
                                   run_time=self.seconds(3.0)))

    def shift_and_bend(self) -> None:
        for stage, seconds in (("bias", 3.0), ("activation", 4.5)):
            self.play(*self.side.replace(stage_label(self, self.film.warp, 0, stage)),
                      run_time=self.seconds(0.5))
            self.play_stage(0, stage, seconds, drift=-12)

    def show_the_separating_plane(self) -> None:
        equation = MathTex(r"z_1 = z_2", color=SOFTMAX_BOUNDARY, font_size=40)
        self.play(self.player.reveal_plane(),
                  *self.side.replace(self.text("plane_heading", 28), equation,
                                     self.text("plane_equation", 22, MUTED)),
                  run_time=self.seconds(1.5))
        self.pause(1.5)

    def look_along_the_plane(self) -> None:
        self.play(self.player.edge_on(run_time=self.seconds(6.0)),
                  *self.side.add(self.text("edge_on", 24)))
        self.pause(3.0)

    def project_back_onto_a_plane(self) -> None:
        projection = matrix_equation(self.weights[1][0], ("z_1", "z_2"), ("o_1", "o_2", "o_3"))
        self.play(*self.side.replace(self.text("project_heading", 28), projection,
                                     self.text("project_learned", 22, MUTED),
                                     self.text("project_flatten", 24)),
                  run_time=self.seconds(1.0))
        self.play(self.player.turn(OBLIQUE, run_time=self.seconds(3.0)))
        flatten = self.player.segment(1, "flatten")
        self.play_stage(1, "linear", 6.0, until=flatten.end)
        self.play(self.player.turn(FROM_ABOVE, run_time=self.seconds(3.0)))
        self.play(*self.side.replace(stage_label(self, self.film.warp, 1, "linear")),
                  run_time=self.seconds(0.5))
        self.play_stage(1, "linear", 4.0)
        self.player.view.name_axes(("z_1", "z_2"))

    def land_on_the_softmax_line(self) -> None:
        for stage, seconds in (("bias", 3.0), ("softmax", 4.5)):
            self.play(*self.side.replace(stage_label(self, self.film.warp, 1, stage)),
                      run_time=self.seconds(0.5))
            self.play_stage(1, stage, seconds)
        self.player.view.name_axes(("y_1", "y_2"))
        score = 100 * measured_accuracy(self.solved)
        self.play(*self.side.add(self.text("softmax_boundary", 24, SOFTMAX_BOUNDARY),
                                 self.text("accuracy_value", 28, ACCURACY_COLOR, value=score)),
                  run_time=self.seconds(0.8))
        self.pause(3.0)
        self.play(*[Vanish(m) for m in (self.title, self.player.view, self.side.shown)],
                  run_time=self.seconds(1.0))

    # --- helpers ----------------------------------------------------------------------------

    def play_stage(self, layer: int, stage: str, seconds: float, drift: float = 0.0,
                   until: float = 1.0) -> None:
        """One stage (or its part up to ``until``); the camera drifts ``drift`` degrees round."""
        self.play(self.player.stage(layer, stage, until=until, drift=drift,
                                    run_time=self.seconds(seconds)))
