"""A teacher's own torch network in their own scene (``nnanim.show_inside``, ``show_training``).

What the teacher must be able to trust: every stage the window ends on is where their module's
own forward pass puts the points (to 1e-9, for every activation nnanim accepts, mixed, one
logit read through a sigmoid and three classes), and ``show_inside`` stops on each with every
dot there; their checkpoints are the training chapter's weights; anything that cannot be drawn
is one line naming the layer and the fix; a plain ``Scene`` gets one line naming the base
class, before anything else is read; their own ``Text`` is readable on the light and the dark
paper, and manim's defaults are back after the scene, even one that raised; and
``examples/own_network.py`` renders and looks like its control pictures. Where and how large
the training picture is drawn: ``test_own_training_place.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from manim import DOWN, UP, FadeOut, MathTex, Scene, Tex, Text, tempconfig
from manim.utils.color import ManimColor
from scipy.spatial import cKDTree

import nnanim
from nnanim.anim.beat_frames import beat_frame_name
from nnanim.anim.lecture import LectureScene
from nnanim import network_film
from nnanim.anim.plane import PlaneView
from nnanim.anim.raster import RasterCamera
from nnanim.anim.space3d import SpaceView
from nnanim.anim.layout import WINDOW
from nnanim.core.model import forward_stages
from nnanim.core.torch_bridge import checkpoints_from_torch, network_from_torch
from nnanim.errors import NnanimError

from test_beat_frames import match_controls

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "own_network.py"
CONTROLS = ROOT / "tests" / "control_data" / "own_network"
POINTS = np.random.default_rng(3).normal(scale=1.2, size=(60, 2))
LABELS = (POINTS[:, 0] * POINTS[:, 1] > 0).astype(int)
ACTIVATIONS = {"Tanh": torch.nn.Tanh, "ReLU": torch.nn.ReLU, "Sigmoid": torch.nn.Sigmoid,
               "Identity": torch.nn.Identity, "none": None}


def network(hidden: tuple[int, ...], activation: str | tuple[str, ...], logits: int,
            sigmoid: bool = False, seed: int = 0) -> torch.nn.Sequential:
    """A trained-looking ``nn.Sequential``: random weights big enough to bend the plane;
    ``activation`` after every hidden layer, or one per hidden layer."""
    torch.manual_seed(seed)
    widths = [2, *hidden, logits]
    between = [activation] * len(hidden) if isinstance(activation, str) else list(activation)
    modules: list[torch.nn.Module] = []
    for i in range(len(widths) - 1):
        modules.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(hidden) and ACTIVATIONS[between[i]] is not None:
            modules.append(ACTIVATIONS[between[i]]())
    if sigmoid:
        modules.append(torch.nn.Sigmoid())
    net = torch.nn.Sequential(*modules).double()
    with torch.no_grad():
        for p in net.parameters():
            p.mul_(2.0)
    return net


def torch_stages(net: torch.nn.Sequential, X: np.ndarray) -> list[np.ndarray]:
    """Where the module puts the points after each stage nnanim draws (``W``, ``+ b``, ``f``),
    the last one the module's own probabilities of every class."""
    h = torch.tensor(X, dtype=torch.float64)
    ends: list[np.ndarray] = []
    layers = list(net)
    with torch.no_grad():
        for i, layer in enumerate(layers):
            if isinstance(layer, torch.nn.Linear):
                ends.append((h @ layer.weight.T).numpy())
                h = layer(h)
                ends.append(h.numpy())
                following = layers[i + 1] if i + 1 < len(layers) else None
                if following is None or isinstance(following, torch.nn.Linear):
                    if following is not None:  # no activation between: the identity
                        ends.append(h.numpy())
            elif isinstance(layer, torch.nn.Sigmoid) and i == len(layers) - 1:
                pass  # the module's reading of its one logit, compared below
            else:
                h = layer(h)
                ends.append(h.numpy())
        logits = h
        if logits.shape[1] == 1:
            p = torch.sigmoid(logits[:, 0])  # the module's p(class 1): BCEWithLogits reading
            ends.append(torch.stack([1 - p, p], dim=1).numpy())
        else:
            ends.append(torch.softmax(logits, dim=1).numpy())
    return ends


