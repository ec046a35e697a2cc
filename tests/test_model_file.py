"""``nnanim render --model weights.pt --data points.csv``: a network trained in torch, drawn
without a scene of one's own.

What the teacher must be able to trust: the state dict they saved (``.pt`` or
``.safetensors``, the same numbers either way) is drawn as their module computes it, every
stage the inside chapter ends on is the module's own forward pass, the still shows each region
in the colour of the class the module picks there, and anything that cannot be drawn -- a
convolution, 3 inputs, 4 classes, NaN, widths that do not chain, a missing bias, an unknown or
miscounted activation, points that do not fit, a missing or foreign file, a whole pickled
module -- is one line naming the file and the layer or field, before anything is rendered.
"""

from __future__ import annotations

import os
import subprocess
from copy import deepcopy
import sys
from pathlib import Path

import av
import numpy as np
import pytest
import torch
from PIL import Image
from safetensors.torch import save_file

from nnanim.anim.films import inside_film
from nnanim.anim.layout import WINDOW, data_box
from nnanim.anim.lecture import LectureScene
from nnanim.anim.storyboards import play_model
from nnanim.anim.triangle_film import TriangleFilm
from nnanim.command import cli
from nnanim.core.data import moons, three_blobs
from nnanim.core.model import forward_stages
from nnanim.core.model_file import ModelSource
from nnanim.course.render_request import RenderRequest, request_from_env
from nnanim.errors import NnanimError
from nnanim.geometry.framing import to_scene
from nnanim.palette import REGION_COLORS, hex_to_rgb

from test_own_network import torch_stages
from test_words import overlapping_words_in

ROOT = Path(__file__).resolve().parents[1]
Linear, Tanh = torch.nn.Linear, torch.nn.Tanh


def trained(hidden: tuple[int, ...], activation: type[torch.nn.Module], logits: int,
            X: np.ndarray, y: np.ndarray, seed: int = 0, steps: int = 300) -> torch.nn.Sequential:
    """A network as a teacher trains it: float32, Adam, cross-entropy (or BCE for one logit)."""
    torch.manual_seed(seed)
    widths = [2, *hidden, logits]
    modules: list[torch.nn.Module] = []
    for i in range(len(widths) - 1):
        modules.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(hidden):
            modules.append(activation())
    net = torch.nn.Sequential(*modules)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.05)
    inputs = torch.tensor(X, dtype=torch.float32)
    for _ in range(steps):
        optimizer.zero_grad()
        out = net(inputs)
        if logits == 1:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                out[:, 0], torch.tensor(y, dtype=torch.float32))
        else:
            loss = torch.nn.functional.cross_entropy(out, torch.tensor(y))
        loss.backward()
        optimizer.step()
    return net


def in_float64(net: torch.nn.Sequential) -> torch.nn.Sequential:
    """The teacher's module computing in float64, its weights unchanged (and theirs untouched)."""
    return deepcopy(net).double()


def write_points(path: Path, X: np.ndarray, y: np.ndarray) -> Path:
    rows = [f"{a!r},{b!r},{label}" for (a, b), label in zip(X.tolist(), y.tolist())]
    path.write_text("x1,x2,label\n" + "\n".join(rows) + "\n")
    return path


MOONS = moons(n=160, noise=0.1, seed=2)
BLOBS = three_blobs(n=150, seed=3)


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, object]:
    """Two trained networks saved as a teacher saves them, with their points: moons through a
    2-3-1 tanh network read through a sigmoid, three blobs through 2-3-3 ReLU."""
    folder = tmp_path_factory.mktemp("teacher")
    moons_net = trained((3,), torch.nn.Tanh, 1, *MOONS)
    blobs_net = trained((3,), torch.nn.ReLU, 3, *BLOBS, seed=1)
    torch.save(moons_net.state_dict(), folder / "moons.pt")
    save_file(moons_net.state_dict(), folder / "moons.safetensors")
    torch.save(blobs_net.state_dict(), folder / "blobs.pth")
    (folder / "blobs.toml").write_text('activations = "relu"\ntitle = "three blobs, 3 ReLU"\n')
    return {"folder": folder, "moons": moons_net, "blobs": blobs_net,
            "moons.csv": write_points(folder / "moons.csv", *MOONS),
            "blobs.csv": write_points(folder / "blobs.csv", *BLOBS)}


