"""The ``nnanim`` command: list, train, render, lecture and inspect without writing Python.

Rendering runs manim in a child process on ``scenes/experiment.py``, because manim renders
scene *files*; the experiment travels in environment variables (see ``nnanim.config``).
Everything that can be wrong with the input -- a typo in a TOML file, an unknown preset, a
missing caption -- is checked, and the network trained, before manim starts, so mistakes
cost seconds, not a render.

A mistake prints one line ``nnanim: error: ...`` and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import nnanim
from nnanim.captions import LANG_ENV, LANGUAGES, language
from nnanim.errors import NnanimError

if TYPE_CHECKING:  # the real imports wait until a command needs them: --help stays instant
    from nnanim.config import Chapter
    from nnanim.trajectory import Trajectory

QUALITIES = {"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"}
"""manim's quality flags and the folder each one renders into."""
FORMATS = ("mp4", "gif", "png")
SCENE_CLASS = "ExperimentChapter"
QUICK_ENV = "NNANIM_QUICK"
"""Read by ``nnanim.anim.lecture``, which is not imported here because it starts manim."""
DEFAULT_LECTURE = "swissroll"


# --- where things are ------------------------------------------------------------------------


def scenes_dir() -> Path:
    """``scenes/`` of the source checkout nnanim runs from (scene files are not in the wheel)."""
    path = Path(nnanim.__file__).resolve().parents[1] / "scenes"
    if not (path / "experiment.py").is_file():
        raise NnanimError(
            f"scenes: {path} not found; rendering needs nnanim's source checkout "
            f"(git clone it, then pip install -e . inside it)"
        )
    return path


def media_dir() -> Path:
    """``./media``, where manim itself puts what it renders."""
    return Path.cwd() / "media"


def variant(lang: str, quick: bool) -> str:
    """File-name suffix that keeps Japanese and quick renders from overwriting the real one."""
    return ("-ja" if lang == "ja" else "") + ("-quick" if quick else "")


