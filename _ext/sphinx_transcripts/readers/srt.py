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
- A cue's text is read by :func:`._cuetext.spans` (``<i>``/``<b>`` become
  emphasis, ``<u>``, ``<font>`` and ``{\\an8}`` codes are removed; SRT is not
  HTML-escaped, so ``&amp;`` stays as written).
- Speakers: a cue whose first line opens with a speaker label (``Maya
  Okafor: …``, ``[SPEAKER_00]: …``; the rule is
  :func:`._cuetext.speaker_prefix`'s: a declared label, a diarization label,
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

__all__ = ["detect", "parse", "read"]

#: a timestamp as ``srt.RGX_TIMESTAMP`` reads it (``[0-9]+D[0-9]+D[0-9]+D?[0-9]*``),
#: and a cue's number as ``srt.RGX_INDEX`` does (``-?[0-9]+\.?[0-9]*``), written so
#: that a run of digits has one reading, not one per place the optional
#: delimiter could be: a line of digits that was no timing made them quadratic
_DELIM = srt.RGX_TIMESTAMP_MAGNITUDE_DELIM
_STAMP = f"[0-9]+{_DELIM}[0-9]+{_DELIM}[0-9]+(?:{_DELIM}[0-9]*)?"
_NUMBER = r"-?[0-9]+(?:\.[0-9]*)?"
#: a timing line as srt reads it: whatever follows the end time (coordinates,
#: WebVTT-like settings, a stray '?') is not text, and is not shown
_TIMING = re.compile(rf"[ \t]*({_STAMP})[ \t]*-[ -][ \t]*>[ \t]*({_STAMP}).*")
#: a line meant as a timing line that is not one: an arrow and a digit at the end, or
#: times with a dash between.  Each part is read once: the arrow is looked for
#: ahead (not tried at every "-->" of a line of them), a dash run only from its
#: first dash and never given back (it cannot be part of what follows it); the
#: digits of each time are all taken at once (possessive: what follows them
#: may be digits too, and a line of digits split every way between the last
#: number and ``\S*?`` was quadratic: 8,000 digits after ``1:1:`` took 1.3 s)
_BROKEN = re.compile(
    r"(?=.*-->).*\d"
    r"|[ \t]*\d++[:.,]\d++[:.,]\d++\S*?[ \t]*(?:(?<!-)-++>?|–|—|→)[ \t]*+\d.*"
)
#: the times of such a line, when it has two (``00:01:00,000 -> 00:01:20,000``)
_LOOSE = re.compile(rf"[ \t]*({_STAMP})[ \t]*(?:-+>?|–|—|→)[ \t]*({_STAMP})(?:\s.*)?")
#: a cue's number, as srt reads it (``1``, ``0001``, ``-1``, ``1.1``)
_INDEX = re.compile(rf"[ \t]*{_NUMBER}[ \t]*")
#: what is left of a cue between two cues (a number, a time): not text
_DEBRIS = re.compile(rf"[ \t]*(?:{_NUMBER}|{_STAMP}\b.*)[ \t]*")
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


def _times(timing: re.Match[str]) -> tuple[float, float] | None:
    try:
        return _seconds(timing.group(1)), _seconds(timing.group(2))
    except (srt.TimestampParseError, ValueError, OverflowError):
        return None  # the grammar matched, the time does not fit (hours of 20 digits)


def _read(lines: Sequence[str], first_lineno: int, problems: list[Problem]) -> list[_RawCue]:
    raw: list[_RawCue] = []
    before = _RawCue(None, None, first_lineno)
    texts: list[list[int]] = []  # the line number of each line of each cue's text
    before_lines: list[int] = []
    for index, line in enumerate(line.rstrip("\r\n") for line in lines):
        lineno = first_lineno + index
        timing = _TIMING.fullmatch(line)
        broken = timing is None and _BROKEN.fullmatch(line) is not None
        if not (timing or broken):
            (raw[-1] if raw else before).text.append(line)
            (texts[-1] if raw else before_lines).append(lineno)
            continue
        current, numbers = (raw[-1], texts[-1]) if raw else (before, before_lines)
        _between_cues(current, numbers, problems, first=not raw)
        times = _times(timing) if timing else None
        if times is None:
            loose = _LOOSE.fullmatch(line)
            times = _times(loose) if loose else None
            what = (f"it is read as {times[0]:.3f} --> {times[1]:.3f} s" if times
                    else "the cue's text is kept, without a time")
            problems.append(Problem(
                lineno, "timing",
                f"the cue timing {line.strip()!r} cannot be read ('hh:mm:ss,mmm --> hh:mm:ss,mmm'); {what}",
            ))
        raw.append(_RawCue(times[0], times[1], lineno) if times else _RawCue(None, None, lineno))
        texts.append([])
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


def _between_cues(current: _RawCue, numbers: list[int], problems: list[Problem], *, first: bool) -> None:
    """Take off the end of ``current``'s text (``first``: the text before the
    first cue) what belongs to the next cue: its number, and what stands
    between two cues that is not text.

    After the text's last empty line comes the next cue's number, as srt
    reads one (before it, text of this cue: a cue's text may hold an empty
    line).  A lone line there that is no number stands where the number goes
    (pysrt's reading), and numbers and times there that make no cue (srt
    refuses such a file): both are left out, and said.
    """
    lines = current.text
    blank = max((i for i, line in enumerate(lines) if not line.strip()), default=-1)
    tail = list(range(blank + 1, len(lines)))
    if not tail:
        return
    cut = len(lines)
    rest = tail
    if _INDEX.fullmatch(lines[tail[-1]]):
        cut, rest = tail[-1], tail[:-1]
    elif len(tail) == 1 and (blank >= 0 or first):
        cut, rest = tail[0], []
        problems.append(Problem(
            numbers[tail[0]], "cue",
            f"{lines[tail[0]].strip()[:40]!r} stands where the cue's number goes (a cue is a "
            "number, a timing line, then its text); it is read as the number, and not shown",
        ))
    if rest and (blank >= 0 or first) and all(_DEBRIS.fullmatch(lines[i]) for i in rest):
        cut = rest[0]
        problems.append(Problem(
            numbers[rest[0]], "cue",
            f"{', '.join(repr(lines[i].strip()[:40]) for i in rest)} between two cues "
            f"{'is' if len(rest) == 1 else 'are'} neither the text of a cue nor the next cue's "
            "number: left out (a cue is a number, a timing line, then its text; an empty line ends it)",
        ))
    del lines[cut:]
    del numbers[cut:]


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    cues, problems = read(lines, first_lineno, context)
    return assemble(cues, context, found=problems)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> tuple[list[Cue], list[Problem]]:
    """The file's cues, each with its speaker label and text as the page shows
    them (before cues become turns), and the problems found reading them."""
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
    return cues, problems
