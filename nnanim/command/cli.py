"""The ``nnanim`` command: list, train, render, lecture and inspect without writing Python.

A thin layer over small modules: ``nnanim.command.rendering`` runs manim in a child process,
``nnanim.command.lecture_video`` renders a lecture chapter by chapter and ``nnanim.outputs.joining`` joins
videos. Everything that can be wrong with the input -- a typo in a TOML file, an unknown
preset, a missing caption -- is checked, and the network trained, before manim starts, so
mistakes cost seconds, not a render.

A mistake prints one line ``nnanim: error: ...`` and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from nnanim.course.captions import LANGUAGES, language
from nnanim.errors import NnanimError
from nnanim.settings import LANG_ENV, QUICK_FACTOR
from nnanim.command.rendering import (FORMATS, QUALITIES, Look, lecture_file, media_dir,
                                      render_scene)

if TYPE_CHECKING:  # the real imports wait until a command needs them: --help stays instant
    from nnanim.core.model_file import ModelRun, ModelSource
    from nnanim.core.trajectory import Trajectory

DEFAULT_LECTURE = "swissroll"


# --- the commands ----------------------------------------------------------------------------


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        print("  " + "  ".join(cells + [row[-1]]))


def command_list(args: argparse.Namespace) -> None:
    from nnanim.core.experiments import PRESETS
    from nnanim.course.lectures import LECTURES

    print("presets (nnanim render NAME):")
    _table([(name, exp.title, exp.arch.describe()) for name, exp in PRESETS.items()])
    examples = sorted(Path("examples").glob("*.toml"))  # the checkout's, or a teacher's own
    if examples:
        from nnanim.core.experiment_file import load_experiment_file

        print("examples (nnanim render examples/NAME.toml):")
        rows = []
        for path in examples:
            try:
                exp = load_experiment_file(path)
                rows.append((f"examples/{path.name}", exp.title, exp.arch.describe()))
            except NnanimError as err:
                rows.append((f"examples/{path.name}", f"(invalid: {err})", ""))
        _table(rows)
    print("lectures (nnanim lecture NAME):")
    _table([(name, lecture.length, ", ".join(c.name for c in lecture.chapters), lecture.about)
            for name, lecture in LECTURES.items()])


def _show_progress() -> bool:
    """Progress bars on a terminal only: a log file or a test reads results, not bars."""
    return sys.stderr.isatty()


def _check_cache_for(experiments) -> None:
    """Fail now, not after the render starts, if something must be trained but cannot be kept."""
    from nnanim.core.cache import cache_path, check_cache_dir

    if not all(cache_path(exp).is_file() for exp in experiments):
        check_cache_dir()


def _duration(seconds: float) -> str:
    """``45 s``, ``3 min 20 s``, ``1 h 05 min``: a wait as a person reads it."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60) if seconds >= 3600 else int(seconds // 60)
    if seconds >= 3600:
        return f"{minutes // 60} h {minutes % 60:02d} min"
    return f"{minutes} min {int(seconds % 60):02d} s"


def _data_before_training(exp):
    """The experiment's points, loaded once; for a large set, first a line saying how long
    its training will take, so a long wait is announced before it starts."""
    from nnanim.core.data import make_dataset
    from nnanim.core.subsample import DRAWN_POINTS
    from nnanim.core.train import training_seconds

    X, y = make_dataset(exp.data)
    if len(y) > DRAWN_POINTS:
        seconds = training_seconds(X, y, exp.arch, exp.train, exp.seed)
        print(f"{exp.name}: {len(y):,} points, {exp.train.epochs:,} epochs: training takes "
              f"about {_duration(seconds)} (timed on its first epochs)", flush=True)
    return X, y


def _train(exp) -> Trajectory:
    """Train ``exp`` (or load it from the cache) and say which, so a wait is never a mystery."""
    from nnanim.core.cache import cache_path, load_or_train

    cached = cache_path(exp).is_file()
    data = None if cached else _data_before_training(exp)
    start = time.perf_counter()
    trajectory = load_or_train(exp, progress=_show_progress(), data=data)
    how = "from the cache" if cached else f"trained in {time.perf_counter() - start:.1f} s"
    print(f"{exp.name}: {exp.arch.describe()}, accuracy {100 * trajectory.final_accuracy:.1f} % "
          f"({how})")
    return trajectory