def _temporary(target: Path) -> Path:
    """A hidden file next to ``target``, so the final rename never crosses file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def atomic_copy(source: Path, target: Path) -> None:
    """Copy so that ``target`` is never half-written: a temporary file, then a rename."""
    temporary = _temporary(target)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


# --- rendering through manim -----------------------------------------------------------------


def render_chapter(
    chapter: Chapter,
    stem: str,
    quality: str,
    fmt: str,
    lang: str,
    quick: bool,
    media: Path,
    log: Path | None = None,
) -> Path:
    """Render ``chapter`` with manim into ``media``; return the file it wrote.

    manim's own output goes to the terminal, or to ``log`` when several renders run at once.
    """
    command = [
        sys.executable, "-m", "manim", "render", "-q", quality, "--media_dir", str(media),
        "-o", stem,
    ]
    if fmt == "gif":
        command += ["--format", "gif"]
    elif fmt == "png":
        command += ["-s"]
    command += [str(scenes_dir() / "experiment.py"), SCENE_CLASS]
    env = {**os.environ, **chapter.env(), LANG_ENV: lang, QUICK_ENV: "1" if quick else "0"}
    if fmt == "png":
        output = media / "images" / "experiment" / f"{stem}.png"
    else:
        output = media / "videos" / "experiment" / QUALITIES[quality] / f"{stem}.{fmt}"
    output.unlink(missing_ok=True)  # an earlier render's file must not pass for this one
    if log is None:
        result = subprocess.run(command, env=env)
    else:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as handle:
            result = subprocess.run(command, env=env, stdout=handle, stderr=subprocess.STDOUT)
    where = f"; its output is in {log}" if log else ""
    if result.returncode != 0:
        raise NnanimError(f"manim failed (exit status {result.returncode}){where}")
    if not output.is_file():
        raise NnanimError(f"manim finished but wrote no {output}{where}")
    return output


@dataclass(frozen=True)
class _Clip:
    """What joining needs to know about one video, read without decoding a frame."""

    encoding: tuple
    first: int
    end: int
    time_base: Fraction

    @classmethod
    def read(cls, path: Path) -> "_Clip":
        import av

        with av.open(str(path)) as source:
            video = source.streams.video[0]
            context = video.codec_context
            encoding = (
                context.name, context.width, context.height, context.format.name,
                video.time_base, bytes(context.extradata or b""),
            )
            spans = [
                (packet.pts, packet.pts + packet.duration)
                for packet in source.demux(video)
                if packet.pts is not None
            ]
        if not spans:
            raise NnanimError(f"{path}: has no video frames")
        starts, ends = zip(*spans)
        return cls(encoding, min(starts), max(ends), video.time_base)

    @property
    def seconds(self) -> Fraction:
        return (self.end - self.first) * self.time_base


def join_videos(parts: Sequence[tuple[str, Path]], target: Path) -> list[tuple[str, float]]:
    """Concatenate ``(title, mp4)`` parts into ``target`` with an mp4 chapter marker for each.

    The compressed frames are copied as they are (no re-encoding: no quality loss, and
    seconds instead of minutes); that needs every part encoded alike, as manim does at one
    quality. Returns each chapter's title and start in seconds.
    """
    import av

    clips = [_Clip.read(path) for _, path in parts]
    for (title, _), clip in zip(parts, clips):
        if clip.encoding != clips[0].encoding:
            raise NnanimError(
                f"chapter {title!r} was encoded differently from {parts[0][0]!r}; "
                f"render all chapters with the same quality"
            )
    starts = [sum((clip.seconds for clip in clips[:i]), Fraction(0)) for i in range(len(clips))]
    ends = starts[1:] + [starts[-1] + clips[-1].seconds]
    millisecond = Fraction(1, 1000)
    chapters = [
        {
            "id": i + 1,
            "start": round(start / millisecond),
            "end": round(end / millisecond),
            "time_base": millisecond,
            "metadata": {"title": title},
        }
        for i, ((title, _), start, end) in enumerate(zip(parts, starts, ends))
    ]
    temporary = _temporary(target)
    try:
        with av.open(str(temporary), "w", format="mp4") as output:
            output.set_chapters(chapters)
            stream = None
            for (_, path), start, clip in zip(parts, starts, clips):
                shift = round(start / clip.time_base) - clip.first
                with av.open(str(path)) as source:
                    video = source.streams.video[0]
                    stream = stream or output.add_stream_from_template(video)
                    for packet in source.demux(video):
                        if packet.pts is None:  # the demuxer's empty end-of-stream packet
                            continue
                        packet.pts += shift
                        packet.dts += shift
                        packet.stream = stream
                        output.mux(packet)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return [(title, float(start)) for (title, _), start in zip(parts, starts)]


# --- the commands ----------------------------------------------------------------------------


def _first_docstring_line(path: Path) -> str:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return docstring.strip().splitlines()[0] if docstring.strip() else ""


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        print("  " + "  ".join(cells + [row[-1]]))


def command_list(args: argparse.Namespace) -> None:
    from nnanim.experiments import PRESETS

    print("presets (nnanim render NAME):")
    _table([(name, exp.title, exp.arch.describe()) for name, exp in PRESETS.items()])
    root = Path(nnanim.__file__).resolve().parents[1]
    examples = sorted((root / "examples").glob("*.toml"))
    if examples:
        from nnanim.config import load_experiment_file

        print("examples (nnanim render examples/NAME.toml):")
        rows = []
        for path in examples:
            try:
                exp = load_experiment_file(path)
                rows.append((f"examples/{path.name}", exp.title, exp.arch.describe()))
            except NnanimError as err:
                rows.append((f"examples/{path.name}", f"(invalid: {err})", ""))
        _table(rows)
    scenes = sorted((root / "scenes").glob("*.py"))
    if scenes:
        print("scenes (manim -pqh scenes/NAME.py):")
        _table([(f"scenes/{path.name}", _first_docstring_line(path)) for path in scenes])


def _train(exp) -> Trajectory:
    """Train ``exp`` (or load it from the cache) and say which, so a wait is never a mystery."""
    from nnanim.cache import cache_path, load_or_train

    cached = cache_path(exp).is_file()
    start = time.perf_counter()
    trajectory = load_or_train(exp)
    how = "from the cache" if cached else f"trained in {time.perf_counter() - start:.1f} s"
    print(f"{exp.name}: {exp.arch.describe()}, accuracy {100 * trajectory.final_accuracy:.1f} % "
          f"({how})")
    return trajectory


def command_train(args: argparse.Namespace) -> None:
    from nnanim.cache import cache_path
    from nnanim.config import load_experiment

    exp = load_experiment(args.experiment)
    trajectory = _train(exp)
    print(f"  title     {exp.title}")
    print(f"  accuracy  {100 * trajectory.final_accuracy:.1f} %")
    print(f"  loss      {trajectory.final_loss:.4f}")
    print(f"  epochs    {int(trajectory.epochs[-1])}")
    print(f"  cache     {cache_path(exp)}")


def _output_format(requested: str | None, out: Path | None) -> str:
    """``--format``, else the suffix of ``--out``, else mp4; the two must agree."""
    suffix = out.suffix.lstrip(".").lower() if out is not None and not out.is_dir() else ""
    if suffix and suffix not in FORMATS:
        raise NnanimError(f"--out: {str(out)!r} must end in .mp4, .gif or .png")
    if requested and suffix and requested != suffix:
        raise NnanimError(f"--out: {str(out)!r} does not end in .{requested} (the --format)")
    return requested or suffix or "mp4"


def _target(out: Path | None, default: Path) -> Path:
    """``--out``, or ``default``'s name inside it when ``--out`` is a directory."""
    if out is None:
        return default
    return out / default.name if out.is_dir() else out


