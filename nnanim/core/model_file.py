"""A network trained elsewhere, read from its weights file: what ``nnanim render --model`` draws.

A teacher trains an ``nn.Sequential`` of ``Linear`` layers in torch and saves its weights::

    torch.save(net.state_dict(), "weights.pt")    # or safetensors.torch.save_file

The file holds every layer's ``N.weight`` and ``N.bias`` (``N`` its index in the Sequential),
so the widths are read from it; the activations between the layers hold no weights, so they
are given beside it: ``--activations tanh`` (every hidden layer) or ``tanh,relu`` (one per
hidden layer), or a TOML file of the same name next to the weights::

    # weights.toml, beside weights.pt
    activations = ["tanh", "relu"]           # or "tanh": every hidden layer
    title = "Two moons, 3 then 2 units"      # optional: the chapter's title

The weights are put back into an ``nn.Sequential`` and read by
``nnanim.core.torch_bridge.network_from_torch``: the same reading, and the same refusals, as a
network handed over in Python. The file is loaded without running any code from it
(``torch.load(weights_only=True)``), and everything -- the file, every layer, the activations,
the points -- is checked before anything is drawn, each mistake in one line naming the file
and the layer or field.
"""

from __future__ import annotations

import pickle
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import torch

from nnanim.core.experiment_file import check_keys, read_points_csv, read_toml
from nnanim.core.model import Architecture, Params
from nnanim.core.model_run import ModelRun
from nnanim.core.torch_bridge import TORCH_ACTIVATIONS, network_from_torch
from nnanim.errors import NnanimError

TORCH_SUFFIXES = (".pt", ".pth")
SAFETENSORS_SUFFIX = ".safetensors"
SIDECAR_KEYS = ("activations", "title")
ACTIVATION_NAMES = {"tanh": "tanh", "relu": "relu", "sigmoid": "sigmoid", "identity": "linear",
                    "linear": "linear"}
"""What ``--activations`` accepts (any case), by nnanim's names: torch's ``Identity`` is the
article's ``linear``."""
_KEY = re.compile(r"(?:(?P<prefix>.+)\.)?(?P<index>\d+)\.(?P<tensor>[^.]+)")
"""``0.weight``, or ``net.0.weight`` for a Sequential kept as ``self.net`` in a module."""
SAVE_STATE_DICT = 'torch.save(net.state_dict(), "weights.pt")'


@dataclass(frozen=True)
class LinearLayer:
    """One ``Linear`` layer of the file: its index in the Sequential and its tensors."""

    index: int
    weight: torch.Tensor
    bias: torch.Tensor


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def read_state_dict(path: Path) -> dict[str, torch.Tensor]:
    """The tensors of a state dict saved with ``torch.save`` (``.pt``, ``.pth``) or
    safetensors (``.safetensors``), on the CPU, loaded without running code from the file."""
    if path.is_dir():
        raise NnanimError(f"{path}: is a folder, not a weights file; name the .pt or "
                          f".safetensors file inside it")
    if not path.is_file():
        raise NnanimError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == SAFETENSORS_SUFFIX:
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            return load_file(path, device="cpu")
        except (SafetensorError, OSError) as err:
            raise NnanimError(f"{path}: cannot be read as safetensors ({_first_line(err)})") \
                from None
    if suffix not in TORCH_SUFFIXES:
        raise NnanimError(f"{path}: not a .pt, .pth or .safetensors file; save the weights "
                          f"with {SAVE_STATE_DICT}")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as err:
        found = re.search(r"GLOBAL (\S+)", str(err))  # torch names the object it refused
        if found is None:
            raise NnanimError(f"{path}: cannot be read by torch.load ({_first_line(err)}); "
                              f"save the weights with {SAVE_STATE_DICT}") from None
        raise NnanimError(
            f"{path}: holds a pickled {found.group(1)}, as torch.save(net, path) writes a whole "
            f"module; nnanim loads weights only (torch.load(weights_only=True)), since "
            f"unpickling objects runs code from the file: save the state dict instead, "
            f"{SAVE_STATE_DICT}") from None
    except (RuntimeError, OSError, EOFError, KeyError, ValueError) as err:
        raise NnanimError(f"{path}: cannot be read by torch.load ({_first_line(err)}); save "
                          f"the weights with {SAVE_STATE_DICT}") from None
    if not isinstance(state, dict):
        raise NnanimError(f"{path}: holds a {type(state).__name__}, not a state dict; save "
                          f"the weights with {SAVE_STATE_DICT}")
    for key, value in state.items():
        if not isinstance(value, torch.Tensor):
            raise NnanimError(
                f"{path}: {key!r} holds no tensor but {type(value).__name__} (a training "
                f"checkpoint?); save the network's weights alone, {SAVE_STATE_DICT}")
    return state