def _say_what_is_drawn(exp, trajectory: Trajectory, look: Look, still: bool) -> None:
    """For a large set, before the render: which points it draws, and what measuring every
    point on every training frame adds (a still has no such frames)."""
    from nnanim.core.data import make_dataset
    from nnanim.core.model import accuracy_and_loss
    from nnanim.settings import TRAINING_SECONDS
    from nnanim.core.subsample import DRAWN_POINTS

    X, y = make_dataset(exp.data)
    if len(y) <= DRAWN_POINTS:
        return
    line = (f"{exp.name}: the {'picture' if still else 'video'} draws {DRAWN_POINTS:,} of the "
            f"{len(y):,} points, every class keeping its share (said on screen)")
    if not still:
        start = time.perf_counter()
        accuracy_and_loss(trajectory.final_params, exp.arch, X, y)
        each = time.perf_counter() - start
        rate = int(QUALITIES[look.quality].split("p")[1])
        frames = round(TRAINING_SECONDS * (QUICK_FACTOR if look.quick else 1.0) * rate)
        line += "; accuracy and loss are measured on all of them"
        if each * frames >= 1:
            line += (f", {each:.2g} s for each of {frames} training frames (about "
                     f"{_duration(each * frames)} in all)")
    print(line)


def below_claim(exp, accuracy: float) -> str | None:
    """One line when a single run misses what the preset's claim promises, else None."""
    outcome = exp.outcome
    if outcome is None or outcome.holds(accuracy):
        return None
    where = "far below" if outcome.succeeds else "above"
    return (f"{exp.name}: this run reached {100 * accuracy:.1f} %, {where} what its claim "
            f"expects ({outcome.in_words()}); compare other seeds: "
            f"nnanim train {exp.name} --seeds 0-19")


def command_train(args: argparse.Namespace) -> None:
    from nnanim.core.cache import cache_path
    from nnanim.core.experiment_file import load_experiment

    exp = load_experiment(args.experiment)
    if args.seeds is not None:
        from nnanim.studies.chance import parse_seeds, seed_spread

        spread = seed_spread(exp, parse_seeds(args.seeds), progress=_show_progress())
        print("\n".join(spread.describe()))
        return
    _check_cache_for([exp])
    trajectory = _train(exp)
    print(f"  title     {exp.title}")
    print(f"  accuracy  {100 * trajectory.final_accuracy:.1f} %")
    print(f"  loss      {trajectory.final_loss:.4f}")
    print(f"  epochs    {int(trajectory.epochs[-1])}")
    print(f"  cache     {cache_path(exp)}")
    warning = below_claim(exp, trajectory.final_accuracy)
    if warning:
        print(warning)


def _language(requested: str | None) -> str:
    """``--lang``, else ``$NNANIM_LANG``, else English (checked here, not deep in manim)."""
    return requested or language()


def _output(out: str | None, default: Path, suffixes: tuple[str, ...]) -> Path | None:
    """The ``--out`` file (None: the default place), after checking nnanim can write there."""
    from nnanim.command.paths import output_target
    from nnanim.core.files import check_writable_dir

    target = None if out is None else output_target(out, default, suffixes)
    check_writable_dir(media_dir(), "media", fix="run nnanim from a folder you can write to")
    if target is not None:
        check_writable_dir(target.parent, "--out")
    return target


def wrote(path: Path) -> None:
    """The last line of a command that makes a file: where the file is."""
    print(f"nnanim: wrote {path}")


def _model_source(args: argparse.Namespace) -> ModelSource | None:
    """What ``--model``, ``--data`` and ``--activations`` ask for, or None for an experiment:
    one of the two is given, never both."""
    if args.model is None:
        stray = next((flag for flag, value in (("--data", args.data),
                                               ("--activations", args.activations))
                      if value is not None), None)
        if stray:
            raise NnanimError(f"{stray}: goes with --model FILE, the weights of a network "
                              f"trained elsewhere; give --model too")
        if args.experiment is None:
            raise NnanimError("give an experiment (a preset such as E3, or a .toml file) or a "
                              "trained network: --model weights.pt --data points.csv")
        return None
    if args.experiment is not None:
        raise NnanimError(f"give the experiment {args.experiment} or --model {args.model}, "
                          f"not both")
    if args.data is None:
        raise NnanimError("--model: give the points to draw it on too: --data points.csv "
                          "(rows x1,x2,label)")
    from nnanim.core.model_file import ModelSource  # torch: only for a model

    return ModelSource(args.model, args.data, args.activations)