def _language(requested: str | None) -> str:
    """``--lang``, else ``$NNANIM_LANG``, else English (checked here, not deep in manim)."""
    return requested or language()


def command_render(args: argparse.Namespace) -> None:
    from nnanim.config import Chapter, load_experiment

    fmt = _output_format(args.format, args.out)
    lang = _language(args.lang)
    exp = load_experiment(args.experiment)
    reference = args.experiment
    if reference.endswith(".toml"):
        reference = str(Path(reference).resolve())
    chapter = Chapter(experiment=reference)
    chapter.check(lang)
    scenes_dir()
    _train(exp)
    stem = exp.name + variant(lang, args.quick)
    rendered = render_chapter(chapter, stem, args.quality, fmt, lang, args.quick, media_dir())
    if args.out is None:
        print(rendered)
        return
    target = _target(args.out, rendered)
    atomic_copy(rendered, target)
    print(target)


def _lecture_plan(lecture: str, lang: str) -> list[tuple[str, Chapter]]:
    """The lecture's chapters in order, each checked: its title card, then its experiments."""
    from nnanim.config import Chapter
    from nnanim.lectures import get_lecture

    table = get_lecture(lecture)
    if any(c.experiment is None for c in table.chapters if c.name != "title"):
        raise NnanimError(
            f"lecture: {lecture} has chapters that are not experiments; "
            f"render it with manim scenes/{lecture}.py instead"
        )
    chapters = [("title", Chapter(title_card=lecture))] + [
        (c.name, Chapter(experiment=c.experiment, verdict=c.verdict))
        for c in table.experiment_chapters
    ]
    for _, chapter in chapters:
        chapter.check(lang)
    return chapters


def command_lecture(args: argparse.Namespace) -> None:
    from nnanim.config import load_experiment

    lang = _language(args.lang)
    suffix = variant(lang, args.quick)
    default = f"{args.lecture}{suffix}-{QUALITIES[args.quality]}.mp4"
    target = _target(args.out, media_dir() / "lectures" / default)
    if target.suffix.lower() != ".mp4":
        raise NnanimError(f"--out: {str(target)!r} must end in .mp4")
    chapters = _lecture_plan(args.lecture, lang)
    # One after another: parallel renders would otherwise all train the same network at once.
    for _, chapter in chapters:
        if chapter.experiment is not None:
            _train(load_experiment(chapter.experiment))
    work = media_dir() / "lecture-parts" / args.lecture
    jobs = args.jobs or min(len(chapters), os.cpu_count() or 1)
    print(f"rendering {len(chapters)} chapters, {jobs} at a time (manim's output: {work}/*.log)")
    start = time.perf_counter()

    def render(index: int) -> Path:
        name, chapter = chapters[index]
        folder = f"{index + 1:02d}-{name}"
        began = time.perf_counter()
        path = render_chapter(chapter, folder + suffix, args.quality, "mp4", lang, args.quick,
                              work / folder, log=work / f"{folder}{suffix}.log")
        print(f"  {name:8s} {time.perf_counter() - began:6.1f} s")
        return path

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        rendered = list(pool.map(render, range(len(chapters))))
    parts_dir = target.parent / f"{target.stem}-chapters"
    parts = [(name, parts_dir / f"{i + 1:02d}-{name}.mp4") for i, (name, _) in enumerate(chapters)]
    for (_, part), path in zip(parts, rendered):
        atomic_copy(path, part)
    marks = join_videos(parts, target)
    print(f"{target}  (chapters: " + ", ".join(f"{name} at {at:.1f} s" for name, at in marks) + ")")
    print(f"{parts_dir}/  (one file per chapter)")
    print(f"rendered and joined in {time.perf_counter() - start:.1f} s with --jobs {jobs}")


def command_inspect(args: argparse.Namespace) -> None:
    from nnanim.config import load_experiment
    from nnanim.data import make_dataset
    from nnanim.summary import write_summary

    exp = load_experiment(args.experiment)
    target = _target(args.out, media_dir() / "inspect" / f"{exp.name}.png")
    if target.suffix.lower() != ".png":
        raise NnanimError(f"--out: {str(target)!r} must end in .png")
    trajectory = _train(exp)
    X, y = make_dataset(exp.data)
    write_summary(exp, trajectory, X, y, target)
    print(target)


# --- the parser ------------------------------------------------------------------------------

EXPERIMENT_HELP = (
    "a preset (E1 … E8, C3; see 'nnanim list') or an experiment file such as "
    "examples/spiral.toml"
)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 1")
    return value


