"""Your own experiments: a small TOML file instead of Python, checked before anything runs.

A teacher describes data, layers and training in the article's terms::

    name = "spiral"
    title = "A whole turn of the swiss roll, 3 then 2 tanh units"
    layers = [[3, "tanh"], [2, "tanh"]]      # the article's table: width, activation
    classes = 2                              # softmax outputs; optional, read from the data

    [data]
    generator = "swissroll"                  # or: csv = "points.csv" (rows x1,x2,label)
    turns = 1.0

    [train]
    epochs = 1500

and ``load_experiment("spiral.toml")`` returns the same ``Experiment`` the presets are, so it
trains, caches and renders like them. Every mistake is reported in one line that names the
field (or the CSV file and line), the bad value and what is allowed, because the person who
reads it is editing a text file, not debugging Python.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import inspect
import math
import os
import re
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from nnanim.core.data import DATASETS, GENERATORS, DataSource, DataSpec, to_polar
from nnanim.errors import NnanimError, check_choice, check_positive_int, shown
from nnanim.core.experiments import PRESETS, Experiment
from nnanim.core.model import MAX_CLASSES, Architecture
from nnanim.core.train import TrainSpec

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 has no TOML reader in the standard library.
    import tomli as tomllib

TOP_KEYS = ("name", "title", "seed", "layers", "classes", "data", "train")
LAYER_KEYS = ("width", "activation")
TRAIN_KEYS = ("optimizer", "lr", "epochs", "weight_decay")
CSV_KEYS = ("csv", "polar")
COMMON_DATA_KEYS = ("generator", "n", "noise", "seed", "polar")
CSV_COLUMNS = ("x1", "x2", "label")
MIN_POINTS_PER_CLASS = 2
_NAME = re.compile(r"[^\W_][\w.-]*")
"""Names become cache and video file names: letters (any script), digits, '_', '.', '-'."""
_NOT_IN_NAME = re.compile(r"[^\w.-]+")
MISPLACED_KEYS = ("name", "title", "layers", "classes")
"""Top-level keys no table accepts: found inside one, they were written below its header."""


@contextmanager
def _within(prefix: str) -> Iterator[None]:
    """Prefix any NnanimError raised inside with ``prefix`` (a field path or a file name)."""
    try:
        yield
    except NnanimError as err:
        raise NnanimError(f"{prefix}{err}") from None


def _table(where: str, value: object) -> dict:
    if not isinstance(value, dict):
        raise NnanimError(f"{where}: {shown(value)} is not a table of keys")
    return value


def check_keys(where: str, table: object, allowed: tuple[str, ...]) -> dict:
    """``table`` as a dict whose keys are all in ``allowed``; a typo names the allowed keys."""
    for key in _table(where, table):
        if key not in allowed:
            raise NnanimError(f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})")
    return table


# --- points from a CSV file -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CsvData:
    """Points read from a CSV file, standing where a generator's ``DataSpec`` usually is.

    The cache key is a hash of the parsed numbers, not of the file name, so moving or
    re-formatting the file keeps the trained network while changing one point retrains it.
    """

    path: Path
    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    polar: bool = False

    @property
    def classes(self) -> int:
        """Labels run ``0 .. classes-1`` (the reader checks that every class has points)."""
        return int(self.y.max()) + 1

    def load(self) -> tuple[np.ndarray, np.ndarray]:
        """The points (as ``(r, θ)`` if ``polar``) and labels, as copies."""
        X = to_polar(self.X) if self.polar else self.X.copy()
        return X, self.y.copy()

    def to_dict(self) -> dict[str, object]:
        """What the cache hashes: the points themselves, how many, and whether polar."""
        digest = hashlib.sha256(self.X.astype("<f8").tobytes() + self.y.astype("<i8").tobytes())
        return {"csv": digest.hexdigest(), "n": len(self.y), "polar": self.polar}


def _number(text: str, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise NnanimError(f"{column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise NnanimError(f"{column} {text!r} is not a finite number")
    return value


def _is_header(row: list[str]) -> bool:
    """A first row where no cell is a number names the columns (``x1,x2,label``)."""
    for cell in row:
        try:
            float(cell)
        except ValueError:
            continue
        return False
    return True


def _label(text: str) -> int:
    """A class number ``0 .. MAX_CLASSES-1``; ``1.0`` counts as 1 (spreadsheets write that)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value.is_integer() and 0 <= value < MAX_CLASSES):
        raise NnanimError(
            f"label {text!r} is not a class number 0, 1, 2, … (at most {MAX_CLASSES - 1})"
        )
    return int(value)