def test_pt_and_safetensors_give_the_same_network_with_the_modules_own_weights(saved):
    folder, net = saved["folder"], saved["moons"]
    from_pt = ModelSource(str(folder / "moons.pt"), str(saved["moons.csv"]), "tanh").load()
    from_st = ModelSource(str(folder / "moons.safetensors"), str(saved["moons.csv"]),
                          "tanh").load()
    assert from_pt.arch == from_st.arch and from_pt.arch.describe() == "3 tanh → 2 softmax"
    for (w_pt, b_pt), (w_st, b_st) in zip(from_pt.params, from_st.params):
        np.testing.assert_array_equal(w_pt, w_st)
        np.testing.assert_array_equal(b_pt, b_st)
    np.testing.assert_array_equal(from_pt.params[0][0], net[0].weight.detach().double().numpy())
    # One logit z is drawn as the two logits (0, z): p(class 1) is the module's sigmoid(z).
    with torch.no_grad():
        p = torch.sigmoid(in_float64(net)(torch.tensor(from_pt.X))[:, 0]).numpy()
    np.testing.assert_allclose(forward_stages(from_pt.params, from_pt.arch,
                                              from_pt.X).probabilities[:, 1], p, atol=1e-12)
    assert from_pt.accuracy == pytest.approx(np.mean((p > 0.5) == MOONS[1]))


@pytest.mark.parametrize("name", ["moons", "blobs"])
def test_every_stage_drawn_ends_where_the_saved_modules_forward_pass_puts_the_points(saved,
                                                                                     name):
    folder = saved["folder"]
    weights = folder / ("moons.pt" if name == "moons" else "blobs.pth")
    model = ModelSource(str(weights), str(saved[f"{name}.csv"]),
                        "tanh" if name == "moons" else None).load()
    film = (TriangleFilm(model.params, model.arch, model.shown_X) if model.arch.classes == 3
            else inside_film(model.params, model.arch, model.shown_X))
    expected = torch_stages(in_float64(saved[name]), model.shown_X)
    stages = film.warp.stages()
    assert len(stages) == len(expected) and stages[-1][1] == "softmax"
    for (layer, stage), truth in zip(stages, expected):
        if name == "moons" and layer == 1 and stage != "softmax":
            truth = np.column_stack([np.zeros(len(truth)), truth])  # the logits (0, z)
        drawn = film.frame(layer, stage, 1.0).points
        width = truth.shape[1]
        np.testing.assert_allclose(drawn[:, :width], truth, rtol=0, atol=1e-9,
                                   err_msg=f"layer {layer}, stage {stage}")


def test_the_toml_file_beside_the_weights_gives_activations_and_title(saved):
    folder = saved["folder"]
    model = ModelSource(str(folder / "blobs.pth"), str(saved["blobs.csv"])).load()
    assert model.arch.describe() == "3 relu → 3 softmax"
    assert model.heading == "blobs.pth: three blobs, 3 ReLU" and model.name == "blobs"
    # The flag wins over the file, and one name is every hidden layer's.
    flagged = ModelSource(str(folder / "blobs.pth"), str(saved["blobs.csv"]), "Sigmoid").load()
    assert flagged.arch.describe() == "3 sigmoid → 3 softmax"


def test_a_sequential_kept_inside_a_module_is_read_from_its_keys(tmp_path):
    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = sequential(Linear(2, 3), Tanh(), Linear(3, 2))

    net = Net()
    torch.save(net.state_dict(), tmp_path / "wrapped.pt")  # keys net.0.weight, ...
    model = ModelSource(str(tmp_path / "wrapped.pt"),
                        str(write_points(tmp_path / "points.csv", *MOONS)), "tanh").load()
    np.testing.assert_array_equal(model.params[1][0], net.net[2].weight.detach().double().numpy())
    torch.save({**net.state_dict(), "head.0.weight": torch.zeros(2, 2)}, tmp_path / "two.pt")
    with pytest.raises(NnanimError, match=r"two\.pt: the keys belong to 2 modules \(head, net\)"):
        ModelSource(str(tmp_path / "two.pt"), str(tmp_path / "points.csv"), "tanh").load()


