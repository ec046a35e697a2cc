"""Click-to-advance slides from a lecture render: a deck for ``manim-slides present`` and one
offline HTML file.

A lecture rendered in slides mode (``NNANIM_SLIDES=1`` with ``--save_sections``) starts a new
manim section at every beat (``LectureScene.pause``), named ``<chapter>#<n>``; manim writes one
video per section and an index. This module reads that index and writes:

* the deck ``manim-slides present`` reads (``slides/<Scene>.json`` plus the videos beside it),
  in manim-slides' own format; the lecture itself stays a plain ``Scene``, so
  ``manim -pqh scenes/<name>.py`` renders the same video as ever, and
* one HTML file that plays the slides in any browser with no network and no Python: the videos
  are inside it (base64) and so are its few lines of CSS and JavaScript; nothing is fetched.

Why not manim-slides' ``Slide`` base class: in manim-slides 5.7.0 ``Slide.__init__`` writes
``config["write_to_movie"]``, which manim 0.22 no longer has, ``Slide.next_section`` becomes
``next_slide`` (our chapters are sections), and its HTML converter loads reveal.js from a CDN.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass
from pathlib import Path

from nnanim.errors import NnanimError
from nnanim.core.files import atomic_copy, write_whole

BEAT_MARK = "#"
"""Separates a section's chapter name from its beat number: ``E3#2``."""
PRESENT_VERSION = "5.7.0"
"""The manim-slides release whose deck format ``write_present_deck`` writes (tested)."""


@dataclass(frozen=True)
class Slide:
    """One beat: a video that plays, then holds its last frame until the next key press.

    ``auto_next``: the closing moments of a chapter (its fade-out after the last beat) play
    straight on into the next chapter instead of stopping on an empty frame.
    """

    video: Path
    chapter: str
    seconds: float
    auto_next: bool = False


@dataclass(frozen=True)
class Deck:
    """A lecture cut at its beats."""

    scene: str
    title: str
    resolution: tuple[int, int]
    background: str
    slides: tuple[Slide, ...]

    @property
    def chapters(self) -> list[str]:
        return list(dict.fromkeys(slide.chapter for slide in self.slides))


def beat_section(chapter: str, beat: int) -> str:
    """The section name of beat ``beat`` (1, 2, ...) of ``chapter``."""
    return f"{chapter}{BEAT_MARK}{beat}"


def chapter_of(section: str) -> str:
    return section.split(BEAT_MARK, 1)[0]


def read_sections(index: Path, title: str, background: str) -> Deck:
    """The deck of a ``--save_sections`` render: one slide per section that has a video."""
    try:
        sections = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NnanimError(f"slides: cannot read manim's section index {index}: {err}") from None
    slides = []
    resolution = (0, 0)
    chapters = [chapter_of(section["name"]) for section in sections]
    for number, section in enumerate(sections):
        video = index.parent / section["video"]
        if not video.is_file():
            raise NnanimError(f"slides: {video} is missing; render the lecture again")
        resolution = (int(section["width"]), int(section["height"]))
        chapter = chapters[number]
        closing = (number + 1 < len(sections) and chapters[number + 1] != chapter
                   and number > 0 and chapters[number - 1] == chapter)
        slides.append(Slide(video, chapter, float(section["duration"]), auto_next=closing))
    if not slides:
        raise NnanimError(f"slides: {index} lists no section with a video")
    return Deck(index.stem, title, resolution, background, tuple(slides))


def present_config(deck: Deck, files: list[Path]) -> dict:
    """manim-slides' ``PresentationConfig`` as JSON data (its field names and defaults)."""
    return {
        "slides": [
            {
                "file": str(file), "rev_file": str(file), "loop": False,
                "auto_next": slide.auto_next,
                "playback_rate": 1.0, "reversed_playback_rate": 1.0,
                "notes": slide.chapter, "dedent_notes": True, "skip_animations": False,
                "src": None, "type": "video", "direction": "horizontal",
            }
            for slide, file in zip(deck.slides, files)
        ],
        "resolution": list(deck.resolution),
        "background_color": deck.background,
    }


