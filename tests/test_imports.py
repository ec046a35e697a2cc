"""Who may import whom, read from the source: no cycles, and the numeric side never draws.

The numeric side (everything but ``nnanim.anim``) must stay importable without manim, so its
tests are fast and the ``nnanim`` command starts at once; ``nnanim.command.cli`` may start manim only
inside a command, never when it is imported.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "nnanim"


@dataclass(frozen=True)
class Import:
    target: str
    at_import_time: bool
    """Run when the module is imported (not inside a function, not only for type checkers)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    # ``from nnanim.geometry import boundary`` imports the submodule, ``... import Box`` the package.
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def imports_of(module: str) -> list[Import]:
    found: list[Import] = []

    def visit(node: ast.AST, at_import_time: bool, for_types: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.extend(Import(target, at_import_time and not for_types)
                             for target in _targets(child, module))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, False, for_types)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                visit(child, at_import_time, True)
            else:
                visit(child, at_import_time, for_types)

    visit(ast.parse(MODULES[module].read_text()), True, False)
    return found


DRAWING_ROOTS = ("manim", "nnanim.anim", "nnanim.command.render_child")
"""``nnanim.command.render_child`` is manim's own process (started with ``python -m``, never imported)."""
SCENE_MODULES = "nnanim.lectures."
"""The lectures' scene modules draw; their package (which only names the files) does not."""


def is_drawing(target: str) -> bool:
    return target.startswith(SCENE_MODULES) or any(
        target == root or target.startswith(root + ".") for root in DRAWING_ROOTS)


def test_the_source_tree_is_read():
    assert {"nnanim.command.cli", "nnanim.core.cache", "nnanim.geometry.boundary"} <= set(MODULES)
    assert any(name.startswith("nnanim.anim") for name in MODULES)
    cli = imports_of("nnanim.command.cli")
    assert Import("nnanim.errors", True) in cli  # at the top
    assert Import("nnanim.core.cache", False) in cli  # inside a command


def test_no_import_cycle_between_nnanim_modules():
    graph = {
        module: {i.target for i in imports_of(module) if i.target in MODULES and i.target != module}
        for module in MODULES
    }
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            walk(target, path + [module])
        done.add(module)

    for module in sorted(graph):
        walk(module, [])


def test_the_numeric_side_never_imports_manim_or_the_drawing_code():
    numeric = [m for m in MODULES if not is_drawing(m)]
    assert "nnanim.studies.wiser_boundary" in numeric and "nnanim.command.cli" in numeric
    offenders = [f"{m} imports {i.target}" for m in numeric for i in imports_of(m)
                 if is_drawing(i.target)]
    assert offenders == []


def test_importing_the_command_line_does_not_start_manim():
    """Everything ``import nnanim.command.cli`` loads, followed through nnanim's own modules."""
    loaded, todo = set(), ["nnanim.command.cli"]
    while todo:
        module = todo.pop()
        if module in loaded:
            continue
        loaded.add(module)
        todo.extend(i.target for i in imports_of(module) if i.at_import_time and i.target in MODULES)
    external = {i.target for m in loaded for i in imports_of(m) if i.at_import_time}
    assert not [t for t in external | loaded if is_drawing(t)]


def layer_of(module: str) -> int:
    """The drawing side's layers: 0 primitives, 1 chapters, 2 storyboards and the public
    functions for a scene of one's own (both tell chapters)."""
    if module.startswith("nnanim.anim.chapters"):
        return 1
    return 2 if module in ("nnanim.anim.storyboards", "nnanim.anim.own") else 0


def test_the_drawing_side_imports_only_downwards_and_no_chapter_imports_another():
    drawing = [m for m in MODULES if m.startswith("nnanim.anim")]
    assert {"nnanim.anim.player", "nnanim.anim.chapters.inside", "nnanim.anim.storyboards"} <= set(drawing)
    offenders = [
        f"{m} imports {i.target}" for m in drawing for i in imports_of(m)
        if i.target.startswith("nnanim.anim") and i.target != "nnanim.anim.chapters"
        and (layer_of(i.target) > layer_of(m) or (layer_of(m) == layer_of(i.target) == 1))
    ]
    assert offenders == []


ROOMS = ("base", "core", "geometry", "course", "studies", "outputs", "anim", "lectures",
         "command")
"""nnanim's rooms from the ground up: each may import only the rooms before it (and itself).
``base`` is the few modules at the top that every room shares (errors, palette, settings)."""


def room_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in ROOMS else "base"


def test_every_room_imports_only_the_rooms_below_it():
    """The core never imports the command line (nor the course, the studies or the drawing);
    the drawing side never imports the command line; ``base`` imports nothing but itself."""
    assert {room_of(m) for m in MODULES} == set(ROOMS)
    offenders = [
        f"{m} ({room_of(m)}) imports {i.target} ({room_of(i.target)})"
        for m in MODULES for i in imports_of(m)
        if i.target in MODULES and i.target != "nnanim"
        and ROOMS.index(room_of(i.target)) > ROOMS.index(room_of(m))
    ]
    assert offenders == []


def reachable(start: list[str]) -> set[str]:
    """Every module ``start`` imports, directly or through others, at any time (inside
    functions too), and the outside packages they name."""
    seen, todo = set(), list(start)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        if module in MODULES:
            todo.extend(i.target for i in imports_of(module))
    return seen