CASES = [
    pytest.param((2,), act, 2, False, id=f"{act}-2-classes") for act in ACTIVATIONS
] + [
    pytest.param((3, 2), "Tanh", 1, True, id="tanh-one-logit-sigmoid"),
    pytest.param((2,), "ReLU", 1, False, id="relu-one-logit"),
    pytest.param((3,), "Tanh", 2, False, id="tanh-3-wide-2-classes"),
    pytest.param((2,), "Tanh", 3, False, id="tanh-3-classes"),
    pytest.param((3,), "Sigmoid", 3, False, id="sigmoid-3-wide-3-classes"),
    pytest.param((2, 2), "Identity", 3, False, id="identity-3-classes"),
    pytest.param((2, 2), ("ReLU", "Sigmoid"), 2, False, id="relu-then-sigmoid-2-classes"),
    pytest.param((3, 2), ("Sigmoid", "ReLU"), 3, False, id="sigmoid-3-wide-then-relu-3-classes"),
    pytest.param((2,), "ReLU", 3, False, id="relu-3-classes"),
    pytest.param((3, 3), ("ReLU", "Tanh"), 3, False, id="relu-3-wide-then-tanh-3-wide-3-classes"),
    pytest.param((2, 3), ("none", "Sigmoid"), 1, True, id="nothing-then-sigmoid-one-logit"),
]


@pytest.mark.parametrize("hidden, activation, logits, sigmoid", CASES)
def test_every_stage_the_window_ends_on_is_the_modules_own_forward_pass(hidden, activation,
                                                                          logits, sigmoid):
    net = network(hidden, activation, logits, sigmoid)
    film = network_film(net, POINTS)
    expected = torch_stages(net, POINTS)
    stages = film.warp.stages()
    assert len(stages) == len(expected)
    assert stages[-1][1] == "softmax"
    for (layer, stage), truth in zip(stages, expected):
        drawn = film.frame(layer, stage, 1.0).points
        if logits == 1 and layer == len(hidden) and stage != "softmax":
            # One logit z is drawn as the two logits (0, z): the same probabilities.
            truth = np.column_stack([np.zeros(len(truth)), truth])
        width = truth.shape[1]
        np.testing.assert_allclose(drawn[:, :width], truth, rtol=0, atol=1e-9,
                                   err_msg=f"layer {layer}, stage {stage}")
        # A flat space drawn in a 3-D window lies on its floor.
        np.testing.assert_array_equal(drawn[:, width:], 0.0)


def dots_on_screen(view: PlaneView | SpaceView) -> dict[int, np.ndarray]:
    """The centre of every dot a view draws now (scene units), by class."""
    clouds = (list(enumerate(view.dots)) if isinstance(view, PlaneView)
              else [(part.label, part.cloud) for part in view.dots])
    drawn: dict[int, list[np.ndarray]] = {}
    for label, cloud in clouds:
        drawn.setdefault(label, []).append(cloud.dot_centers()[:, :2])
    return {label: np.concatenate(parts) for label, parts in drawn.items()}


SHOWN = [
    pytest.param((2, 2), ("ReLU", "Sigmoid"), 2, False, id="relu-then-sigmoid-2-classes"),
    pytest.param((3,), "Tanh", 1, True, id="tanh-3-wide-one-logit-sigmoid"),
    pytest.param((3, 2), ("Sigmoid", "ReLU"), 3, False, id="sigmoid-3-wide-then-relu-3-classes"),
    pytest.param((2,), "ReLU", 3, False, id="relu-3-classes"),
]


@pytest.mark.parametrize("hidden, activation, logits, sigmoid", SHOWN)
def test_show_inside_stops_on_every_stage_where_the_modules_forward_pass_puts_the_points(
        hidden, activation, logits, sigmoid):
    net = network(hidden, activation, logits, sigmoid)
    expected = torch_stages(net, POINTS)
    if logits == 1:  # one logit z is drawn as the two logits (0, z): the same probabilities
        expected[-2] = np.column_stack([np.zeros(len(POINTS)), expected[-2]])
        expected[-3] = np.column_stack([np.zeros(len(POINTS)), expected[-3]])
    beats: list[tuple[dict[int, np.ndarray], dict[int, np.ndarray]]] = []

    class Inside(LectureScene):
        def construct(self):
            nnanim.show_inside(self, net, POINTS, LABELS, center=(2.0, 0.3), size=4.5)

        def beat(self):
            # Where the module puts each point of the stage just ended (the last picture is
            # held once more at the end), seen through the view as it is now.
            [view] = [m for top in self.mobjects for m in top.get_family()
                      if isinstance(m, (PlaneView, SpaceView))]
            truth = expected[min(len(beats), len(expected) - 1)]
            if isinstance(view, SpaceView):
                truth = np.column_stack([truth, np.zeros((len(truth), 3 - truth.shape[1]))])
            shown = view.box.contains(truth)
            where = {label: view.scene_points(truth[shown & (LABELS == label)])[:, :2]
                     for label in (0, 1)}
            beats.append((dots_on_screen(view), where))
            super().beat()

    with tempconfig({"dry_run": True, "progress_bar": "none"}):
        Inside(skip_animations=True).render()
    assert len(beats) == len(expected) + 1  # a beat at the end of every stage, and the last
    for k, (drawn, where) in enumerate(beats):
        for label in (0, 1):
            # Every point of the class the view's box holds is a dot, where the module puts it.
            assert len(drawn[label]) == len(where[label]) > 0, f"beat {k}, class {label}"
            gap = max(cKDTree(drawn[label]).query(where[label])[0].max(),
                      cKDTree(where[label]).query(drawn[label])[0].max())
            assert gap <= 1e-9, f"beat {k}, class {label}: a dot {gap:.1e} from the module's"