def test_a_model_request_travels_to_the_scene_through_the_environment(saved):
    source = ModelSource(str(saved["folder"] / "moons.pt"), str(saved["moons.csv"]), "tanh")
    request = RenderRequest(model=source)
    assert request_from_env(request.env()) == request
    # An experiment's request clears a model a caller's environment may still name.
    assert request_from_env({**request.env(), **RenderRequest("E3").env()}).experiment == "E3"


# --- refusals --------------------------------------------------------------------------------


def sequential(*modules: torch.nn.Module) -> torch.nn.Sequential:
    torch.manual_seed(0)
    return torch.nn.Sequential(*modules)


def state_of(*modules: torch.nn.Module) -> dict[str, torch.Tensor]:
    return sequential(*modules).state_dict()


def nan_bias() -> dict[str, torch.Tensor]:
    state = state_of(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
    state["2.bias"][1] = float("nan")
    return state


REFUSED_WEIGHTS = [
    pytest.param(state_of(torch.nn.Conv2d(1, 4, 3), torch.nn.ReLU(), torch.nn.Flatten(),
                          Linear(4, 2)),
                 "relu", r"w.pt: network[0]: 0.weight is 4-D (4, 1, 3, 3), a 2-D convolution's; "
                         r"nnanim draws only Linear layers", id="convolution"),
    pytest.param(state_of(Linear(3, 4), Tanh(), Linear(4, 2)), "tanh",
                 "w.pt: network[0]: Linear takes 3 inputs, not 2; nnanim draws networks of "
                 "points in the plane", id="three-inputs"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(3, 4)), "tanh",
                 "w.pt: network[2]: 4 classes cannot be drawn; nnanim draws 2 classes (a line) "
                 "or 3 (a triangle)", id="four-classes"),
    pytest.param(nan_bias(), "tanh",
                 "w.pt: network[2]: Linear weights contain NaN or inf", id="nan"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(4, 2)), "tanh",
                 "w.pt: network[2]: Linear takes 4 inputs but the layer before gives 3; make "
                 "the widths chain", id="widths-do-not-chain"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(3, 2, bias=False)), "tanh",
                 "w.pt: network[2]: 2.bias is missing; nnanim draws Linear layers with their "
                 "bias", id="missing-bias"),
    pytest.param({"2.bias": torch.zeros(2), **state_of(Linear(2, 2))}, None,
                 "w.pt: network[2]: 2.bias has no 2.weight beside it", id="bias-alone"),
    pytest.param(state_of(Linear(2, 3), torch.nn.BatchNorm1d(3), Linear(3, 2)), "tanh",
                 "w.pt: network[1]: holds 1.num_batches_tracked, 1.running_mean, "
                 "1.running_var, so it is no Linear layer", id="batchnorm"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(3, 2, bias=True)) | {
        "3.bias": torch.zeros(2, 2), "3.weight": torch.zeros(2, 2)}, "tanh",
                 "w.pt: network[3]: 3.bias has shape (2, 2), but 3.weight (2, 2) gives 2 "
                 "outputs", id="bias-of-the-wrong-shape"),
    pytest.param({"fc1.weight": torch.zeros(3, 2), "fc1.bias": torch.zeros(3)}, "tanh",
                 "w.pt: 'fc1.weight' is not N.weight or N.bias of an nn.Sequential",
                 id="not-a-sequential"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(3, 2)), "gelu",
                 "--activations: 'gelu' is not one of tanh, relu, sigmoid, identity",
                 id="unknown-activation"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(3, 3), Tanh(), Linear(3, 2)),
                 "tanh,tanh,relu",
                 "--activations: 3 given (tanh, tanh, relu) but the network has 2 hidden "
                 "layers (network[0], network[2]); give one per hidden layer, or one for all",
                 id="too-many-activations"),
    pytest.param(state_of(Linear(2, 3), Tanh(), Linear(3, 2)), None,
                 "w.pt: the activations between its layers are not in the file; add "
                 "--activations tanh", id="activations-not-given"),
    pytest.param(state_of(Linear(2, 2)), "tanh",
                 "--activations: the network is one Linear layer, with no hidden layer",
                 id="activation-without-a-hidden-layer"),
    pytest.param(state_of(Linear(2, 3), Linear(3, 2)), "tanh",
                 "--activations: tanh after network[0], but network[1] follows it at once, "
                 "with no module between; give identity there", id="no-room-for-an-activation"),
    pytest.param({"model": state_of(Linear(2, 2)), "epoch": 3}, None,
                 "w.pt: 'model' holds no tensor but OrderedDict (a training checkpoint?); "
                 "save the network's weights alone",
                 id="training-checkpoint"),
]


