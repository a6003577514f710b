"""The feed writers: a transcript published back in the formats podcast apps read (pure).

One module per format, each ``write(transcript) -> str``; no Sphinx, no
docutils.  They are the readers' (:mod:`..formats`) counterpart and share
nothing with them: a writer takes the resolved model (every turn's
``speaker`` the person's registered name, never the source's label).  What
they write reads back with the readers, whatever the names and the text:
``tests/test_properties.py`` holds them to it.

- :mod:`.webvtt`        -- WebVTT with ``<v Name>`` voices
- :mod:`.srt`           -- SubRip with ``Name:`` on each change of speaker (and where text could pass for one)
- :mod:`.podcast_json`  -- Podcasting 2.0 JSON transcript
- :mod:`.chapters_json` -- Podcasting 2.0 JSON chapters
- :mod:`.cues`          -- what they share: cues, times, text, wrapping

:func:`feed_files` is what a page publishes: the transcript in the three
formats when it is timed, and the chapters when it has some.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..model import Transcript
from . import chapters_json, podcast_json, srt, webvtt


class Export(NamedTuple):
    """A file a page publishes: what it is, how it ends, its media type, its text."""

    group: str  # "Transcript" or "Chapters"
    label: str  # "VTT", "SRT", "JSON"
    suffix: str  # after the stem: "vtt", "chapters.json"
    mime: str  # the type of the link, and of the feed's tag
    text: str


Writer = Callable[[Transcript], str]

#: the transcript's formats, in the order the page links them
TRANSCRIPT: tuple[tuple[str, str, str, Writer], ...] = (
    ("VTT", "vtt", "text/vtt", webvtt.write),
    ("SRT", "srt", "application/x-subrip", srt.write),
    ("JSON", "json", "application/json", podcast_json.write),
)
CHAPTERS = ("JSON", "chapters.json", "application/json+chapters", chapters_json.write)


def feed_files(transcript: Transcript) -> list[Export]:
    """The files a page publishes for ``transcript`` (none for an untimed one without chapters)."""
    out = []
    if transcript.timed:
        out += [Export("Transcript", label, suffix, mime, write(transcript))
                for label, suffix, mime, write in TRANSCRIPT]
    if transcript.chapters:
        label, suffix, mime, write = CHAPTERS
        out.append(Export("Chapters", label, suffix, mime, write(transcript)))
    return out