def test_one_logit_is_exactly_a_two_class_softmax_of_zero_and_the_logit():
    net = network((2,), "Tanh", 1, sigmoid=True)
    arch, params = network_from_torch(net)
    assert arch.classes == 2
    W, b = params[-1]
    np.testing.assert_array_equal(W[0], 0.0)
    np.testing.assert_array_equal(W[1], net[2].weight.detach().numpy()[0])
    assert b.tolist() == [0.0, float(net[2].bias.detach()[0])]
    p = net(torch.tensor(POINTS)).detach().numpy()[:, 0]
    np.testing.assert_allclose(forward_stages(params, arch, POINTS).probabilities[:, 1], p,
                               rtol=0, atol=1e-12)


REFUSALS = [
    (torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.BatchNorm1d(4), torch.nn.Linear(4, 2)),
     r"network\[1\]: BatchNorm1d cannot be drawn"),
    (torch.nn.Sequential(torch.nn.Conv1d(1, 2, 1), torch.nn.Linear(2, 2)),
     r"network\[0\]: the network must start with nn.Linear"),
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Conv1d(1, 1, 1)),
     r"network\[2\]: Conv1d cannot be drawn"),
    (torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Tanh(), torch.nn.Linear(2, 2)),
     r"network\[0\]: Linear takes 3 inputs, not 2"),
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 4)),
     r"network\[2\]: 4 classes cannot be drawn; nnanim draws 2 classes \(a line\) or 3"),
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(4, 2)),
     r"network\[2\]: Linear takes 4 inputs but the layer before gives 3; make the widths chain"),
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Tanh(),
                         torch.nn.Linear(3, 2)),
     r"network\[2\]: Tanh follows another activation"),
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh()),
     r"network\[1\]: the network ends in an activation, not in its logits"),
    (torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid()),
     r"network\[1\]: the network ends in an activation"),  # sigmoid of 2 logits is no softmax
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.GELU(), torch.nn.Linear(3, 2)),
     r"network\[1\]: GELU cannot be drawn as a warp of the plane; use only Linear layers"),
    (torch.nn.Linear(2, 2), r"network: a Linear is not an nn.Sequential"),
    # The index is the layer's own in the module, Dropout counted.
    (torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Dropout(0.1), torch.nn.Tanh(),
                         torch.nn.LayerNorm(3), torch.nn.Linear(3, 2)),
     r"network\[3\]: LayerNorm cannot be drawn"),
]


@pytest.mark.parametrize("module, message", REFUSALS)
def test_what_cannot_be_drawn_is_refused_in_one_line_naming_the_layer(module, message):
    with pytest.raises(NnanimError, match=message) as caught:
        network_from_torch(module)
    assert "\n" not in str(caught.value)


def test_nan_or_infinite_weights_are_refused_naming_the_layer():
    net = network((2,), "Tanh", 2)
    with torch.no_grad():
        net[2].bias[1] = float("inf")
    with pytest.raises(NnanimError, match=r"network\[2\]: Linear weights contain NaN or inf"):
        network_from_torch(net)


def test_dropout_and_a_final_softmax_are_the_readings_nnanim_draws_anyway():
    plain = network((3,), "ReLU", 3)
    dressed = torch.nn.Sequential(plain[0], plain[1], torch.nn.Dropout(0.2), plain[2],
                                  torch.nn.Softmax(dim=1))
    arch, params = network_from_torch(dressed)
    dressed.eval()
    np.testing.assert_allclose(forward_stages(params, arch, POINTS).probabilities,
                               dressed(torch.tensor(POINTS)).detach().numpy(), rtol=0, atol=1e-12)