def _say_model(model: ModelRun, source: ModelSource) -> None:
    """What the render draws of a network trained elsewhere: its layers, its accuracy on the
    points, and for a large set, how many of them."""
    from nnanim.core.subsample import DRAWN_POINTS

    line = (f"{model.name}: {model.arch.describe()}, accuracy {100 * model.accuracy:.1f} % on "
            f"{source.data} (the weights of {source.model}: nothing to train)")
    if model.thinned:
        line += (f"; the picture draws {DRAWN_POINTS:,} of the {len(model.y):,} points, every "
                 f"class keeping its share (said on screen)")
    print(line)


def command_render(args: argparse.Namespace) -> None:
    from nnanim.core.experiment_file import load_experiment
    from nnanim.course.render_request import RenderRequest
    from nnanim.core.files import atomic_copy
    from nnanim.command.frame_bar import FrameBar

    source = _model_source(args)
    if source is None:
        exp = load_experiment(args.experiment)
        exp.check_drawable()
        name = exp.name
    else:
        model = source.load()  # every check of the file, its layers and the points
        name = model.name
    lang = _language(args.lang)
    stem = name + Look("h", lang, args.quick).suffix
    suffixes = (f".{args.format}",) if args.format else tuple(f".{f}" for f in FORMATS)
    target = _output(args.out, media_dir() / f"{stem}{suffixes[0]}", suffixes)
    fmt = target.suffix[1:].lower() if target else (args.format or "mp4")
    look = Look(args.quality or ("l" if fmt == "gif" else "h"), lang, args.quick)
    if source is None:
        reference = args.experiment
        if reference.endswith(".toml"):
            reference = str(Path(reference).resolve())
        chapter = RenderRequest(reference)
        chapter.check(look.lang)
    else:  # the scene reads the same files from wherever manim runs
        chapter = RenderRequest(model=replace(source, model=str(Path(source.model).resolve()),
                                              data=str(Path(source.data).resolve())))
    scene_file = lecture_file("experiment")
    if source is None:
        _check_cache_for([exp])
        _say_what_is_drawn(exp, _train(exp), look, still=fmt == "png")
    else:
        _say_model(model, source)
    logs = media_dir() / "logs"
    print(f"rendering {name} at {QUALITIES[look.quality]}; manim's output: "
          f"{logs / stem}.log")
    with FrameBar(logs / stem, shown=_show_progress() and fmt != "png") as bar:
        bar.plan(scene_file, "ExperimentChapter", look, chapter.env())
        video = render_scene(scene_file, "ExperimentChapter", stem, look, media_dir(),
                             logs / f"{stem}.log", bar.counter(stem), still=fmt == "png",
                             env=chapter.env())
    if fmt == "gif":
        from nnanim.outputs.gif import write_gif

        rendered = video.with_suffix(".gif")
        write_gif(video, rendered)
    else:
        rendered = video
    if target is not None:
        atomic_copy(rendered, target)
    wrote(target or rendered)


def _again(args: argparse.Namespace, join_only: bool) -> str:
    """This lecture command again: to render what is missing, or to join the kept chapters."""
    words = ["nnanim", "lecture", args.lecture, "-q", args.quality]
    words += ["--quick"] if args.quick else []
    words += ["--lang", args.lang] if args.lang else []
    words += ["--out", str(args.out)] if args.out else []
    words += ["--subtitles"] if args.subtitles else []
    return " ".join(words + (["--join-only"] if join_only else []))


def _kept(finished: list[str], folder: Path) -> str:
    """What a stopped lecture leaves for the next run, as the end of its last line."""
    if not finished:
        return ""
    return (f"the finished chapters ({', '.join(finished)}) are kept in {folder}/ and the same "
            f"command renders only the others")