FOREIGN_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "'|'"}
"""Separators spreadsheets write instead of commas (a semicolon where ',' is the decimal mark)."""


def _foreign_separator(row: list[str]) -> str | None:
    """How a row's values are separated when it is not by commas (``"semicolons"``), else None.

    Read as commas, such a row is one cell (``0;1;0``) or cells with a separator inside
    (``0,5;1,2;0``, decimal commas); a single cell of numbers and spaces is space-separated.
    """
    text = ",".join(row)
    for separator, name in FOREIGN_SEPARATORS.items():
        if separator in text:
            return name
    if len(row) == 1 and len(row[0].split()) > 1:
        return "spaces"
    return None


def read_points_csv(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """``X`` (N×2 float64) and ``y`` (N int64) from rows ``x1,x2,label``; labels ``0 .. K-1``.

    A header row is optional (a row-index column, as pandas writes by default, is dropped);
    blank lines and lines starting with ``#`` are skipped. Every
    class from 0 to the largest label needs points. Errors name the file and line, e.g.
    ``points.csv:17: label 'x' is not a class number 0, 1, 2, …``.
    """
    if path.is_dir():
        raise NnanimError(f"{path}: is a folder, not a CSV file; name the file of points "
                          f"(rows x1,x2,label) inside it")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            lines = [(reader.line_num, row) for row in reader]
    except FileNotFoundError:
        raise NnanimError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise NnanimError(f"{path}: cannot be read as CSV ({err})") from None
    rows = [
        (line, [cell.strip() for cell in row])
        for line, row in lines
        if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
    ]
    misfits = [(line, row) for line, row in rows if len(row) != len(CSV_COLUMNS)][:1]
    for line, row in rows[:1] + misfits:
        # The first row too: a header would hide the separator, 0,5;1,2;0 has three cells.
        separator = _foreign_separator(row)
        if separator:
            raise NnanimError(
                f"{path}:{line}: the values are separated by {separator}, not commas; save the "
                f"file as comma-separated values, x1,x2,label with decimal points"
            )
    if rows and _is_header(rows[0][1]):
        header = rows.pop(0)[1]
        if len(header) == len(CSV_COLUMNS) + 1 and not header[0]:
            # pandas' to_csv writes its row index first, under an empty header cell.
            rows = [(line, row[1:]) for line, row in rows]
    table = _numbers_at_once([row for _, row in rows])
    if table is not None:
        points, labels = table[:, :2], table[:, 2]
    else:
        points, labels = _numbers_row_by_row(path, rows)
    if not len(points):
        raise NnanimError(f"{path}: holds no points; write one point per row, x1,x2,label "
                          f"(e.g. 0.5,-1.2,0)")
    y = np.asarray(labels, dtype=np.int64)
    for label in range(max(2, int(y.max(initial=0)) + 1)):
        count = int(np.sum(y == label))
        if count < MIN_POINTS_PER_CLASS:
            raise NnanimError(
                f"{path}: class {label} has {count} point{'s' * (count != 1)}; "
                f"each class needs at least {MIN_POINTS_PER_CLASS}"
            )
    return np.asarray(points, dtype=np.float64).reshape(-1, 2), y


def _numbers_at_once(rows: list[list[str]]) -> np.ndarray | None:
    """Every row as ``x1, x2, label`` numbers in one numpy call, if all are good; else None,
    and the rows are read one by one to name the first bad line. A million rows take a
    second this way, several one by one."""
    try:
        table = np.array(rows, dtype=np.float64)
    except ValueError:  # a ragged row or a cell that is not a number
        return None
    if table.shape[1:] != (len(CSV_COLUMNS),) or not np.all(np.isfinite(table)):
        return None
    labels = table[:, 2]
    if not np.all((labels == np.round(labels)) & (labels >= 0) & (labels < MAX_CLASSES)):
        return None
    return table


def _numbers_row_by_row(path: Path, rows: list[tuple[int, list[str]]]) -> tuple[list, list]:
    points, labels = [], []
    for line, row in rows:
        with _within(f"{path}:{line}: "):
            if len(row) != len(CSV_COLUMNS):
                raise NnanimError(
                    f"{len(row)} columns, expected {len(CSV_COLUMNS)} ({','.join(CSV_COLUMNS)})"
                )
            points.append([_number(row[0], "x1"), _number(row[1], "x2")])
            labels.append(_label(row[2]))
    return points, labels


# --- the sections of an experiment file ------------------------------------------------------


def _layer_rows(layers: object) -> list[object]:
    """``layers = [[2, "tanh"], ...]`` or ``[[layers]]`` tables, as (width, activation) rows."""
    if not isinstance(layers, list) or not layers:
        raise NnanimError(
            f"layers: {layers!r} is not a list of layers; write e.g. layers = [[2, \"tanh\"]]"
        )
    rows = []
    for i, layer in enumerate(layers):
        if isinstance(layer, dict):
            check_keys(f"layers[{i}]", layer, LAYER_KEYS)
            missing = [key for key in LAYER_KEYS if key not in layer]
            if missing:
                raise NnanimError(f"layers[{i}]: missing {' and '.join(missing)}")
            layer = (layer["width"], layer["activation"])
        rows.append(layer)
    return rows


def generator_keys(generator: str) -> tuple[str, ...]:
    """Every key ``[data]`` accepts for this generator: the common ones, then its shape knobs."""
    knobs = inspect.signature(GENERATORS[generator]).parameters
    return COMMON_DATA_KEYS + tuple(key for key in knobs if key not in COMMON_DATA_KEYS)


def _generated_data(table: dict) -> DataSpec:
    generator = check_choice("data.generator", table["generator"], DATASETS)
    check_keys("data", table, generator_keys(generator))
    common = {key: value for key, value in table.items() if key in COMMON_DATA_KEYS}
    knobs = {key: value for key, value in table.items() if key not in COMMON_DATA_KEYS}
    del common["generator"]
    with _within("data."):
        return DataSpec(generator, **common, options=knobs)


def _csv_path(table: dict, base: Path) -> Path:
    check_keys("data", table, CSV_KEYS)
    name = table["csv"]
    if not isinstance(name, str) or not name:
        raise NnanimError(f"data.csv: {name!r} is not a file name")
    path = base / name
    if path.is_dir():
        raise NnanimError(f"data.csv: {name!r} is a folder (at {path}); name the CSV file of "
                          f"points inside it")
    if not path.is_file():
        raise NnanimError(f"data.csv: {name!r} not found (looked for {path})")
    if not isinstance(table.get("polar", False), bool):
        raise NnanimError(f"data.polar: {table['polar']!r} is not true or false")
    return path


def _name(document: dict, path: Path) -> str:
    """``name``, else one made from the file name (``my net.toml`` → ``my-net``)."""
    if "name" not in document:
        return _name_from_file(path)
    name = document["name"]
    if isinstance(name, str):
        name = unicodedata.normalize("NFC", name)  # macOS spells file names decomposed
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise NnanimError(f"name: {name!r} is not a name of letters, digits, '-', '_' or '.'")
    if name in PRESETS:
        raise NnanimError(f"name: {name!r} is a preset's name; choose another")
    return name


def _name_from_file(path: Path) -> str:
    """The file's stem, with each run of characters a file name should not hold made ``-``."""
    stem = unicodedata.normalize("NFC", path.stem)
    name = _NOT_IN_NAME.sub("-", stem).strip("-_.")
    if not name:
        raise NnanimError(
            f'name: the file name {path.name!r} holds no letters or digits; add name = "..."'
        )
    if name in PRESETS:
        raise NnanimError(
            f'name: the file name makes {name!r}, a preset\'s name; add name = "..." '
            f"or rename the file"
        )
    return name


def _misplaced_key(document: dict) -> None:
    """Raise if a top-level key sits in a table: TOML gives each key to the header above it."""
    tables = [("data", document.get("data")), ("train", document.get("train"))]
    layers = document.get("layers")
    if isinstance(layers, list) and layers and isinstance(layers[-1], dict):
        tables.append((f"layers[{len(layers) - 1}]", layers[-1]))
    for where, table in tables:
        if not isinstance(table, dict):
            continue
        for key in MISPLACED_KEYS:
            if key in table and key not in document:
                header = "[[layers]]" if where.startswith("layers") else f"[{where}]"
                raise NnanimError(
                    f"{key}: written below {header}, so TOML reads it as {where}.{key}; "
                    f"move it above the first [table]"
                )


def _folder_instead_of_file(path: Path) -> NnanimError:
    """A folder where an experiment file was meant: name the files in it that would do."""
    inside = sorted(str(toml) for toml in path.glob("*.toml") if toml.is_file())[:3]
    example = f" such as {', '.join(inside)}" if inside else ""
    return NnanimError(f"{path}: is a folder, not an experiment file; give a .toml file{example}")


def read_toml(path: Path) -> dict:
    """The parsed document; a UTF-8 byte-order mark (Windows editors write one) is skipped."""
    if path.is_dir():
        raise _folder_instead_of_file(path)
    try:
        with open(path, "rb") as handle:
            text = handle.read().removeprefix(codecs.BOM_UTF8).decode("utf-8")
        return tomllib.loads(text)
    except FileNotFoundError:
        raise NnanimError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise NnanimError(f"{path}: {err}") from None


def load_experiment_file(path: str | os.PathLike) -> Experiment:
    """The experiment a TOML file describes; a CSV file it names is read relative to it."""
    path = Path(path)
    return experiment_from_document(read_toml(path), path)


def experiment_from_document(document: object, path: Path) -> Experiment:
    """The experiment a parsed TOML document describes (``path`` names it in messages)."""
    with _within(f"{path}: "):
        document = _table("top level", document)
        check_keys("top level", document, TOP_KEYS)
        _misplaced_key(document)
        for key in ("data", "layers"):
            if key not in document:
                raise NnanimError(f"{key}: missing (see examples/spiral.toml)")
        data = _table("data", document["data"])
        if ("csv" in data) == ("generator" in data):
            raise NnanimError('data: give either generator = "..." or csv = "file.csv"')
        source = _generated_data(data) if "generator" in data else _csv_path(data, path.parent)
        rows = _layer_rows(document["layers"])
        Architecture.from_table(rows)  # the layer rows' own errors, before the data is read
        train_keys = check_keys("train", document.get("train", {}), TRAIN_KEYS)
        with _within("train."):
            train = TrainSpec(**train_keys)
        name = _name(document, path)
        title = document.get("title")
        if title is not None and not isinstance(title, str):
            raise NnanimError(f"title: {title!r} is not a string")
    if isinstance(source, Path):  # read last: its errors name the CSV file and line
        X, y = read_points_csv(source)
        source = CsvData(source, X, y, polar=data.get("polar", False))
    with _within(f"{path}: "):
        arch = Architecture.from_table(rows, classes=_classes(document, source))
        return Experiment(
            name=name, title=title or arch.describe(), data=source, arch=arch, train=train,
            seed=document.get("seed", 0),
        )


def _classes(document: dict, source: DataSource) -> int:
    """``classes = K`` if the file gives it (it must match the data), else the data's count."""
    if "classes" not in document:
        return source.classes
    classes = check_positive_int("classes", document["classes"], minimum=2, maximum=MAX_CLASSES)
    if classes != source.classes:
        raise NnanimError(
            f"classes: {classes} does not match the data, whose labels count {source.classes} "
            f"classes (0 .. {source.classes - 1}); write classes = {source.classes} or leave it out"
        )
    return classes


def load_experiment(reference: str) -> Experiment:
    """A preset by name (``E3``) or the experiment in a ``.toml`` file."""
    if reference in PRESETS:
        return PRESETS[reference]
    if Path(reference).is_dir():
        raise _folder_instead_of_file(Path(reference))
    if reference.endswith(".toml"):
        return load_experiment_file(reference)
    raise NnanimError(
        f"experiment: {reference!r} is not a preset ({', '.join(PRESETS)}) or a .toml file"
    )