@pytest.fixture
def no_render(monkeypatch):
    """Fail the test if anything gets as far as rendering or writing to the media folder."""
    def refuse(*args, **kwargs):
        raise AssertionError("rendering started")

    monkeypatch.setattr(cli, "render_scene", refuse)
    monkeypatch.setattr(cli, "_output", refuse)


def assert_refused(argv: list[str], capsys, message: str) -> None:
    """One line ``nnanim: error: ...`` holding ``message``, status 2, nothing rendered."""
    status = cli.main(argv)
    err = capsys.readouterr().err
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnanim: error: "), err
    assert message in lines[0], lines[0]


@pytest.mark.parametrize("command", ["render", "inspect"])
@pytest.mark.parametrize("state, activations, message", REFUSED_WEIGHTS)
def test_what_cannot_be_drawn_is_one_line_naming_the_layer_before_any_rendering(
        tmp_path, monkeypatch, capsys, no_render, command, state, activations, message):
    monkeypatch.chdir(tmp_path)
    torch.save(state, "w.pt")
    write_points(Path("points.csv"), *MOONS)
    flag = ["--activations", activations] if activations else []
    assert_refused([command, "--model", "w.pt", "--data", "points.csv", *flag], capsys, message)


def test_a_whole_pickled_module_is_refused_unrun_and_told_how_to_save_its_state_dict(
        tmp_path, monkeypatch, capsys, no_render):
    monkeypatch.chdir(tmp_path)
    write_points(Path("points.csv"), *MOONS)
    torch.save(sequential(Linear(2, 3), Tanh(), Linear(3, 2)), "whole.pt")
    assert_refused(["render", "--model", "whole.pt", "--data", "points.csv"], capsys,
                   "whole.pt: holds a pickled torch.nn.modules.container.Sequential, as "
                   "torch.save(net, path) writes a whole module; nnanim loads weights only "
                   "(torch.load(weights_only=True)), since unpickling objects runs code from "
                   "the file: save the state dict instead, "
                   "torch.save(net.state_dict(), \"weights.pt\")")
    marker = tmp_path / "executed"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    torch.save({"0.weight": Evil()}, "evil.pt")
    assert_refused(["render", "--model", "evil.pt", "--data", "points.csv"], capsys,
                   "evil.pt: holds a pickled ")
    assert not marker.exists()
    torch.load("evil.pt", weights_only=False)  # what loading it as a module would have done
    assert marker.exists()


def test_points_that_do_not_fit_the_network_are_one_line_naming_the_file(
        tmp_path, monkeypatch, capsys, no_render):
    monkeypatch.chdir(tmp_path)
    torch.save(state_of(Linear(2, 3), Tanh(), Linear(3, 2)), "w.pt")
    run = ["render", "--model", "w.pt", "--activations", "tanh", "--data"]
    write_points(Path("three.csv"), *BLOBS)
    assert_refused([*run, "three.csv"], capsys,
                   "three.csv: its labels count 3 classes (0..2) but w.pt gives 2 (3 tanh → 2 "
                   "softmax); label the points 0..1")
    Path("wide.csv").write_text("x1,x2,x3,label\n0,1,2,0\n1,0,2,1\n")
    assert_refused([*run, "wide.csv"], capsys,
                   "wide.csv:2: 4 columns, expected 3 (x1,x2,label)")
    Path("labels.csv").write_text("x1,x2,label\n0,1,a\n1,0,1\n")
    assert_refused([*run, "labels.csv"], capsys,
                   "labels.csv:2: label 'a' is not a class number")


