"""Who may import whom, read from the source: no cycles, and the numeric side never draws.

The numeric side (everything but ``nnanim.anim``) must stay importable without manim, so its
tests are fast and the ``nnanim`` command starts at once; ``nnanim.command.cli`` may start manim only
inside a command, never when it is imported.
"""

from __future__ import annotations

import ast
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


def is_drawing(target: str) -> bool:
    return any(target == root or target.startswith(root + ".") for root in DRAWING_ROOTS)


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
    """The drawing side's layers: 0 primitives, 1 chapters, 2 storyboards."""
    if module.startswith("nnanim.anim.chapters"):
        return 1
    return 2 if module == "nnanim.anim.storyboards" else 0


def test_the_drawing_side_imports_only_downwards_and_no_chapter_imports_another():
    drawing = [m for m in MODULES if m.startswith("nnanim.anim")]
    assert {"nnanim.anim.player", "nnanim.anim.chapters.inside", "nnanim.anim.storyboards"} <= set(drawing)
    offenders = [
        f"{m} imports {i.target}" for m in drawing for i in imports_of(m)
        if i.target.startswith("nnanim.anim") and i.target != "nnanim.anim.chapters"
        and (layer_of(i.target) > layer_of(m) or (layer_of(m) == layer_of(i.target) == 1))
    ]
    assert offenders == []


SCENES = PACKAGE.parent / "scenes"
SCENE_API = ("manim", "nnanim.anim.storyboards", "nnanim.anim.chapters", "nnanim.anim.lecture")
"""What a scene file may import: the scene-writing API. Training, the lectures table, the
studies and experiment files are reached through the storyboards and chapters, so a scene file
reads as a storyboard and never grows its own plumbing."""


def scene_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
    return found


def test_scene_files_import_only_the_scene_writing_api():
    files = sorted(SCENES.glob("*.py"))
    assert {"swissroll.py", "lift.py", "wiser.py"} <= {f.name for f in files}
    offenders = [f"{f.name} imports {target}" for f in files for target in scene_imports(f)
                 if not any(target == root or target.startswith(root + ".") for root in SCENE_API)]
    assert offenders == []


def test_each_scene_file_holds_exactly_one_scene_class():
    counts = {f.name: sum(isinstance(node, ast.ClassDef) for node in ast.parse(f.read_text()).body)
              for f in sorted(SCENES.glob("*.py"))}
    assert counts and all(n == 1 for n in counts.values()), counts
