"""What the text exports with timecodes share (pure): reading a timecode,
telling a speaker label, and one scanner for "header, then text" files.

A text export is a run of *header* lines, each opening a cue with a time and
often a speaker label (``[00:01:02] Name: text``, ``Name (01:02):``,
``Name  1:02``, ``1:02``), each followed by the cue's text lines.  Every
format module says what its header looks like (a function from a line to a
:class:`Header`, or ``None``); :func:`scan` does the rest: the text before
the first header is the source's introduction (the preamble), a line that is
no header is text of the current cue, and a timecode that is not a time is a
problem at its line.  The cues become turns through :func:`._assemble.assemble`.

Timecodes are ``HH:MM:SS``, ``H:MM:SS``, ``MM:SS`` or ``M:SS``, with an
optional fraction after ``.`` or ``,`` (``00:01:02.500``, ``01:02,5``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Paragraph, Problem, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext

#: a timecode as the exports write it (a regular expression, no groups)
TIMECODE = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"

#: a clip or break marked between turns, as Changelog's Markdown (and the HTML
#: made of it) marks one: ``**Break**: \[19:20\]``, ``**Song of Arrakis:** \[07:18\]``
ASIDE = re.compile(
    rf"^\*\*(?P<title>[^*\n]+?):?\*\*:?[ \t]*\\?\[(?P<time>{TIMECODE})\\?\][ \t]*$"
)

_PARTS = re.compile(r"^(\d{1,2})(?::(\d{2}))?:(\d{2})(?:[.,](\d{1,3}))?$")

#: A speaker label before a colon, as exports write them: one to four words
#: opening with a capital or a digit ("Maya Okafor", "Speaker 1",
#: "SPEAKER_00", "Daniel Reyes (he/him)"), then the colon and text.
LABEL = re.compile(
    r"^(?P<label>[A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,3}(?:[ \t]*\([^()\n]{1,40}\))?)"
    r"[ \t]*:(?:[ \t]+(?P<text>.*)|[ \t]*$)"
)


def seconds(timecode: str) -> float | None:
    """``"01:02.5"`` -> ``62.5``; ``None`` for what is not a time (``"1:75"``)."""
    found = _PARTS.match(timecode.strip())
    if not found:
        return None
    first, middle, last, fraction = found.groups()
    hours, minutes = (int(first), int(middle)) if middle is not None else (0, int(first))
    if int(last) >= 60 or (middle is not None and minutes >= 60):
        return None
    value = hours * 3600 + minutes * 60 + int(last)
    return value + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def number_seconds(value: object, per_second: int = 1) -> float | None:
    """A JSON number of seconds (or of ``1/per_second`` seconds) as seconds;
    ``None`` for what is not a time: no number, a boolean, a negative, or
    what is no finite float (``NaN``, ``Infinity``, ``1e400``, ``10**400``),
    which Python's JSON reader accepts."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return None
    try:
        result = float(value) / per_second
    except OverflowError:
        return None
    return result if math.isfinite(result) else None


#: labels a transcriber gives a voice it cannot name
MACHINE_LABEL = re.compile(r"^(?:SPEAKER_\d+|Speaker \d+|Unknown Speaker)$", re.IGNORECASE)


def split_label(text: str, context: ParseContext, seen: Collection[str] = ()) -> tuple[str | None, str]:
    """``"Maya: Hello"`` -> ``("Maya", "Hello")``; ``(None, text)`` with no label.

    A declared label counts whatever its spelling, and so does a
    transcriber's ``Speaker 2``; any other label must look like one (see
    :data:`LABEL`) and be in ``seen`` (:func:`labels_seen`), so a lone
    "So: we" is no speaker.
    """
    declared = context.labels.match_line(text)
    if declared is not None:
        return declared[0].written.strip(), declared[1]
    found = LABEL.match(text)
    if found is None:
        return None, text
    label = found["label"].strip()
    if label not in seen and not MACHINE_LABEL.match(label):
        return None, text
    return label, (found["text"] or "").strip()


def labels_seen(texts: Iterable[str]) -> set[str]:
    """The labels (as :data:`LABEL` reads them) opening at least two of ``texts``."""
    counts = Counter(found["label"].strip() for text in texts if (found := LABEL.match(text)))
    return {label for label, count in counts.items() if count >= 2}


