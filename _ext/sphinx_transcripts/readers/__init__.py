"""The input formats of a transcript, in one table.

Each format is one Sphinx-free module that owns its detection and its
parsing into the same model (:mod:`transcripts.model`).  Adding a format is
one new module and one line in :data:`FORMATS`.

A parser has the signature ``parse(lines, first_lineno, context) ->
Transcript``: the source's lines (a region of the file, or the directive's
content), the 1-based number of the first, and a :class:`ParseContext`.  A
detector ``detect(text, context) -> float`` says from 0 to 1 how much the
text looks like its format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Transcript
from . import (
    descript,
    diarized,
    labeled,
    markdown,
    name_timecode,
    otter,
    podcast_html,
    podcast_json,
    qa,
    rev,
    timed_text,
    whisper_json,
    whisper_table,
    youtube_panel,
)
from . import srt as subrip
from . import webvtt as vtt
from ._context import ParseContext

__all__ = ["FORMATS", "Choice", "Format", "ParseContext", "as_told", "choose"]


@dataclass(frozen=True)
class Format:
    """One input format: its name, how to recognise it, how to parse it."""

    name: str
    #: what writes it, for messages and the documentation
    title: str
    detect: Callable[[str, ParseContext], float]
    parse: Callable[[Sequence[str], int, ParseContext], Transcript]
    #: file name endings that make this format the likely one
    suffixes: tuple[str, ...] = ()
    #: what is wrong with the directive's options for this format, or ""
    check: Callable[[ParseContext], str] = field(default=lambda context: "")


#: name -> format, in the order detection prefers them on a tie
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("labeled", "Name: text turns (typed, copied from a page)",
               labeled.detect, labeled.parse, (".txt", ".md")),
        Format("qa", "Q: questions, unlabeled answers (newsletter interviews)",
               qa.detect, qa.parse, (".txt", ".md"), qa.check),
        Format("markdown", "Markdown transcript: **Name:** text, Rev's Name (01:02):, front matter",
               markdown.detect, markdown.parse, (".md",)),
        Format("webvtt", "WebVTT captions (Podcasting 2.0, Apple, Zoom, Teams, YouTube, WhisperX)",
               vtt.detect, vtt.parse, (".vtt",)),
        Format("srt", "SubRip captions (Podcasting 2.0, Whisper, WhisperX, caption editors)",
               subrip.detect, subrip.parse, (".srt",)),
        Format("podcast-json", "Podcasting 2.0 JSON transcript (phrase or word segments)",
               podcast_json.detect, podcast_json.parse, (".json",)),
        Format("whisper-json", "Whisper, WhisperX or whisper.cpp JSON (segments, diarized or not)",
               whisper_json.detect, whisper_json.parse, (".json",)),
        Format("whisper-table", "start, end, text table (Whisper TSV, whisper.cpp CSV)",
               whisper_table.detect, whisper_table.parse, (".tsv", ".csv")),
        Format("podcast-html", "Podcasting 2.0 HTML transcript (<cite>, <time>, <p>)",
               podcast_html.detect, podcast_html.parse, (".html", ".htm")),
        Format("descript", "[00:01:02] Name: text (Descript text export)",
               descript.detect, descript.parse, (".txt",)),
        Format("rev", "Name (01:02): then text (Rev text export)", rev.detect, rev.parse, (".txt",)),
        Format("name-timecode", "Name: [00:01:02] text (Trint, Sonix text exports)",
               name_timecode.detect, name_timecode.parse, (".txt",)),
        Format("otter", "Name  1:02 then text (Otter.ai text export)", otter.detect, otter.parse, (".txt",)),
        Format("diarized", "SPEAKER_00: text (pyannote, WhisperX diarized text)",
               diarized.detect, diarized.parse, (".txt",)),
        Format("timed-text", "00:01:02 text lines (Talk Python's text transcripts)",
               timed_text.detect, timed_text.parse, (".txt",)),
        Format("youtube-panel", "1:02 then text (a copy of YouTube's Show transcript panel)",
               youtube_panel.detect, youtube_panel.parse, (".txt",)),
    )
}

#: the format of a text nothing else claims
FALLBACK = "labeled"

#: endings that say only "text": many formats are written to them
TEXT_SUFFIXES = (".txt", ".md")

#: a detector score from which a format counts as recognised
CONFIDENT = 0.5

#: how much of a text the detectors see
SAMPLE = 8000


@dataclass(frozen=True)
class Choice:
    """The format chosen for a source, and what to tell the publisher."""

    format: Format
    #: a warning ("" for none): ambiguous or unrecognised content
    problem: str = ""


def choose(text: str, suffix: str, context: ParseContext) -> Choice:
    """Detect the format of ``text`` (from a file ending in ``suffix``, or "").

    The detectors look at the start of the text (:data:`SAMPLE` characters):
    a format shows itself in its first lines, and a long transcript is not
    read once per format to be recognised.
    """
    sample = text[:SAMPLE]
    scores = {name: fmt.detect(sample, context) for name, fmt in FORMATS.items()}
    by_suffix = [name for name, fmt in FORMATS.items() if suffix and suffix.lower() in fmt.suffixes]
    candidates = by_suffix if any(scores[n] >= CONFIDENT for n in by_suffix) else list(FORMATS)
    ranked = sorted(candidates, key=lambda name: -scores[name])
    best = ranked[0]
    if scores[best] < CONFIDENT:
        fallback = FORMATS[by_suffix[0]] if by_suffix else FORMATS[FALLBACK]
        resembled = [n for n in ranked if scores[n] > 0 and n != fallback.name][:3]
        if not resembled:  # plain text: the fallback says itself if it finds no turn
            return Choice(fallback)
        return Choice(
            fallback,
            f"the transcript's format is not recognised: it resembles {', '.join(resembled)} "
            f"a little (formats: {', '.join(FORMATS)}); it is read as {fallback.name!r}: "
            "set :format: to choose",
        )
    close = [n for n in ranked[1:] if scores[n] >= CONFIDENT and scores[best] - scores[n] < 0.1]
    if close:
        return Choice(
            FORMATS[best],
            f"the transcript could be {' or '.join([best, *close])}; it is read as {best!r}: "
            "set :format: to choose",
        )
    if by_suffix and best not in by_suffix and suffix.lower() not in TEXT_SUFFIXES:
        return Choice(
            FORMATS[best],
            f"the file ends in {suffix!r}, but it holds {FORMATS[best].title}, not "
            f"{' or '.join(by_suffix)}: it is read as {best!r}; give the file the ending of "
            "what it holds (players and apps go by it)",
        )
    return Choice(FORMATS[best])


#: a detector score that is certainty: the text has the format's own syntax
SURE = 0.9


def _file_format(fmt: Format) -> bool:
    """A format with a syntax of its own (captions, JSON, HTML, tables), not typed text."""
    return not set(fmt.suffixes) & set(TEXT_SUFFIXES)


def as_told(name: str, text: str, context: ParseContext) -> Choice:
    """The format ``:format:`` names, unless the text plainly holds another.

    When the named format sees nothing of itself in the text (its detector
    says 0) and another is sure of it, and one of the two is a file format
    (captions, JSON, HTML, a table: a syntax no typed text has), that other
    format is read, and the problem says so: read as told, the file would
    give warnings about its every line and none about the option.
    """
    sample = text[:SAMPLE]
    told = FORMATS[name]
    if told.detect(sample, context) > 0:
        return Choice(told)
    scores = {other: fmt.detect(sample, context) for other, fmt in FORMATS.items() if other != name}
    best = max(scores, key=lambda other: scores[other])
    fmt = FORMATS[best]
    if scores[best] < SURE or not (_file_format(told) or _file_format(fmt)):
        return Choice(told)
    return Choice(
        fmt,
        f":format: {name} does not fit the transcript: it holds {fmt.title}, which is "
        f"{best!r}; it is read as {best!r}: set :format: {best}, or leave :format: out",
    )