@pytest.mark.parametrize("argv, message", [
    (["--model", "nosuch.pt", "--data", "points.csv"], "nosuch.pt: no such file"),
    (["--model", "w.pt", "--data", "nosuch.csv", "--activations", "tanh"],
     "nosuch.csv: no such file"),
    (["--model", "w.h5", "--data", "points.csv"],
     "w.h5: not a .pt, .pth or .safetensors file; save the weights with "
     "torch.save(net.state_dict(), \"weights.pt\")"),
    (["--model", "junk.pt", "--data", "points.csv"], "junk.pt: cannot be read by torch.load"),
    (["--model", "junk.safetensors", "--data", "points.csv"],
     "junk.safetensors: cannot be read as safetensors"),
    (["--model", "w.pt"], "--model: give the points to draw it on too: --data points.csv"),
    (["--data", "points.csv"], "--data: goes with --model FILE"),
    (["E1", "--model", "w.pt", "--data", "points.csv"],
     "give the experiment E1 or --model w.pt, not both"),
    ([], "give an experiment (a preset such as E3, or a .toml file) or a trained network"),
])
def test_missing_or_foreign_files_and_flags_are_one_line(tmp_path, monkeypatch, capsys,
                                                         no_render, argv, message):
    monkeypatch.chdir(tmp_path)
    torch.save(state_of(Linear(2, 3), Tanh(), Linear(3, 2)), "w.pt")
    Path("w.h5").write_bytes(b"\x89HDF")
    Path("junk.pt").write_text("not a pickle")
    Path("junk.safetensors").write_text("not a tensor file")
    write_points(Path("points.csv"), *MOONS)
    for command in ("render", "inspect"):
        assert_refused([command, *argv], capsys, message)


def test_a_toml_file_with_a_mistake_names_its_field(tmp_path, monkeypatch, capsys, no_render):
    monkeypatch.chdir(tmp_path)
    torch.save(state_of(Linear(2, 3), Tanh(), Linear(3, 2)), "w.pt")
    write_points(Path("points.csv"), *MOONS)
    run = ["render", "--model", "w.pt", "--data", "points.csv"]
    Path("w.toml").write_text('activation = "tanh"\n')
    assert_refused(run, capsys, "w.toml: top level: unknown key 'activation' (allowed: "
                                "activations, title)")
    Path("w.toml").write_text('activations = ["tanh", "swish"]\n')
    assert_refused(run, capsys, "w.toml: activations: 'swish' is not one of tanh, relu")
    Path("w.toml").write_text('layers = [[3, "tanh"]]\n[data]\ncsv = "points.csv"\n')
    assert_refused([*run, "--activations", "tanh"], capsys,
                   "w.toml: is an experiment file, not the activations of w.pt; give the "
                   "weights a name of their own (w-weights.pt)")


# --- the render ------------------------------------------------------------------------------