def _render_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quality", "-q", choices=tuple(QUALITIES), default="h",
                        help="l 480p15 (drafts), m 720p30, h 1080p60 (default), k 2160p60")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=f"caption language (default: ${LANG_ENV}, else en)")
    parser.add_argument("--quick", action="store_true",
                        help="every animation at a fraction of its length: to check a render "
                             "in seconds, not to show")


def _command(
    commands, name: str, run, summary: str, description: str, examples: Sequence[str] = ()
) -> argparse.ArgumentParser:
    """A subcommand whose description is wrapped and whose examples are kept line by line."""
    epilog = "examples:\n" + "\n".join(f"  {line}" for line in examples) if examples else None
    parser = commands.add_parser(
        name, help=summary, description=textwrap.fill(description, 78), epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nnanim",
        description="Lecture videos that show what a tiny neural network does to 2-D data.",
        epilog="Trained networks are cached in ~/.cache/nnanim (or $NNANIM_CACHE_DIR), so "
               "only the first render of an experiment trains it. Videos go to ./media/. "
               "'nnanim COMMAND --help' explains each command.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _command(
        commands, "list", command_list, "the presets, example experiments and lecture scenes",
        "List the article's experiments (presets), the example experiment files and the "
        "lecture scene files, one line each.",
    )

    train = _command(
        commands, "train", command_train,
        "train an experiment (or load it from the cache) and show the result",
        "Train an experiment, or load it from the cache, and print its final accuracy, loss, "
        "number of epochs and the cache file. Renders of the same experiment then start at "
        "once.",
        ["nnanim train E3", "nnanim train examples/spiral.toml"],
    )
    train.add_argument("experiment", metavar="EXPERIMENT", help=EXPERIMENT_HELP)

    render = _command(
        commands, "render", command_render,
        "render one experiment as a video chapter (mp4, gif or a png still)",
        "Render the standard lecture chapter for one experiment: the model and its data, "
        "training with the moving decision boundary, every layer as a warp of the plane, and "
        "the final accuracy. The experiment is checked and trained before manim starts. "
        "Prints the path of the result.",
        ["nnanim render E3 --quality l",
         "nnanim render examples/spiral.toml --format gif --out spiral.gif",
         "nnanim render E5 --lang ja --out videos/E5-ja.mp4"],
    )
    render.add_argument("experiment", metavar="EXPERIMENT_OR_FILE", help=EXPERIMENT_HELP)
    render.add_argument("--format", choices=FORMATS,
                        help="mp4 (default), gif, or png: one still of the trained network's "
                             "decision (data, heatmap, boundary); default: the suffix of --out")
    render.add_argument("--out", "-o", type=Path, metavar="PATH",
                        help="copy the result here (folders are created); without it the "
                             "result stays in ./media/ where manim writes it")
    _render_options(render)

    lecture = _command(
        commands, "lecture", command_lecture,
        "render a whole lecture, chapters in parallel, into one video",
        "Render every chapter of a lecture scene file (its title card and one chapter per row "
        "of its CHAPTERS table) in parallel processes, then join them without re-encoding "
        "into one mp4 with chapter markers. The per-chapter files are kept next to it in "
        "<out>-chapters/.",
        ["nnanim lecture --quality l --quick", "nnanim lecture donut --jobs 2 --lang ja"],
    )
    lecture.add_argument("lecture", nargs="?", default=DEFAULT_LECTURE, metavar="LECTURE",
                         help=f"a scene file in scenes/ with a CHAPTERS table, without .py "
                              f"(default: {DEFAULT_LECTURE})")
    lecture.add_argument("--jobs", "-j", type=_positive, metavar="N",
                         help="chapters rendered at the same time (default: one per CPU core)")
    lecture.add_argument("--out", "-o", type=Path, metavar="PATH",
                         help="the joined video (default: "
                              "media/lectures/<lecture>-<quality>.mp4)")
    _render_options(lecture)

    inspect = _command(
        commands, "inspect", command_inspect,
        "a PNG summary of a trained network, without rendering video",
        "Draw one PNG: the data with the final decision boundary and probability heatmap, "
        "then the output of every layer with the boundary pushed through it, ending on the "
        "softmax line y1 + y2 = 1. Takes seconds once trained.",
        ["nnanim inspect E5", "nnanim inspect examples/moons.toml --out moons.png"],
    )
    inspect.add_argument("experiment", metavar="EXPERIMENT", help=EXPERIMENT_HELP)
    inspect.add_argument("--out", "-o", type=Path, metavar="PATH",
                         help="where to write the PNG (default: media/inspect/<name>.png)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (2 for a mistake in the input)."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except NnanimError as err:
        print(f"nnanim: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nnanim: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