def _need(lecture, look: Look) -> str:
    """What a whole render of ``lecture`` takes on disk, as the middle of a full disk's line."""
    from nnanim.command.lecture_video import disk_need
    from nnanim.command.paths import size_in_words

    return (f"rendering lecture {lecture.name} at -q {look.quality}"
            f"{' --quick' if look.quick else ''} takes about "
            f"{size_in_words(disk_need(lecture, look))} in all")


def command_lecture(args: argparse.Namespace) -> None:
    from tqdm import tqdm

    from nnanim.command.chapter_stamps import lecture_inputs
    from nnanim.core.experiments import get_preset
    from nnanim.command.frame_bar import FrameBar
    from nnanim.command.lecture_video import (
        chapter_files, finished_chapters, join_chapters, lecture_cues, render_chapters,
    )
    from nnanim.course.lectures import get_lecture
    from nnanim.command.locks import folder_locks
    from nnanim.command.paths import DiskFullError, ran_out_of_space
    from nnanim.outputs.subtitles import mux_subtitle_tracks, write_subtitle_files

    lecture = get_lecture(args.lecture)
    args.quality = args.quality or "h"
    look = Look(args.quality, _language(args.lang), args.quick)
    default = f"{lecture.name}{look.suffix}-{QUALITIES[look.quality]}.mp4"
    target = _output(args.out, media_dir() / "lectures" / default, (".mp4",)) or \
        media_dir() / "lectures" / default
    folder = target.parent / f"{target.stem}-chapters"
    work = media_dir() / "lecture-parts" / lecture.name
    if not args.join_only:
        scene_file = lecture_file(lecture.name)
        experiments = [get_preset(name) for name in lecture.presets]
        for exp in experiments:
            exp.check_drawable()
        _check_cache_for(experiments)
    # Two runs of one lecture would write the same working files: the second one waits.
    with folder_locks([work, folder], f"lecture {lecture.name}", say=print):
        start = time.perf_counter()
        if not args.join_only:
            for exp in experiments:
                _train(exp)
            inputs = lecture_inputs(scene_file, look)
            jobs = args.jobs or min(len(lecture.chapters), os.cpu_count() or 1)
            tqdm.get_lock()  # made now: made lazily by a tqdm.write that Ctrl-C cuts, it breaks
            print(f"{lecture.name}: {len(lecture.chapters)} chapters ({lecture.length} in full); "
                  f"{jobs} at a time, the longest first; manim's output: {work}/*.log")
            try:
                try:
                    with FrameBar(work / "progress", shown=_show_progress()) as bar:
                        render_chapters(lecture, look, folder, work, jobs, bar, inputs,
                                        say=tqdm.write)
                except DiskFullError as err:
                    kept = _kept(finished_chapters(lecture, folder, inputs), folder)
                    raise DiskFullError(err.folder, _need(lecture, look), kept) from None
                except NnanimError as err:
                    kept = _kept(finished_chapters(lecture, folder, inputs), folder)
                    raise NnanimError(f"{err}; {kept}" if kept else str(err)) from None
            except KeyboardInterrupt:  # also while a chapter's failure above is reported
                raise KeyboardInterrupt(_kept(finished_chapters(lecture, folder, inputs),
                                              folder)) from None
        missing = [name for name, path in chapter_files(lecture, folder) if not path.is_file()]
        if missing:
            which = ("no chapter is" if len(missing) == len(lecture.chapters)
                     else f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'}")
            raise NnanimError(f"--join-only: {which} rendered in {folder}/ yet; render "
                              f"first: {_again(args, join_only=False)}")
        try:
            marks = join_chapters(lecture, folder, target)
        except Exception as err:  # whatever went wrong, the rendered chapters must not be lost
            if ran_out_of_space(target.parent, err):
                raise DiskFullError(target.parent, _need(lecture, look),
                                    f"the chapters are kept in {folder}/ and "
                                    f"{_again(args, join_only=True)} joins them") from None
            raise NnanimError(
                f"joining failed ({err}); the chapters are kept in {folder}/; join them again "
                f"without rendering: {_again(args, join_only=True)}"
            ) from None
        cues = lecture_cues(lecture, folder, marks)
        subtitles = write_subtitle_files(cues, target)
        if args.subtitles:
            mux_subtitle_tracks(target, cues, target)
    print("chapters: " + ", ".join(f"{name} at {at:.1f} s" for name, at in marks))
    print(f"one file per chapter: {folder}/")
    print(f"subtitles ({len(cues)} cues, English and Japanese): "
          f"{subtitles[0].parent}/{target.stem}.{{en,ja}}.{{srt,vtt}}"
          + ("; also inside the mp4 as soft subtitle tracks" if args.subtitles else ""))
    print(f"done in {time.perf_counter() - start:.1f} s")
    wrote(target)


def command_slides(args: argparse.Namespace) -> None:
    from nnanim.command.lecture_slides import render_slides
    from nnanim.course.lectures import get_lecture
    from nnanim.outputs.slide_deck import write_html, write_present_deck

    lecture = get_lecture(args.lecture)
    look = Look(args.quality or "h", _language(args.lang), args.quick)
    name = f"{lecture.name}{look.suffix}-{QUALITIES[look.quality]}"
    default = media_dir() / "slides" / f"{name}.html"
    target = _output(args.out, default, (".html",)) or default
    work = media_dir() / "slides-parts" / lecture.name
    print(f"{lecture.name}: rendering, one slide per beat ({lecture.length} in full); "
          f"manim's output: {work}.log")
    deck = render_slides(lecture, look, work, _show_progress())
    write_html(deck, target, look.lang)
    present = write_present_deck(deck, target.with_suffix(""))
    print(f"{len(deck.slides)} slides, {target.stat().st_size / 1e6:.1f} MB; the HTML file "
          f"opens in any browser, offline (→ or space: next, ←: back)")
    print(f"the deck for manim-slides ({present.name}): cd {present.parents[1]} && "
          f"manim-slides present {deck.scene}")
    wrote(target)


def command_gallery(args: argparse.Namespace) -> None:
    from nnanim.command.gallery import make_gallery

    folder = media_dir() / "gallery"
    print(f"rendering the gallery's chapters (quick, 720p); manim's output: "
          f"{media_dir() / 'gallery-parts'}/*.log")
    for path in make_gallery(folder, media_dir() / "gallery-parts"):
        wrote(path)


def command_docs(args: argparse.Namespace) -> None:
    from nnanim.command.docs import build_docs

    wrote(build_docs(Path(args.out) if args.out else None, pictures=not args.fast))


def command_inspect(args: argparse.Namespace) -> None:
    from nnanim.core.experiment_file import load_experiment
    from nnanim.core.data import make_dataset
    from nnanim.studies.network_summary import network_figure, write_figure, write_summary

    source = _model_source(args)
    if source is not None:
        model = source.load()
        default = media_dir() / "inspect" / f"{model.name}.png"
        target = _output(args.out, default, (".png",)) or default
        _say_model(model, source)
        figure = network_figure(model.heading, model.params, model.arch, model.X, model.y)
        wrote(write_figure(figure, target))
        return
    exp = load_experiment(args.experiment)
    exp.check_drawable()
    default = media_dir() / "inspect" / f"{exp.name}.png"
    target = _output(args.out, default, (".png",)) or default
    _check_cache_for([exp])
    trajectory = _train(exp)
    X, y = make_dataset(exp.data)
    write_summary(exp, trajectory, X, y, target)
    wrote(target)


# --- the parser ------------------------------------------------------------------------------

EXPERIMENT_HELP = (
    "a preset (E1 … E8, C3; see 'nnanim list') or an experiment file such as "
    "examples/spiral.toml"
)
MODEL_EXAMPLES = (
    "nnanim {command} --model weights.pt --data points.csv --activations tanh",
    "nnanim {command} --model weights.safetensors --data points.csv --activations tanh,relu",
)


def _model_options(parser: argparse.ArgumentParser) -> None:
    """A network trained elsewhere, instead of an experiment (``nnanim.core.model_file``)."""
    parser.add_argument("--model", metavar="FILE",
                        help="instead of an experiment, a network you trained in torch: the "
                             "state dict of an nn.Sequential of Linear layers, saved with "
                             "torch.save(net.state_dict(), 'weights.pt') or as .safetensors")
    parser.add_argument("--data", metavar="CSV",
                        help="with --model: the points to draw it on, rows x1,x2,label "
                             "(labels 0 .. classes-1)")
    parser.add_argument("--activations", metavar="NAMES",
                        help="with --model: the activation after each hidden layer, tanh, relu, "
                             "sigmoid or identity; one name for every hidden layer or one per "
                             "layer (tanh,relu); default: activations = [...] in the TOML file "
                             "of the same name beside the weights (weights.toml)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 1")
    return value


def _render_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quality", "-q", choices=tuple(QUALITIES),
                        help="l 480p15 (drafts; the default for a GIF), m 720p30, "
                             "h 1080p60 (the default otherwise), k 2160p60")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=f"caption language (default: ${LANG_ENV}, else en)")
    parser.add_argument("--quick", action="store_true",
                        help=f"every pause and animation at {round(100 * QUICK_FACTOR)} %% of its length, the pictures "
                             "unchanged: a check in seconds that the whole render works, not a "
                             "video to show (files get a -quick suffix)")


