"""The ``srt`` format: SubRip captions (pure).

What writes it: podcast hosts following Podcasting 2.0 (``Name:`` at the
start of a card when the speaker changes), OpenAI Whisper (no speakers),
WhisperX (``[SPEAKER_00]: text`` on every segment) and caption editors.

How it is read:

- A cue starts at its timing line (``hh:mm:ss,mmm --> hh:mm:ss,mmm``; a dot
  or another of the delimiters cdown/srt accepts before the milliseconds is
  fine); the number on the line just before it is its index, and its text
  runs to the next cue.  So a missing blank line between cues, blank lines
  inside a cue, and CRLF line ends lose nothing.  The timestamps are read
  with the ``srt`` library's grammar and parser (``srt.RGX_TIMESTAMP``,
  ``srt.srt_timestamp_to_timedelta``); the lines are scanned here because
  ``srt.parse`` tells no line numbers, and merges a cue whose timing line
  it cannot read into the text of the cue before it.
- A line that looks like a timing line but cannot be read (``00:00:05,000
  -> 00:00:07,000``) is a problem at its line; the text after it is a cue
  of its own, without a time.  Text before the first cue is kept the same
  way, with a problem.
- A cue's text is read by :func:`.cuetext.spans` (``<i>``/``<b>`` become
  emphasis, ``<u>``, ``<font>`` and ``{\\an8}`` codes are removed; SRT is not
  HTML-escaped, so ``&amp;`` stays as written).
- Speakers: a cue whose first line opens with a speaker label (``Maya
  Okafor: …``, ``[SPEAKER_00]: …``; the rule is
  :func:`.cuetext.speaker_prefix`'s: a declared label, a diarization label,
  or something that looks like a person's name) is that speaker's; the
  label is taken off the text.  When some cues name their speaker, a cue
  that does not continues the previous speaker (Podcasting 2.0: a name only
  when the speaker changes).  When no cue does (plain Whisper), every cue
  is labelled ``""``: the source names no speakers; a line that opens
  with a dash (``- Yeah.``) is then a change of speaker, a turn of its own
  (:func:`._assemble.dashed`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import srt

from ..model import Problem, Transcript
from ._assemble import Cue, assemble, dashed
from ._context import ParseContext
from ._cuetext import spans, speaker_prefix

__all__ = ["detect", "parse"]

_TIMING = re.compile(rf"[ \t]*({srt.RGX_TIMESTAMP})[ \t]*-[ -][ \t]*>[ \t]*({srt.RGX_TIMESTAMP})(?:\s.*)?")
#: a line meant as a timing line that is not one: an arrow, or times with a dash between
_BROKEN = re.compile(r".*-->.*\d|[ \t]*\d+[:.,]\d+[:.,]\d+\S*[ \t]*(?:-+>?|–|—|→)[ \t]*\d.*")
_INDEX = re.compile(r"[ \t]*\d+[ \t]*")
_VOICE = re.compile(r"<v[.\s][^>\n]*>")


def detect(text: str, context: ParseContext) -> float:
    """Sure of numbered cues with SubRip timing lines; less without numbers."""
    if text.lstrip("\ufeff \t\r\n").startswith("WEBVTT"):
        return 0.0
    lines = text.splitlines()
    timings = [i for i, line in enumerate(lines) if _TIMING.fullmatch(line)]
    if not timings:
        return 0.0
    if _VOICE.search(text):  # WebVTT voices: a WebVTT file without its header
        return 0.4
    numbered = sum(1 for i in timings if i and _INDEX.fullmatch(lines[i - 1]))
    return 0.9 if numbered * 2 >= len(timings) else 0.7


@dataclass
class _RawCue:
    start: float | None
    end: float | None
    lineno: int
    text: list[str] = field(default_factory=list)


def _seconds(stamp: str) -> float:
    return float(srt.srt_timestamp_to_timedelta(stamp.strip()).total_seconds())


def _read(lines: Sequence[str], first_lineno: int, problems: list[Problem]) -> list[_RawCue]:
    raw: list[_RawCue] = []
    before = _RawCue(None, None, first_lineno)
    for index, line in enumerate(line.rstrip("\r\n") for line in lines):
        lineno = first_lineno + index
        timing = _TIMING.fullmatch(line)
        broken = timing is None and _BROKEN.fullmatch(line) is not None
        if not (timing or broken):
            (raw[-1] if raw else before).text.append(line)
            continue
        current = raw[-1] if raw else before
        if current.text and _INDEX.fullmatch(current.text[-1]):
            current.text.pop()  # the index of this cue
        start = end = None
        if timing:
            try:
                start, end = _seconds(timing.group(1)), _seconds(timing.group(2))
            except (srt.TimestampParseError, ValueError, OverflowError):
                broken = True  # the grammar matched, the time does not fit (hours of 20 digits)
        if broken:
            problems.append(Problem(
                lineno, "timing",
                f"the cue timing {line.strip()!r} cannot be read ('hh:mm:ss,mmm --> hh:mm:ss,mmm'); "
                "the cue's text is kept, without a time",
            ))
        raw.append(_RawCue(start, end, lineno))
    if any(line.strip() for line in before.text):
        first = next(i for i, line in enumerate(before.text) if line.strip())
        before.lineno += first
        before.text = before.text[first:]
        problems.append(Problem(
            before.lineno, "cue",
            "text before the first cue timing line ('hh:mm:ss,mmm --> hh:mm:ss,mmm') is kept as a "
            "cue without a time",
        ))
        raw.insert(0, before)
    return raw


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    problems: list[Problem] = []
    cues: list[Cue] = []
    for raw in _read(lines, first_lineno, problems):
        parts = spans("\n".join(raw.text), vtt=False)  # one part: SRT has no voices
        text = parts[0].text if parts else ""
        label: str | None = None
        first, _, rest = text.partition("\n")
        found = speaker_prefix(first, context)
        if found:
            label = found[0]
            text = "\n".join(line for line in (found[1], rest) if line)
        cues.append(Cue(raw.start, raw.end, label, text, raw.lineno))
    if not any(cue.label for cue in cues):
        cues = dashed(replace(cue, label="") for cue in cues)
    return assemble(cues, context, found=problems)