def nnanim(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnanim.command.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def region_of(pixels: np.ndarray) -> np.ndarray:
    """The class whose heatmap colour each pixel is nearest to."""
    regions = 255 * np.array([hex_to_rgb(color) for color in REGION_COLORS])
    return np.argmin(np.linalg.norm(pixels[:, None, :] - regions[None], axis=-1), axis=1)


def still_pixels(still: np.ndarray, scene_points: np.ndarray) -> np.ndarray:
    """The still's pixels at these scene points (the 480p frame is 8 units high)."""
    height, width = still.shape[:2]
    scale = height / 8.0
    columns = np.round(width / 2 + scene_points[:, 0] * scale).astype(int)
    rows = np.round(height / 2 - scene_points[:, 1] * scale).astype(int)
    return still[rows, columns].astype(float)


@pytest.mark.slow
@pytest.mark.parametrize("name, weights, extra", [
    ("moons", "moons.safetensors", ["--activations", "tanh"]),
    ("blobs", "blobs.pth", []),
])
def test_the_still_paints_every_region_in_the_colour_of_the_class_the_module_picks(
        saved, name, weights, extra):
    folder = saved["folder"]
    result = nnanim("render", "--model", weights, "--data", f"{name}.csv", *extra,
                    "--format", "png", "-q", "l", "--out", f"{name}-still.png", cwd=folder)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == f"nnanim: wrote {name}-still.png"
    still = np.asarray(Image.open(folder / f"{name}-still.png").convert("RGB"))
    assert still.shape == (480, 854, 3)
    model = ModelSource(str(folder / weights), str(saved[f"{name}.csv"]),
                        extra[-1] if extra else None).load()
    box = data_box(model.shown_X)
    gx, gy = np.meshgrid(np.linspace(box.xmin, box.xmax, 60)[2:-2],
                         np.linspace(box.ymin, box.ymax, 60)[2:-2])
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    with torch.no_grad():
        out = in_float64(saved[name])(torch.tensor(grid))
    p = (torch.softmax(out, dim=1) if out.shape[1] > 1
         else torch.column_stack([1 - torch.sigmoid(out), torch.sigmoid(out)])).numpy()
    # Where the module is sure, away from every dot (3 px wide at 480p) and the boundary line.
    far = np.min(np.linalg.norm(grid[:, None] - model.shown_X[None], axis=-1), axis=1)
    sure = (p.max(axis=1) > 0.97) & (far > 0.06 * box.width)
    assert sure.sum() > 300
    painted = region_of(still_pixels(still, to_scene(grid[sure], box, WINDOW)))
    agree = np.mean(painted == p[sure].argmax(axis=1))
    assert agree > 0.99, f"{name}: {agree:.3f} of the sure pixels in the module's class colour"
    if name == "moons":
        assert set(painted) == {0, 1}
    else:
        assert set(painted) == {0, 1, 2}


@pytest.mark.slow
def test_a_saved_state_dict_renders_a_video_whose_decision_is_the_still(saved):
    folder = saved["folder"]
    result = nnanim("render", "--model", "moons.pt", "--data", "moons.csv", "--activations",
                    "tanh", "-q", "l", "--quick", "--out", "moons.mp4", cwd=folder)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("moons: 3 tanh → 2 softmax, accuracy ")
    assert lines[-1] == "nnanim: wrote moons.mp4"
    with av.open(str(folder / "moons.mp4")) as container:
        frames = [f.to_ndarray(format="rgb24").astype(float)
                  for f in container.decode(video=0)]
    # The whole chapter, quick: the intro, the decision, every stage inside, the accuracy.
    assert len(frames) > 40
    still = folder / "moons-pt-still.png"
    assert nnanim("render", "--model", "moons.pt", "--data", "moons.csv", "--activations",
                  "tanh", "--format", "png", "-q", "l", "--out", still.name,
                  cwd=folder).returncode == 0
    picture = np.asarray(Image.open(still).convert("RGB"), dtype=float)
    # The decision's frames differ from the still by the video coding's blur on edges (1.8
    # levels on average at 480p); every other frame by 14 or more.
    closest = min(np.abs(frame - picture).mean() for frame in frames)
    assert closest < 4, f"no frame of the video shows the still's decision ({closest:.2f})"


@pytest.mark.slow
@pytest.mark.parametrize("name, weights, activations", [("moons", "moons.pt", "tanh"),
                                                        ("blobs", "blobs.pth", None)])
def test_no_words_overlap_in_any_frame_of_the_models_chapter(saved, monkeypatch, name,
                                                            weights, activations):
    model = ModelSource(str(saved["folder"] / weights), str(saved[f"{name}.csv"]),
                        activations).load()

    class Chapter(LectureScene):
        def construct(self):
            play_model(self, model)

    clashes = overlapping_words_in(Chapter, monkeypatch)
    assert not clashes, clashes[:10]
