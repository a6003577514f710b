"""The transcript model: what every format parser returns.

Pure Python, no Sphinx and no docutils: small frozen dataclasses that the
pipeline passes from one step to the next (format parser -> speaker
resolution -> doctree).  Times are in seconds from the start of the
episode, ``None`` when the source has none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from .warning_types import TranscriptKind

#: The label of a turn nobody could attribute (seed 001 has eleven).
UNATTRIBUTED = "Unknown"


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines of text; ``lineno`` is the first one's (1-based).

    ``lines`` are the source's lines as written, with the transcript's
    inline markup (see :mod:`.dialogue.markup`) still in them.
    """

    lineno: int
    lines: tuple[str, ...]
    start: float | None = None
    end: float | None = None
    #: the line of each of ``lines``, when they are not consecutive lines
    #: from ``lineno`` on (a paragraph made of several cues)
    linenos: tuple[int, ...] = ()
    #: ``(start, word)`` of each word the source times (WhisperX's words),
    #: in order; empty when it times none
    words: tuple[tuple[float, str], ...] = ()
    #: shown as written, markup and all: past the markup one transcript may
    #: have (:data:`.limits.MAX_MARKUP`), its text is no longer parsed
    plain: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def numbered(self) -> list[tuple[int, str]]:
        """``(line number, line)`` for each line of the paragraph."""
        if len(self.linenos) == len(self.lines):
            return list(zip(self.linenos, self.lines, strict=True))
        return list(enumerate(self.lines, start=self.lineno))


@dataclass(frozen=True)
class Turn:
    """What one speaker said before someone else spoke.

    ``label`` is the speaker as the source writes it ("Tom", "SPEAKER_00",
    "Daniel Reyes (he/him)", or "Q:"); ``speaker`` is the person it stands
    for, set by a parser that knows (labeled text matches declared labels)
    or by :mod:`.people.cast` afterwards.  Empty means "not resolved yet".
    """

    label: str
    lineno: int
    paragraphs: tuple[Paragraph, ...]
    speaker: str = ""
    start: float | None = None
    end: float | None = None

    def with_speaker(self, speaker: str) -> Turn:
        return replace(self, speaker=speaker)


Level = Literal["warning", "info"]


@dataclass(frozen=True)
class Problem:
    """Something in the input a publisher should hear about.

    ``lineno`` is the line of the transcript's file (or page) it concerns, 0
    when the problem is about the whole transcript; ``kind`` becomes the
    warning's subtype; ``subject`` is what it is about (a label), or "".
    """

    lineno: int
    kind: TranscriptKind
    message: str
    subject: str = ""
    level: Level = "warning"


@dataclass(frozen=True)
class Chapter:
    """A chapter of an episode: where it starts and what it is called.

    ``toc`` False is a Podcasting 2.0 "silent" chapter, not shown.  ``lineno``
    is its line in the chapters file (or the transcript), for problems.
    """

    start: float
    title: str
    lineno: int = 0
    url: str = ""
    img: str = ""
    toc: bool = True
    end: float | None = None
    #: for a chapter marked in an untimed transcript's text: the turn it precedes
    turn: int | None = None
    #: the title as the source gives it, when ``title`` is a catalogue's
    #: translation: the chapter's address is made from it, the same in every language
    original: str = ""


@dataclass(frozen=True)
class Transcript:
    """A parsed transcript: the source's own introduction, turns, problems,
    the episode's chapters (from the transcript itself or a chapters file),
    and the transcribing tool's credit."""

    preamble: tuple[Paragraph, ...]
    turns: tuple[Turn, ...]
    problems: tuple[Problem, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    #: what a tool writes under the transcript about itself (Otter's footer,
    #: "Transcribed by https://otter.ai"): nobody says it; shown as a credit
    credits: tuple[Paragraph, ...] = ()

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in order of first appearance."""
        return tuple(dict.fromkeys(t.speaker for t in self.turns))

    @property
    def timed(self) -> bool:
        """True when the source gives times (every turn of a timed source has a start)."""
        return any(t.start is not None for t in self.turns)


def format_time(seconds: float, *, hours: bool = False) -> str:
    """``62.4`` -> ``"1:02"``; with ``hours`` (an episode over an hour) ``"0:01:02"``."""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    if hours or h:
        return f"{h}:{m:02d}:{s:02d}"
    return f"{m}:{s:02d}"


def iso_duration(seconds: float) -> str:
    """``62.4`` -> ``"PT1M2S"`` (the ``datetime`` of an HTML ``<time>``)."""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    out = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "")
    return out + (f"{s}S" if s or out == "PT" else "")