@dataclass(frozen=True)
class Header:
    """A header line: its time as written, its label, the text after it.

    ``label`` is None when the header names no speaker (the cue continues
    the previous speaker), "" for a source without speakers.  With
    ``label_below`` the label is on the next line (``[00:01:02]`` alone,
    then ``Name: text``).
    """

    time: str | None
    label: str | None
    text: str = ""
    label_below: bool = False
    #: the header opens a paragraph of the turn it continues (``label`` None)
    paragraph: bool = False


@dataclass
class _Open:
    """A cue being collected."""

    start: float | None
    label: str | None
    lineno: int
    text: list[str] = field(default_factory=list)
    paragraph: bool = False


@dataclass
class Reading:
    """What :func:`scan` found: cues, the introduction, problems."""

    cues: list[Cue] = field(default_factory=list)
    preamble: list[Paragraph] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: int = 0


def scan(
    lines: Sequence[str],
    first_lineno: int,
    context: ParseContext,
    header: Callable[[str], Header | None],
    seen: Collection[str] = (),
) -> Reading:
    """Cues from header lines and the text lines after each (``seen``: see
    :func:`split_label`)."""
    out = Reading()
    cue: _Open | None = None
    intro: list[str] = []
    intro_start = 0
    label_below = False

    def close() -> None:
        nonlocal cue
        if cue is not None:
            out.cues.append(Cue(cue.start, None, cue.label, "\n".join(cue.text), cue.lineno,
                                paragraph=cue.paragraph))
        cue = None

    def close_intro() -> None:
        nonlocal intro
        if intro:
            out.preamble.append(Paragraph(intro_start, tuple(intro)))
        intro = []

    for lineno, raw in enumerate(lines, start=first_lineno):
        line = raw.strip()
        if not line:
            close_intro()
            continue
        if label_below and cue is not None:
            label_below = False
            label, rest = split_label(line, context, seen)
            if label is not None:
                cue.label = label
                if rest:
                    cue.text.append(rest)
                continue
        found = header(line)
        if found is None:
            if cue is not None:
                cue.text.append(line)
            else:
                if not intro:
                    intro_start = lineno
                intro.append(line)
            continue
        close_intro()
        close()
        out.headers += 1
        start = None
        if found.time is not None:
            start = seconds(found.time)
            if start is None:
                out.problems.append(Problem(
                    lineno, "timing",
                    f"{found.time!r} is not a time (minutes and seconds run from 00 to 59); "
                    "this part of the transcript has no time",
                ))
        cue = _Open(start, found.label, lineno, paragraph=found.paragraph)
        if found.text.strip():
            cue.text.append(found.text.strip())
        label_below = found.label_below
    close_intro()
    close()
    return out


def with_ends(cues: Sequence[Cue]) -> list[Cue]:
    """Cues that give only starts end where the next one starts (when it
    does not start earlier); the last has no end."""
    out = []
    for index, cue in enumerate(cues):
        after = cues[index + 1] if index + 1 < len(cues) else None
        end = after.start if after is not None else None
        if cue.end is None and cue.start is not None and end is not None and end >= cue.start:
            cue = replace(cue, end=end)
        out.append(cue)
    return out


def finish(reading: Reading, context: ParseContext, first_lineno: int, what: str) -> Transcript:
    """The transcript of a :func:`scan`: turns, introduction, every problem.

    ``what`` describes the format's header line, for the message of a file
    that has none.
    """
    transcript = assemble(with_ends(reading.cues), context)
    problems = [p for p in transcript.problems if not (p.kind == "empty" and reading.preamble)]
    problems.extend(reading.problems)
    if not reading.headers:
        problems.append(Problem(
            first_lineno, "format",
            f"no {what} line found: the text is kept as the transcript's introduction",
        ))
    problems.sort(key=lambda p: p.lineno)
    return replace(transcript, preamble=tuple(reading.preamble), problems=tuple(problems))


def score(text: str, is_header: Callable[[str], bool], share: float, *, one: bool = True) -> float:
    """How sure a format is of ``text`` whose header lines ``is_header`` tells.

    Sure (0.9) when at least two non-blank lines are headers and they are at
    least ``share`` of them (with ``one``, a one-header text of at most three
    lines counts too); a little (0.1 a header, up to 0.4) otherwise.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headers = sum(1 for line in lines if is_header(line))
    if headers and headers >= share * len(lines) and (headers >= 2 or (one and len(lines) <= 3)):
        return 0.9
    return min(0.4, 0.1 * headers)