def checkpoints_of(net: torch.nn.Sequential, epochs: list[int]) -> list[tuple[int, dict]]:
    """``(epoch, state_dict)`` pairs as a teacher saves them: a few steps of Adam apart."""
    optimizer = torch.optim.Adam(net.parameters(), lr=0.05)
    inputs, targets = torch.tensor(POINTS), torch.tensor(LABELS)
    saved, epoch = [], 0
    for target in epochs:
        while epoch < target:
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(net(inputs), targets).backward()
            optimizer.step()
            epoch += 1
        saved.append((epoch, {k: v.clone() for k, v in net.state_dict().items()}))
    return saved


def test_the_training_chapter_replays_exactly_the_checkpoints_saved():
    net = network((3,), "Tanh", 2)
    saved = checkpoints_of(net, [0, 1, 5, 30])
    trajectory = checkpoints_from_torch(net, saved, POINTS, LABELS)
    assert trajectory.epochs.tolist() == [0, 1, 5, 30]
    for k, (_, state) in enumerate(saved):
        for (w, b), layer in zip(trajectory.checkpoint(k), (0, 2)):
            np.testing.assert_array_equal(w, state[f"{layer}.weight"].numpy())
            np.testing.assert_array_equal(b, state[f"{layer}.bias"].numpy())
        # Video time passes through every checkpoint exactly.
        np.testing.assert_array_equal(trajectory.params_at(trajectory.progress[k])[0][0],
                                      state["0.weight"].numpy())
    with torch.no_grad():
        predicted = net(torch.tensor(POINTS)).argmax(dim=1).numpy()
    assert trajectory.final_accuracy == pytest.approx(np.mean(predicted == LABELS))
    assert trajectory.loss[-1] < trajectory.loss[0]


def test_checkpoints_that_cannot_be_replayed_are_refused_in_one_line():
    net = network((3,), "Tanh", 2)
    saved = checkpoints_of(net, [0, 4])
    with pytest.raises(NnanimError, match=r"checkpoints: 1 given; save at least two"):
        checkpoints_from_torch(net, saved[:1], POINTS, LABELS)
    other = network((4,), "Tanh", 2).state_dict()
    with pytest.raises(NnanimError, match=r"checkpoints\[1\]: not an \(epoch, state_dict\) pair "
                                          r"of this network \(Error"):
        checkpoints_from_torch(net, [saved[0], (4, other)], POINTS, LABELS)
    with pytest.raises(NnanimError, match=r"y: labels 0\.\.2 do not fit 2 classes"):
        checkpoints_from_torch(net, saved, POINTS, np.where(LABELS == 1, 2, 0))


@pytest.mark.parametrize("show", ["show_inside", "show_training"])
def test_a_plain_scene_gets_one_line_naming_the_base_class_before_anything_else(show):
    class Plain(Scene):
        def construct(self):
            # Every other argument is wrong too: the scene is what is checked first.
            getattr(nnanim, show)(self, "no network", None, None, None)

    with tempconfig({"dry_run": True, "progress_bar": "none"}):
        with pytest.raises(NnanimError) as caught:
            Plain().render()
    assert str(caught.value) == (
        "scene: Plain (a plain manim Scene) cannot show nnanim's pictures; derive your scene "
        "from nnanim.LectureScene: class Plain(nnanim.LectureScene)")
    with pytest.raises(NnanimError, match=r"scene: the class LectureScene was given, not a "
                                          r"scene; pass the scene itself \(self, in construct\)"):
        getattr(nnanim, show)(LectureScene, "no network", None, None, None)
    with pytest.raises(NnanimError, match=r"scene: Sequential cannot show nnanim's pictures"):
        getattr(nnanim, show)(network((2,), "Tanh", 2), POINTS, LABELS, [], 0)  # self forgotten


def test_a_window_that_cannot_be_placed_is_refused_before_any_drawing():
    class Stage(LectureScene):
        pass

    net = network((2,), "Tanh", 2)
    for kwargs, message in (({"center": (1.0,)}, r"center: \(1.0,\) is not a point"),
                            ({"size": 0}, r"size: 0\.0 is not allowed"),
                            ({"stage_seconds": -1}, r"stage_seconds: -1\.0 is not allowed"),
                            ({"center": (6.0, 0.0), "size": 3.0},
                             r"center, size: the window \(3\.00 × 3\.00 at size 3\) around "
                             r"\(6, 0\) leaves the frame \(14\.22 × 8\.00, centred on 0\) by "
                             r"0\.39; make size smaller or move center")):
        with pytest.raises(NnanimError, match=message):
            nnanim.show_inside(Stage(), net, POINTS, LABELS, **kwargs)
    with pytest.raises(NnanimError, match=r"y: give one integer label 0\.\.1 per point"):
        nnanim.show_inside(Stage(), net, POINTS, LABELS[:-1])