def _lecture_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lecture", nargs="?", default=DEFAULT_LECTURE, metavar="LECTURE",
                        help=f"a lecture's name, as 'nnanim list' shows it "
                             f"(default: {DEFAULT_LECTURE})")


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
        commands, "list", command_list, "the presets, example experiments and lectures",
        "List the article's experiments (presets), the example experiment files and the "
        "lectures, one line each; a lecture's line gives its length in full and its chapters.",
    )

    train = _command(
        commands, "train", command_train,
        "train an experiment (or load it from the cache) and show the result",
        "Train an experiment, or load it from the cache, and print its final accuracy, loss, "
        "number of epochs and the cache file. Renders of the same experiment then start at "
        "once. A preset run that misses its claim says so. With --seeds, train it from many "
        "initial weights and show the spread of the final accuracy.",
        ["nnanim train E3", "nnanim train examples/spiral.toml", "nnanim train E3 --seeds 0-19"],
    )
    train.add_argument("experiment", metavar="EXPERIMENT", help=EXPERIMENT_HELP)
    train.add_argument("--seeds", metavar="SEEDS",
                       help="train from each of these training seeds instead (0-19, or "
                            "0,4,7-9; data unchanged, nothing cached) and show how far apart "
                            "they end, naming any seed stuck far below the others")

    render = _command(
        commands, "render", command_render,
        "render one experiment as a video chapter (mp4, gif or a png still)",
        "Render the standard lecture chapter for one experiment: the model and its data, "
        "training with the moving decision boundary, every layer as a warp of the plane, and "
        "the final accuracy. The experiment is checked and trained before manim starts. "
        "With --model instead, a network you trained in torch, drawn on your points: its "
        "decision (no training to show), every layer as a warp, its accuracy. "
        "Prints the path of the result.",
        ["nnanim render E3 --quality l",
         "nnanim render examples/spiral.toml --format gif --out spiral.gif",
         "nnanim render E5 --lang ja --out videos/E5-ja.mp4",
         *(line.format(command="render") for line in MODEL_EXAMPLES),
         "nnanim render --model weights.pt --data points.csv --format png"],
    )
    render.add_argument("experiment", metavar="EXPERIMENT_OR_FILE", nargs="?",
                        help=EXPERIMENT_HELP)
    _model_options(render)
    render.add_argument("--format", choices=FORMATS,
                        help="mp4 (default), gif, or png: one still of the trained network's "
                             "decision (data, heatmap, boundary); default: the suffix of --out")
    render.add_argument("--out", "-o", metavar="PATH",
                        help="copy the result here: a file, or a folder ending in '/' "
                             "(created if missing); a name without suffix gets the format's; "
                             "without it the result stays in ./media/ where manim writes it")
    _render_options(render)

    lecture = _command(
        commands, "lecture", command_lecture,
        "render a whole lecture, chapters in parallel, into one video",
        "Render every chapter of a lecture (see 'nnanim list') in its own process -- "
        "several at a time, the longest first -- and join them without re-encoding into one "
        "mp4 with a chapter marker at the start of each. The chapter files are kept in "
        "<out>-chapters/ as soon as each is rendered: after Ctrl-C or a failure the same "
        "command reuses every chapter whose inputs are unchanged and renders only the rest, "
        "and --join-only joins them without rendering.",
        ["nnanim lecture donut --quality l --quick",
         "nnanim lecture wiser --jobs 2 --lang ja",
         "nnanim lecture donut --quality l --quick --join-only"],
    )
    _lecture_argument(lecture)
    lecture.add_argument("--jobs", "-j", type=_positive, metavar="N",
                         help="chapters rendered at the same time (default: one per CPU core)")
    lecture.add_argument("--out", "-o", metavar="PATH",
                         help="the joined video, or a folder ending in '/' for it (default: "
                              "media/lectures/<lecture>-<quality>.mp4)")
    lecture.add_argument("--join-only", action="store_true",
                         help="render nothing: join the chapter files an earlier run kept in "
                              "<out>-chapters/")
    lecture.add_argument("--subtitles", action="store_true",
                         help="also put the English and Japanese subtitles into the mp4 as soft "
                              "subtitle tracks (the .srt and .vtt files beside it are always "
                              "written)")
    _render_options(lecture)

    slides = _command(
        commands, "slides", command_slides,
        "a lecture as click-to-advance slides: one offline HTML file",
        "Render a lecture once with a slide at every beat (after the title, after training, "
        "after each stage inside the network, after each verdict, ...) and write one HTML "
        "file that plays it step by step in any browser -- no network, no Python: the videos "
        "are inside it -- and, beside it, a deck for 'manim-slides present'.",
        ["nnanim slides swissroll",
         "nnanim slides donut --quality l --lang ja --out donut-ja.html"],
    )
    _lecture_argument(slides)
    slides.add_argument("--out", "-o", metavar="PATH",
                        help="the HTML file (default: media/slides/<lecture>-<quality>.html)")
    _render_options(slides)

    _command(
        commands, "gallery", command_gallery,
        "the README's gallery frames, rendered afresh into media/gallery/",
        "Render the chapters the README's gallery shows (quick mode, 720p) and save one small "
        "PNG per picture in media/gallery/ (run it in the source checkout to update the README's).",
        ["nnanim gallery"],
    )

    inspect = _command(
        commands, "inspect", command_inspect,
        "a PNG summary of a trained network, without rendering video",
        "Draw one PNG: the data with the final decision boundary and probability heatmap, "
        "then the output of every layer with the boundary pushed through it, ending on the "
        "softmax line y1 + y2 = 1. Takes seconds once trained; with --model, a network you "
        "trained in torch, drawn on your points.",
        ["nnanim inspect E5", "nnanim inspect examples/moons.toml --out moons.png",
         *(line.format(command="inspect") for line in MODEL_EXAMPLES)],
    )
    inspect.add_argument("experiment", metavar="EXPERIMENT", nargs="?", help=EXPERIMENT_HELP)
    _model_options(inspect)
    inspect.add_argument("--out", "-o", metavar="PATH",
                         help="where to write the PNG, or a folder ending in '/' for it "
                              "(default: media/inspect/<name>.png)")

    docs = _command(
        commands, "docs", command_docs,
        "build the documentation site (HTML), its pictures rendered from the lectures",
        "Build the documentation of the source checkout: the tutorial, every lecture with "
        "its chapters and the frames it shows, experiment files, this command line and the "
        "Python API, as HTML pages to open in a browser. The pictures are rendered from the "
        "lectures themselves (a few minutes the first time; kept until nnanim changes). Any "
        "warning stops the build. Needs the docs extra: pip install -e \".[docs]\".",
        ["nnanim docs", "nnanim docs --fast"],
    )
    docs.add_argument("--fast", action="store_true",
                      help="skip the pictures (a note stands in their place): seconds, not "
                           "minutes")
    docs.add_argument("--out", "-o", metavar="FOLDER",
                      help="where to write the site (default: docs/_build/html)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (2 for a mistake in the input)."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except NnanimError as err:
        print(f"nnanim: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:
        print("nnanim: interrupted" + (f"; {stop}" if str(stop) else ""), file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
