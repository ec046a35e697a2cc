"""The documentation site: ``nnanim docs`` builds every page, warnings as errors, and each page
holds what a teacher opens it for.

The site is built once for these tests in its fast mode (``nnanim docs --fast``: no pictures,
seconds), then read back as HTML: an API entry with its example for every public name, a page
for every lecture of the table with its chapters, a section for every command of the parser,
the experiment-file keys and real error messages. The pictures themselves are rendered only by
the full build; the lecture pages' use of them is checked here on the suite's own beat frames.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import nnanim
from nnanim.command.cli import build_parser
from nnanim.core.data import GENERATORS
from nnanim.course.lectures import LECTURES, get_lecture

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

pytestmark = pytest.mark.xdist_group("docs")  # one build, in one test process


QUOTES = str.maketrans("‘’“”", "''\"\"")
"""Sphinx prints quotes curly; the sources write them straight."""


def text_of(page: str) -> str:
    """The words of an HTML page (or of reST), as read: tags and ``literal`` marks dropped,
    entities read, quotes straight, spaces collapsed."""
    words = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("``", "").translate(QUOTES)
    return re.sub(r"\s+", " ", words)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    result = subprocess.run([sys.executable, "-m", "nnanim.command.cli", "docs", "--fast",
                             "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert result.stdout.strip().splitlines()[-1] == f"nnanim: wrote {out / 'index.html'}"
    return out


def page(site: Path, name: str) -> str:
    path = site / f"{name}.html"
    assert path.is_file(), f"no page {name}.html"
    return path.read_text(encoding="utf-8")


def test_every_page_is_built_and_in_the_table_of_contents(site):
    index = page(site, "index")
    for name in ("tutorial", "lectures", "experiment-files", "command-line", "api"):
        page(site, name)
        assert f'href="{name}.html"' in index, f"{name} is not in the index's contents"


def test_every_public_name_has_an_api_entry_with_its_docstring_and_example(site):
    api = page(site, "api")
    names = [name for name in nnanim.__all__ if not name.startswith("__")]
    assert names, "nnanim.__all__ names nothing to document"
    for name in names:
        entry = re.search(rf'<dt class="sig sig-object py" id="nnanim\.{name}">(.*?)</dl>',
                          api, re.S)
        assert entry, f"no API entry for nnanim.{name}"
        first_line = getattr(nnanim, name).__doc__.strip().splitlines()[0]
        assert text_of(first_line)[:40] in text_of(entry.group(1)), \
            f"nnanim.{name}'s entry does not show its docstring"
        assert 'class="highlight' in entry.group(1), f"nnanim.{name}'s entry shows no example"


def test_every_lecture_of_the_table_has_its_page_with_its_chapters(site):
    table = page(site, "lectures")
    for name, lecture in LECTURES.items():
        assert f'href="lectures/{name}.html"' in table, f"{name} is not in the lectures' table"
        shown = page(site, f"lectures/{name}")
        words = text_of(shown)
        assert lecture.about in words
        assert lecture.length in words
        for chapter in lecture.chapters:
            assert re.search(rf"<h2>{re.escape(html.escape(chapter.name, quote=False))}"
                             rf"(:[^<]*)?<a class=\"headerlink\"", shown), \
                f"lecture {name}: no section for chapter {chapter.name!r}"
        # The fast build says where the pictures went instead of showing none silently.
        assert "skipped the pictures" in words


def test_the_model_chapters_say_what_their_network_is_and_how_often_it_does_it(site):
    words = text_of(page(site, "lectures/swissroll"))
    assert "E3: Swiss roll, one tanh layer of 2" in words
    assert "2 tanh → 2 softmax" in words
    assert "≥ 97 % in 64 of 100 runs" in words
    assert "2 tanh units separate the arms, but the boundary is strained." in words


def test_every_command_of_the_parser_has_its_section_with_its_help(site):
    cli = page(site, "command-line")
    words = text_of(cli)
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert {"render", "lecture", "docs"} <= set(commands)
    for name, sub in commands.items():
        assert f'id="nnanim-{name}"' in cli, f"no section for nnanim {name}"
        assert f"usage: nnanim {name}" in words
        for action in sub._actions:
            for flag in action.option_strings:
                assert flag in words, f"nnanim {name}: option {flag} is not on the page"


def test_the_experiment_file_page_tables_every_key_and_shows_real_errors(site):
    words = text_of(page(site, "experiment-files"))
    for generator in GENERATORS:
        assert generator in words
    assert "turns = 0.75" in words  # the swiss roll's knob, with its default
    assert ("nnanim: error: mynet.toml: layers[1].activation: 'tahn' is not one of linear, "
            "tanh, relu, sigmoid") in words
    assert "nnanim: error: points.csv:5: label 'x' is not a class number" in words
    assert "x1,x2,label" in words  # the example CSV file, included


def test_the_tutorial_holds_the_example_and_the_real_refusals(site):
    words = text_of(page(site, "tutorial"))
    assert "class OwnNetwork(nnanim.LectureScene):" in words
    assert "nnanim.show_inside(self, net, X, y" in words
    assert "network[1]: BatchNorm1d cannot be drawn as a warp of the plane" in words


def test_a_lecture_page_shows_every_beat_its_render_kept(tmp_path):
    """The full build's pictures, placed as the render leaves them (here the suite's own
    controls of the linear lecture): each chapter gets its most colourful beat large -- the
    network's picture, not a page of words -- and, when it has several, all of them small, in
    order; the lectures' table gets the lecture's most colourful beat."""
    from nnanim_docs import lecture_pages

    controls = ROOT / "tests" / "control_data" / "beats" / "linear"
    pictures = tmp_path / "_build" / "pictures" / "linear"
    pictures.mkdir(parents=True)
    for png in controls.glob("*.png"):
        (pictures / png.name).write_bytes(png.read_bytes())
    app = SimpleNamespace(srcdir=str(tmp_path), config=SimpleNamespace(nnanim_pictures=True))
    lecture = get_lecture("linear")
    rst = lecture_pages.lecture_rst(app, lecture, None)
    small = re.findall(r"\.\. image:: /_build/pictures/linear/(\S+)", rst)
    assert small == [f"E1-{n:02d}.png" for n in range(1, 11)]  # title and C1 have one beat
    large = re.findall(r"\.\. figure:: /_build/pictures/linear/(\S+)", rst)
    # E1-02: the trained network's heatmap and boundary beside its loss and accuracy.
    assert large == ["title-01.png", "E1-02.png", "C1-01.png"]
    assert lecture_pages.lecture_frame(app, lecture).name == "E1-02.png"


def test_without_the_documentation_sources_the_command_says_so_in_one_line(monkeypatch, capsys,
                                                                           tmp_path):
    from nnanim.command import cli, docs

    monkeypatch.setattr(docs, "checkout_root", lambda: tmp_path)  # a wheel: no docs/ beside
    assert cli.main(["docs", "--fast"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("nnanim: error: docs: this nnanim is installed without its "
                            "documentation's sources") and "\n" not in error


def test_without_sphinx_the_command_names_the_extra_to_install(monkeypatch, capsys):
    from nnanim.command import cli

    monkeypatch.setitem(sys.modules, "sphinx.cmd.build", None)  # as if not installed
    assert cli.main(["docs", "--fast"]) == 2
    error = capsys.readouterr().err.strip()
    assert error == ('nnanim: error: docs: sphinx is not installed; install the docs extra: '
                     'pip install -e ".[docs]"')