def write_present_deck(deck: Deck, folder: Path) -> Path:
    """``folder/slides/<Scene>.json`` and its videos, for ``manim-slides present <Scene>``
    run inside ``folder``. Returns the JSON file."""
    files_dir = folder / "slides" / "files" / deck.scene
    files_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for number, slide in enumerate(deck.slides, start=1):
        file = files_dir / f"{number:03d}-{slide.video.name}"
        atomic_copy(slide.video, file)
        files.append(file.resolve())
    config = json.dumps(present_config(deck, files), indent=2)
    return write_whole(folder / "slides" / f"{deck.scene}.json",
                    lambda path: path.write_text(config, encoding="utf-8"))


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; background: {background}; overflow: hidden;
  font-family: "Noto Sans CJK JP", "Noto Sans", sans-serif; }}
video {{ position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; }}
#hud {{ position: fixed; right: 1em; bottom: 0.6em; color: #6E7781; font-size: 14px;
  opacity: 0.8; user-select: none; }}
#help {{ position: fixed; left: 1em; bottom: 0.6em; color: #6E7781; font-size: 14px;
  opacity: 0.8; transition: opacity 1s; }}
body.started #help {{ opacity: 0; }}
#start {{ display: none; position: fixed; inset: 0; align-items: center; justify-content: center;
  pointer-events: none; }}
#start span {{ color: #24292F; background: {background}; font-size: 28px; padding: 0.4em 0.9em;
  border-radius: 0.4em; box-shadow: 0 0 1em rgba(0, 0, 0, 0.25); }}
body.waiting #start {{ display: flex; }}
</style>
</head>
<body>
<video id="slide" muted playsinline preload="auto"></video>
<div id="hud"></div>
<div id="help">{help}</div>
<div id="start"><span>{start}</span></div>
<script>
"use strict";
const SLIDES = {slides};
const video = document.getElementById("slide");
const hud = document.getElementById("hud");
let current = -1;
// The videos are silent, so muted: browsers let a muted video start on its own. One set to
// block every video until a key press refuses even that; then the slide waits, and the next
// key press or click plays it instead of skipping it unseen.
let waiting = false;
function play() {{
  video.play().then(() => {{
    waiting = false;
    document.body.classList.remove("waiting");
  }}, (error) => {{
    if (error.name !== "NotAllowedError") return;
    waiting = true;
    document.body.classList.add("waiting");
  }});
}}
function show(index) {{
  if (index < 0 || index >= SLIDES.length) return;
  current = index;
  const slide = SLIDES[index];
  video.src = "data:video/mp4;base64," + slide.video;
  play();
  hud.textContent = slide.chapter + "   " + (index + 1) + " / " + SLIDES.length;
  document.body.dataset.slide = String(index + 1);
}}
function next() {{ if (waiting) play(); else show(current + 1); }}
function previous() {{ show(current - 1); }}
document.addEventListener("keydown", (event) => {{
  if (["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"].includes(event.key)) next();
  else if (["ArrowLeft", "ArrowUp", "PageUp", "Backspace"].includes(event.key)) previous();
  else if (event.key === "Home") show(0);
  else if (event.key === "End") show(SLIDES.length - 1);
  else if (event.key === "r") show(current);
  else if (event.key === "f") document.documentElement.requestFullscreen().catch(() => {{}});
  else return;
  document.body.classList.add("started");
  event.preventDefault();
}});
video.addEventListener("click", next);
video.addEventListener("ended", () => {{ if (SLIDES[current].auto_next) next(); }});
show(0);
</script>
</body>
</html>
"""

HELP = {
    "en": "→ / space / click: next   ← back   r: replay   f: full screen",
    "ja": "→ / スペース / クリック: 次へ   ←: 戻る   r: もう一度   f: 全画面",
}
START = {
    "en": "▶  press → or click to play",
    "ja": "▶  → かクリックで再生",
}
"""Shown over a slide the browser would not start on its own."""


def html_page(deck: Deck, lang: str = "en") -> str:
    """The whole slide show as one self-contained HTML document."""
    slides = [
        {"chapter": slide.chapter, "auto_next": slide.auto_next,
         "video": base64.b64encode(slide.video.read_bytes()).decode("ascii")}
        for slide in deck.slides
    ]
    # ``</`` cannot end the script early once escaped; base64 and chapter names hold no HTML.
    data = json.dumps(slides).replace("</", "<\\/")
    return _PAGE.format(lang=lang, title=html.escape(deck.title), background=deck.background,
                        help=html.escape(HELP.get(lang, HELP["en"])),
                        start=html.escape(START.get(lang, START["en"])), slides=data)


def write_html(deck: Deck, target: Path, lang: str = "en") -> Path:
    """One HTML file that needs nothing else: write it atomically and return it."""
    page = html_page(deck, lang)
    return write_whole(target, lambda path: path.write_text(page, encoding="utf-8"))
