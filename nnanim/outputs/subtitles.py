"""Subtitles from the captions a lecture shows: ``.srt`` and ``.vtt`` files in English and
Japanese, and soft subtitle tracks inside the mp4.

A render records a cue for every caption it puts on screen: the caption's keys, its sentence
in every language, and the first and last moment it is visible (``LectureScene`` records them
and writes them as JSON next to the video). Every language's subtitles come from the same cues,
so the Japanese subtitles have exactly the English cue times, whatever language the frames
were rendered in.
"""

from __future__ import annotations

import json
import struct
from dataclasses import asdict, dataclass
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import srt

from nnanim.course.captions import LANGUAGES, in_every_language
from nnanim.errors import NnanimError
from nnanim.core.files import write_whole
from nnanim.outputs.video_file import open_video

ISO_639_2 = {"en": "eng", "ja": "jpn"}
"""The language tags mp4 subtitle tracks carry."""
CUES_SUFFIX = ".cues.json"


@dataclass(frozen=True)
class Cue:
    """One caption on screen from ``start`` to ``end`` seconds of the video.

    ``keys`` are the caption keys the sentence is made of (none for a user's own title);
    ``texts`` holds the sentence in every language.
    """

    start: float
    end: float
    keys: tuple[str, ...]
    texts: dict[str, str]

    @classmethod
    def of(cls, start: float, end: float, key: str, **values: object) -> "Cue":
        """The cue of caption ``key`` with ``values``, in every language."""
        return cls(start, end, (key,), in_every_language((key, values)))

    def text(self, lang: str) -> str:
        return self.texts[lang]

    def shifted(self, seconds: float) -> "Cue":
        return Cue(self.start + seconds, self.end + seconds, self.keys, self.texts)


def cues_path(video: Path) -> Path:
    return video.with_name(video.stem + CUES_SUFFIX)


def write_cues(cues: list[Cue], video: Path) -> Path:
    """Store the cues of ``video`` beside it (atomically)."""
    text = json.dumps([asdict(c) for c in cues], ensure_ascii=False, indent=1)
    return write_whole(cues_path(video), lambda path: path.write_text(text, encoding="utf-8"))


def read_cues(video: Path) -> list[Cue]:
    path = cues_path(video)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [Cue(float(r["start"]), float(r["end"]), tuple(r["keys"]),
                    {lang: str(r["texts"][lang]) for lang in LANGUAGES}) for r in rows]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise NnanimError(f"subtitles: cannot read {path}: {err}; render the lecture again "
                          f"with --subtitles") from None


def _subtitles(cues: list[Cue], lang: str) -> list[srt.Subtitle]:
    ordered = sorted(cues, key=lambda c: (c.start, c.end))
    return [
        srt.Subtitle(index, timedelta(seconds=c.start), timedelta(seconds=c.end), c.text(lang))
        for index, c in enumerate(ordered, start=1)
    ]


def srt_text(cues: list[Cue], lang: str) -> str:
    return srt.compose(_subtitles(cues, lang), reindex=False)


def _vtt_time(t: timedelta) -> str:
    total_ms = round(t.total_seconds() * 1000)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def vtt_text(cues: list[Cue], lang: str) -> str:
    blocks = ["WEBVTT", ""]
    for sub in _subtitles(cues, lang):
        blocks += [str(sub.index), f"{_vtt_time(sub.start)} --> {_vtt_time(sub.end)}",
                   sub.content, ""]
    return "\n".join(blocks)


def timeline(cues: list[Cue], lang: str) -> list[tuple[float, float, str]]:
    """The cues as back-to-back intervals, each with every caption visible in it (one per
    line, oldest first): an mp4 subtitle track cannot hold overlapping samples."""
    moments = sorted({t for c in cues for t in (c.start, c.end)})
    ordered = sorted(cues, key=lambda c: (c.start, c.end))
    intervals = []
    for start, end in zip(moments, moments[1:]):
        shown = [c.text(lang) for c in ordered if c.start <= start and c.end >= end]
        if shown:
            intervals.append((start, end, "\n".join(shown)))
    return intervals


def write_subtitle_files(cues: list[Cue], video: Path) -> list[Path]:
    """``<video>.en.srt``, ``<video>.en.vtt``, ``<video>.ja.srt``, ... beside the video."""
    written = []
    for lang in LANGUAGES:
        for suffix, text in (("srt", srt_text(cues, lang)), ("vtt", vtt_text(cues, lang))):
            target = video.with_name(f"{video.stem}.{lang}.{suffix}")
            written.append(write_whole(target, lambda path: path.write_text(text,
                                                                             encoding="utf-8")))
    return written


_ASS_HEADER = (
    "[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
    "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    "Style: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0"
    "\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, "
    "Text\n"
).encode()
"""The mov_text encoder wants a style header to exist; players use their own styling."""


def mux_subtitle_tracks(video: Path, cues: list[Cue], target: Path) -> Path:
    """A copy of ``video`` (no re-encoding) with one soft subtitle track per language.

    mp4 subtitles are ``mov_text`` samples: a 16-bit length and the UTF-8 text, one sample per
    interval of ``timeline`` (in milliseconds). Chapter markers of the source are kept.
    """
    import av

    def write(path: Path) -> None:
        with open_video(video) as source, av.open(str(path), "w", format="mp4") as output:
            output.metadata.update(source.metadata)
            chapters = source.chapters()
            if chapters:
                output.set_chapters(chapters)
            stream = output.add_stream_from_template(source.streams.video[0])
            tracks = []
            for lang in LANGUAGES:
                track = output.add_stream("mov_text")
                track.codec_context.subtitle_header = _ASS_HEADER
                track.metadata["language"] = ISO_639_2[lang]
                track.time_base = Fraction(1, 1000)
                tracks.append((lang, track))
            for packet in source.demux(source.streams.video[0]):
                if packet.dts is None:
                    continue
                packet.stream = stream
                output.mux(packet)
            for lang, track in tracks:
                for start, end, text in timeline(cues, lang):
                    data = text.encode("utf-8")
                    packet = av.Packet(struct.pack(">H", len(data)) + data)
                    packet.stream = track
                    packet.time_base = Fraction(1, 1000)
                    packet.pts = packet.dts = round(start * 1000)
                    packet.duration = max(1, round(end * 1000) - round(start * 1000))
                    output.mux(packet)

    return write_whole(target, write)