def test_the_geometry_never_reaches_training_or_torch():
    """Pictures are computed from weights in numpy: training, and the bridge to torch that
    training and a teacher's own torch network use, stay out of the geometry's reach."""
    geometry = [m for m in MODULES if m.startswith("nnanim.geometry")]
    reached = reachable(geometry)
    assert "nnanim.geometry.stages" in reached
    assert not {"nnanim.core.train", "nnanim.core.torch_bridge", "nnanim.core.cache"} & reached
    assert not [t for t in reached if t == "torch" or t.startswith("torch.")]


SETTINGS = "nnanim.settings"


def _is_environment(node: ast.AST) -> bool:
    """``os.environ``, or a mapping called ``environ`` standing in for it."""
    return ast.unparse(node).endswith("environ")


def _setting_names(module: str) -> set[str]:
    """The names ``module`` binds to the name of an ``NNANIM_*`` variable (``LANG_ENV``, ...)."""
    return {
        target.id
        for node in ast.walk(ast.parse(MODULES[module].read_text()))
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        and str(node.value.value).startswith("NNANIM_")
        for target in node.targets if isinstance(target, ast.Name)
    }


def environment_reads(module: str, names: set[str]) -> list[str]:
    """Where ``module`` looks up an ``NNANIM_*`` variable: by its text or by a name in ``names``."""

    def names_a_setting(key: ast.AST) -> bool:
        if isinstance(key, ast.Constant):
            return str(key.value).startswith("NNANIM_")
        if isinstance(key, ast.JoinedStr):
            return any(names_a_setting(part) for part in key.values)
        return (isinstance(key, ast.Name) and key.id in names) or (
            isinstance(key, ast.Attribute) and key.attr in names)

    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text())):
        keys: list[ast.AST] = []
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            if ast.unparse(function).endswith("getenv") or (
                    isinstance(function, ast.Attribute) and _is_environment(function.value)):
                keys = node.args[:1]
        elif isinstance(node, ast.Subscript) and _is_environment(node.value):
            keys = [node.slice]
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn))
                                                   for op in node.ops):
            if any(_is_environment(side) for side in node.comparators):
                keys = [node.left]
        if any(names_a_setting(key) for key in keys):
            found.append(f"{module}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_every_nnanim_variable_is_named_and_read_in_the_settings_module_alone():
    """One place lists every knob the environment turns; the rest of nnanim asks it."""
    names = _setting_names(SETTINGS)
    assert {"QUICK_ENV", "LANG_ENV", "CACHE_ENV", "EXPERIMENT_ENV", "VERDICT_ENV"} <= names
    # the check recognises a read: the settings module reads every variable it names
    assert len(environment_reads(SETTINGS, names)) >= len(names)
    elsewhere = {module: _setting_names(module) for module in MODULES if module != SETTINGS}
    assert {module: found for module, found in elsewhere.items() if found} == {}
    offenders = [read for module in elsewhere for read in environment_reads(module, names)]
    assert offenders == []


def test_the_settings_module_stays_light():
    """The command and every scene import it first: nothing in it may load numpy, torch or manim."""
    light = set(sys.stdlib_module_names) | {"nnanim.errors"}
    for module in (SETTINGS, "nnanim.errors"):
        heavy = [i.target for i in imports_of(module)
                 if i.at_import_time and i.target.split(".")[0] not in light
                 and i.target not in light]
        assert heavy == [], module


LECTURES = PACKAGE / "lectures"
SCENES = PACKAGE.parent / "scenes"
SCENE_API = ("manim", "nnanim.anim.storyboards", "nnanim.anim.chapters", "nnanim.anim.lecture")
"""What a lecture's scene module may import: the scene-writing API. Training, the lectures
table, the studies and experiment files are reached through the storyboards and chapters, so a
lecture reads as a storyboard and never grows its own plumbing."""


def lecture_modules() -> list[Path]:
    return sorted(p for p in LECTURES.glob("*.py") if p.name != "__init__.py")


def scene_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
    return found


def test_lectures_import_only_the_scene_writing_api():
    files = lecture_modules()
    assert {"swissroll.py", "lift.py", "wiser.py"} <= {f.name for f in files}
    offenders = [f"{f.name} imports {target}" for f in files for target in scene_imports(f)
                 if not any(target == root or target.startswith(root + ".") for root in SCENE_API)]
    assert offenders == []


def test_each_checkout_scene_file_is_its_lecture_and_nothing_else():
    """``scenes/NAME.py`` renders exactly what ``nnanim lecture NAME`` renders: it imports the
    lecture's module alone and derives its one class from the lecture's class of that name."""
    files = {f.stem: f for f in SCENES.glob("*.py")}
    assert set(files) == {f.stem for f in lecture_modules()}
    for name, path in files.items():
        tree = ast.parse(path.read_text())
        assert scene_imports(path) == ["nnanim.lectures"], path
        (scene,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
        assert [ast.unparse(base) for base in scene.bases] == [f"{name}.{scene.name}"], path


def test_each_lecture_holds_exactly_one_scene_class():
    counts = {f.name: sum(isinstance(node, ast.ClassDef) for node in ast.parse(f.read_text()).body)
              for f in lecture_modules()}
    assert counts and all(n == 1 for n in counts.values()), counts