def test_the_public_names_load_only_when_asked_for():
    import subprocess
    import sys

    code = ("import sys, nnanim; assert 'manim' not in sys.modules and 'torch' not in "
            "sys.modules; nnanim.show_inside; assert 'manim' in sys.modules; "
            "print(sorted(nnanim.__all__))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "show_inside" in result.stdout and "LectureScene" in result.stdout
    with pytest.raises(AttributeError, match="no attribute 'show_outside'"):
        nnanim.show_outside  # noqa: B018


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels (0..255)."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_plain_text_of_the_scene_is_readable_on_its_paper(dark):
    drawn = []

    class Words(LectureScene):
        def construct(self):
            drawn.extend([Text("Readable words", font_size=72),
                          MathTex(r"y_1 + y_2 = 1", font_size=96)])

    Words.dark = dark
    scene = Words()
    with tempconfig({"dry_run": True, "progress_bar": "none"}):
        scene.render()
    paper = ManimColor(scene.camera.background_color).to_hex()
    for mobject in drawn:
        camera = RasterCamera(background_color=paper)
        camera.capture_mobjects([mobject])
        pixels = camera.pixel_array[..., :3].reshape(-1, 3)
        lum = luminance(pixels)
        background = luminance(np.array([int(paper[i:i + 2], 16) for i in (1, 3, 5)]))
        ink = lum.max() if dark else lum.min()
        ratio = (max(ink, background) + 0.05) / (min(ink, background) + 0.05)
        assert ratio >= 7.0, f"{type(mobject).__name__} contrast {ratio:.1f}:1 on {paper}"
    # Manim's own defaults are back for whatever is built after the scene.
    assert Text("after").get_color().to_hex().upper() == "#FFFFFF"


def test_a_scene_that_raises_leaves_manims_word_defaults_as_they_were(tmp_path):
    class Faulty(LectureScene):
        def construct(self):
            self.add(Text("before the fault"))
            raise RuntimeError("the teacher's own mistake")

    class Plain(Scene):
        def construct(self):
            self.add(Text("Plain words", font_size=96).to_edge(UP),
                     MathTex("x^2", font_size=144).to_edge(DOWN))

    options = {"media_dir": str(tmp_path), "quality": "low_quality", "disable_caching": True,
               "progress_bar": "none", "write_to_movie": False, "save_last_frame": True}
    with tempconfig(options):
        with pytest.raises(RuntimeError, match="the teacher's own mistake"):
            Faulty().render()
        plain = Plain()
        plain.render()
        pixels = plain.renderer.get_frame()[..., :3].astype(int)
        # White words and formula on manim's black: pure white pixels in both halves of the
        # frame (none where the lecture's ink leaked).
        white = pixels.min(axis=-1) >= 250
        half = len(white) // 2
        assert white[:half].sum() > 500 and white[half:].sum() > 500
        for made in (Text("after"), MathTex("x"), Tex("x")):
            assert made.get_color().to_hex().upper() == "#FFFFFF", type(made).__name__
        assert Text("after").font == ""  # manim's default font, not the lecture's
        # A default the teacher set before is theirs again too.
        Text.set_default(color="#FF0000")
        try:
            with pytest.raises(RuntimeError):
                Faulty().render()
            assert Text("after").get_color().to_hex().upper() == "#FF0000"
        finally:
            Text.set_default()


def test_manims_fade_out_takes_nnanims_windows_away():
    view = PlaneView(WINDOW, heatmap=True)
    view.heatmap.set_raster(np.full((4, 4, 4), 0.8))
    fade = FadeOut(view)
    fade.begin()
    fade.interpolate(0.5)
    assert view.heatmap.rgba[..., 3].max() == pytest.approx(0.4)


@pytest.mark.slow
def test_the_example_renders_and_looks_like_its_control_pictures(render_scene, tmp_path,
                                                                 request):
    beats = tmp_path / "beats"
    videos = render_scene(EXAMPLE, tmp_path / "media",
                          env={"NNANIM_BEAT_FRAMES": str(beats)})
    assert (videos / "OwnNetwork.mp4").stat().st_size > 10_000
    drawn = sorted(beats.glob("*.png"))
    assert beats / beat_frame_name("training", 1) in drawn
    assert beats / beat_frame_name("inside", 1) in drawn
    match_controls("examples/own_network.py", drawn, CONTROLS,
                   request.config.getoption("--set_test"))