def _shape(tensor: torch.Tensor) -> str:
    return "(" + ", ".join(str(n) for n in tensor.shape) + ")"


def _not_a_linear_weight(key: str, weight: torch.Tensor) -> str:
    """Why a weight of the wrong number of dimensions is not a ``Linear`` layer's."""
    kinds = {0: "a single number", 1: "a normalisation layer's",
             3: "a 1-D convolution's", 4: "a 2-D convolution's", 5: "a 3-D convolution's"}
    kind = kinds.get(weight.dim(), "no Linear layer's")
    return (f"{key} is {weight.dim()}-D {_shape(weight)}, {kind}; nnanim draws only Linear "
            f"layers, whose weight is 2-D (out, in)")


def linear_layers(state: dict[str, torch.Tensor]) -> list[LinearLayer]:
    """The ``Linear`` layers of a Sequential's state dict, in order; any other layer, a
    missing tensor or a bias that does not fit its weight is refused naming the layer."""
    found: dict[int, dict[str, torch.Tensor]] = {}
    prefixes: set[str] = set()
    for key, tensor in state.items():
        match = _KEY.fullmatch(key)
        if match is None:
            raise NnanimError(f"{key!r} is not N.weight or N.bias of an nn.Sequential; nnanim "
                              f"reads the state dict of nn.Sequential(Linear, Tanh, ..., Linear)")
        prefixes.add(match["prefix"] or "")
        found.setdefault(int(match["index"]), {})[match["tensor"]] = tensor
    if len(prefixes) > 1:
        raise NnanimError(f"the keys belong to {len(prefixes)} modules "
                          f"({', '.join(sorted(p or '(none)' for p in prefixes))}); save the "
                          f"state dict of the one nn.Sequential to draw")
    if not found:
        raise NnanimError(f"holds no weights; save them with {SAVE_STATE_DICT}")
    prefix = f"{prefixes.pop()}." if prefixes != {""} else ""
    layers = []
    for index in sorted(found):
        tensors = found[index]
        key = f"{prefix}{index}"
        where = f"network[{index}]"
        other = sorted(set(tensors) - {"weight", "bias"})
        if other:
            held = ", ".join(f"{key}.{name}" for name in other)
            raise NnanimError(f"{where}: holds {held}, so it is no Linear layer; "
                              f"nnanim draws only Linear layers with Tanh, ReLU, Sigmoid or "
                              f"Identity between")
        if "weight" not in tensors:
            raise NnanimError(f"{where}: {key}.bias has no {key}.weight beside it; save the "
                              f"whole state dict, {SAVE_STATE_DICT}")
        weight = tensors["weight"]
        if weight.dim() != 2:
            raise NnanimError(f"{where}: {_not_a_linear_weight(f'{key}.weight', weight)}")
        if "bias" not in tensors:
            raise NnanimError(f"{where}: {key}.bias is missing; nnanim draws Linear layers "
                              f"with their bias, nn.Linear(in, out) (bias=True, the default)")
        bias = tensors["bias"]
        if bias.shape != (weight.shape[0],):
            raise NnanimError(f"{where}: {key}.bias has shape {_shape(bias)}, but {key}.weight "
                              f"{_shape(weight)} gives {weight.shape[0]} outputs")
        layers.append(LinearLayer(index, weight, bias))
    return layers


def parse_activations(given: object, hidden: list[int], where: str) -> list[str]:
    """One activation per hidden layer (nnanim's names) from ``tanh``, ``tanh,relu`` or a
    list of names; one name stands for every hidden layer. ``hidden`` are the indices of the
    Linear layers the activations follow."""
    names = given.split(",") if isinstance(given, str) else given
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise NnanimError(f"{where}: {given!r} is not an activation name or a list of names")
    names = [name.strip().lower() for name in names]
    for name in names:
        if name not in ACTIVATION_NAMES:
            raise NnanimError(f"{where}: {name!r} is not one of tanh, relu, sigmoid, identity")
    if not hidden:
        raise NnanimError(f"{where}: the network is one Linear layer, with no hidden layer to "
                          f"activate; leave the activations out")
    if len(names) == 1:
        names = names * len(hidden)
    if len(names) != len(hidden):
        layers = ", ".join(f"network[{index}]" for index in hidden)
        raise NnanimError(f"{where}: {len(names)} given ({', '.join(names)}) but the network "
                          f"has {len(hidden)} hidden layers ({layers}); give one per hidden "
                          f"layer, or one for all")
    return [ACTIVATION_NAMES[name] for name in names]


def sequential_of(layers: list[LinearLayer], activations: list[str],
                  where: str) -> torch.nn.Sequential:
    """The ``nn.Sequential`` the state dict was saved from, each layer under its own index.

    Between two ``Linear`` layers whose indices are next to each other there was no module,
    so only the identity may stand there."""
    modules: OrderedDict[str, torch.nn.Module] = OrderedDict()
    for k, layer in enumerate(layers):
        linear = torch.nn.Linear(layer.weight.shape[1], layer.weight.shape[0],
                                 dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(layer.weight)
            linear.bias.copy_(layer.bias)
        modules[str(layer.index)] = linear
        if k == len(activations):
            break
        following = layers[k + 1].index
        if following > layer.index + 1:
            modules[str(layer.index + 1)] = TORCH_ACTIVATIONS[activations[k]]()
        elif activations[k] != "linear":
            raise NnanimError(
                f"{where}: {activations[k]} after network[{layer.index}], but network"
                f"[{following}] follows it at once, with no module between; give identity there")
    return torch.nn.Sequential(modules)


def _sidecar(path: Path) -> dict:
    """``weights.toml`` beside ``weights.pt``, checked, or an empty table if there is none."""
    sidecar = path.with_suffix(".toml")
    if not sidecar.is_file():
        return {}
    document = read_toml(sidecar)
    if "layers" in document or "data" in document:
        raise NnanimError(f"{sidecar}: is an experiment file, not the activations of "
                          f"{path.name}; give the weights a name of their own "
                          f"({path.stem}-weights{path.suffix})")
    try:
        check_keys("top level", document, SIDECAR_KEYS)
    except NnanimError as err:
        raise NnanimError(f"{sidecar}: {err}") from None
    if not isinstance(document.get("title", ""), str):
        raise NnanimError(f"{sidecar}: title: {document['title']!r} is not a string")
    return document


def network_from_file(path: str | Path,
                      activations: str | None = None) -> tuple[Architecture, Params, str | None]:
    """The network a weights file holds, its activations from ``activations`` (the flag's
    text) or else from the TOML file beside it, and the title that file gives (or None)."""
    path = Path(path)
    state = read_state_dict(path)
    try:
        layers = linear_layers(state)
    except NnanimError as err:
        raise NnanimError(f"{path}: {err}") from None
    sidecar = _sidecar(path)
    hidden = [layer.index for layer in layers[:-1]]
    if activations is not None:
        given, where = activations, "--activations"
    elif "activations" in sidecar:
        given, where = sidecar["activations"], f"{path.with_suffix('.toml')}: activations"
    elif hidden:
        raise NnanimError(
            f"{path}: the activations between its layers are not in the file; add "
            f"--activations tanh (every hidden layer) or tanh,relu (one per hidden layer), or "
            f"write {path.with_suffix('.toml').name} beside it: activations = [\"tanh\"]")
    else:
        given, where = [], ""
    names = parse_activations(given, hidden, where) if hidden or given else []
    module = sequential_of(layers, names, where)
    try:
        arch, params = network_from_torch(module)
    except NnanimError as err:
        raise NnanimError(f"{path}: {err}") from None
    return arch, params, sidecar.get("title")


@dataclass(frozen=True)
class ModelSource:
    """What ``nnanim render --model`` is given: the weights file, the CSV of points
    (``x1,x2,label``) to draw it on, and the ``--activations`` text (None: the TOML beside)."""

    model: str
    data: str
    activations: str | None = None

    def load(self) -> ModelRun:
        """The network and its points, every check made: the file, each layer, the
        activations, then the points and whether their labels are the network's classes."""
        arch, params, title = network_from_file(self.model, self.activations)
        data = Path(self.data)
        X, y = read_points_csv(data)
        classes = int(y.max()) + 1
        if classes != arch.classes:
            raise NnanimError(
                f"{data}: its labels count {classes} classes (0..{classes - 1}) but "
                f"{self.model} gives {arch.classes} ({arch.describe()}); label the points "
                f"0..{arch.classes - 1}, or give the model trained on them")
        path = Path(self.model)
        return ModelRun(name=path.stem, title=title or "", source=path, arch=arch,
                        params=params, X=X, y=y)
