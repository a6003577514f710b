"""The ``webvtt`` format: WebVTT captions and transcripts (pure).

What writes it: podcast hosts and editors following Podcasting 2.0 and
Apple (``<v Name>`` when the speaker changes), Zoom (numbered cues,
``Display Name: text`` on every cue), Microsoft Teams (GUID-like cue ids,
``<v Last, First>``), YouTube's automatic captions as downloaded, WhisperX
(``[SPEAKER_00]: text``) and any caption editor.

How it is read:

- The file is cut into blocks as WebVTT says (a block ends at an empty
  line; a timing line that cannot belong to the current block starts a new
  one, so a missing blank line loses nothing), each with its line number;
  webvtt-py (``webvtt.vtt.parse_item``) reads each block's timing, cue
  identifier and settings.  The header (``WEBVTT``, YouTube's
  ``Kind:``/``Language:`` lines), ``NOTE``, ``STYLE`` and ``REGION`` blocks
  are not text and are skipped.
- Times are kept to the millisecond (webvtt-py's ``start_in_seconds``
  would truncate them).  A timing line webvtt-py cannot read is a problem at
  its line; when it is close enough (a comma before the milliseconds) its
  times are read all the same, otherwise the cue has no time.  Its text is
  kept either way.  A block with text but no timing line is a problem too,
  and its text is kept with the cue before it.
- A cue's text is read by :func:`._cuetext.spans`: voices, ``<i>``/``<b>`` as
  emphasis, other tags removed, character references decoded.  A cue
  holding two voices becomes two cues, both starting when the cue starts
  (so a click plays every word of it); the first has no end of its own.
- Speakers: a voice names its speaker.  A cue without a voice whose first
  line opens with a speaker label (``Maya Okafor: …``, ``[SPEAKER_00]: …``;
  the rule is :func:`._cuetext.speaker_prefix`'s) is that speaker's.  Any
  other cue continues the previous speaker (the Podcasting 2.0 and Apple
  convention; ``ParseContext.continue_voice`` turns it off).  A file that
  names no speaker at all gives turns labelled ``""``, and a line that
  opens with a dash (``- Hi, Mike.``, YouTube's mark of a change of
  speaker) opens a turn of its own (:func:`._assemble.dashed`).
- Roll-up captions (YouTube's automatic captions repeat each line in the
  next cue as the text scrolls): when three cues in four begin with the
  previous cue's last line (and some go on with a new line), the repeated
  lines are dropped, so every word comes out once; a cue that only repeats
  is left out.  A file that merely has a line said twice is not rolling.

Labels stay as written (``Okafor, Maya``, ``Daniel Reyes (he/him)``); the
cast (:mod:`transcripts.cast`) says who they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from webvtt.errors import MalformedCaptionError
from webvtt.models import Caption
from webvtt.vtt import parse_item

from ..model import Problem, Transcript
from ._assemble import Cue, assemble, dashed
from ._context import ParseContext
from ._cuetext import Part, plain_lines, spans, speaker_prefix

__all__ = ["detect", "parse", "read"]

_HEADER = re.compile(r"WEBVTT(?:[ \t\r\n]|$)")
#: the signature a WebVTT file must open with: its first line is WEBVTT, alone
#: or followed by a space or a tab (a byte order mark is taken off by decoding)
_SIGNATURE = re.compile(r"WEBVTT(?:[ \t].*)?")
_TIMING = re.compile(r"(?:\d+:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(?:\d+:)?\d{2}:\d{2}\.\d{3}")
_VOICE = re.compile(r"<v[.\s][^>\n]*>")
_LOOSE_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,:](\d{1,3}))?"
_LOOSE_TIMING = re.compile(rf"\s*{_LOOSE_TIME}\s*-+>\s*{_LOOSE_TIME}(?:\s|$)")
_NOTE = re.compile(r"NOTE(?:[ \t]|$)")


def detect(text: str, context: ParseContext) -> float:
    """Sure of a ``WEBVTT`` header; without one (a region of a file, a file
    that lost its first line), fairly sure of WebVTT timing lines (a dot
    before the milliseconds), more with ``<v>`` voices.  A ``.vtt`` file is
    then read as WebVTT; SubRip's numbered cues with dotted times (Whisper's)
    are only a little like it."""
    if _HEADER.match(text.lstrip("\ufeff \t\r\n")):
        return 0.95
    if not _TIMING.search(text):
        return 0.0
    if _VOICE.search(text):
        return 0.6
    lines = text.splitlines()
    timings = [i for i, line in enumerate(lines) if _TIMING.match(line)]
    numbered = sum(1 for i in timings if i and lines[i - 1].strip().isdigit())
    return 0.3 if numbered * 2 >= len(timings) else 0.5  # numbered cues: SubRip's way


#: WebVTT's whitespace: space, tab, line feed, form feed, carriage return
_SPACE = " \t\n\f\r"


def _timestamp(line: str, pos: int) -> tuple[float, int] | None:
    """The WebVTT timestamp at ``pos`` (the standard's "collect a WebVTT
    timestamp"): ``[hh…:]mm:ss.ttt``, minutes and seconds two digits up to
    59, milliseconds three digits; with the position after it."""
    def digits(at: int) -> tuple[str, int]:
        end = at
        while end < len(line) and line[end] in "0123456789":
            end += 1
        return line[at:end], end

    first, pos = digits(pos)
    if not first:
        return None
    hours = len(first) != 2 or int(first) > 59
    if line[pos:pos + 1] != ":":
        return None
    second, pos = digits(pos + 1)
    if len(second) != 2:
        return None
    if hours or line[pos:pos + 1] == ":":
        if line[pos:pos + 1] != ":":
            return None
        third, pos = digits(pos + 1)
        if len(third) != 2:
            return None
        h, m, sec = int(first), int(second), int(third)
    else:
        h, m, sec = 0, int(first), int(second)
    if line[pos:pos + 1] != ".":
        return None
    millis, pos = digits(pos + 1)
    if len(millis) != 3 or m > 59 or sec > 59:
        return None
    return ((h * 3600 + m * 60 + sec) * 1000 + int(millis)) / 1000, pos  # exact to the ms


def spec_timing(line: str) -> tuple[float, float] | None:
    """The start and end of a cue timing line as the WebVTT standard reads it
    ("collect WebVTT cue timings and settings"), or None where players skip
    the cue.  Whatever follows the end time is the cue's settings."""
    pos = len(line) - len(line.lstrip(_SPACE))
    start = _timestamp(line, pos)
    if start is None:
        return None
    pos = start[1]
    while pos < len(line) and line[pos] in _SPACE:
        pos += 1
    if line[pos:pos + 3] != "-->":
        return None
    pos += 3
    while pos < len(line) and line[pos] in _SPACE:
        pos += 1
    end = _timestamp(line, pos)
    return None if end is None else (start[0], end[0])


@dataclass
class _Block:
    """Lines of the file up to an empty line, with the first one's number."""

    lineno: int
    lines: list[str]


def _blocks(lines: Sequence[str], first_lineno: int) -> Iterator[_Block]:
    """The file's blocks, as WebVTT cuts them: a block ends at an empty line,
    or before a line with an arrow that cannot be its cue timing line (only
    the first line, or the second after a first without one, can be); in the
    header (the first block) every arrow line after the first starts a block."""
    block: _Block | None = None
    in_header = True
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        starts_new = (
            block is not None and "-->" in line
            and (in_header or len(block.lines) > 1 or "-->" in block.lines[0])
        )
        if (not line or starts_new) and block is not None:
            yield block
            block = None
            in_header = False
        if line:
            if block is None:
                block = _Block(first_lineno + index, [])
            block.lines.append(line)
    if block is not None:
        yield block


@dataclass
class _RawCue:
    """A cue as the file has it: times, timing line, text and its first line."""

    start: float | None
    end: float | None
    lineno: int
    text: str
    text_lineno: int


def _loose_seconds(groups: Sequence[str | None]) -> float:
    hours, minutes, seconds, fraction = groups
    whole = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)
    return (whole * 1000 + (int(fraction.ljust(3, "0")) if fraction else 0)) / 1000  # exact to the ms


#: a timing with short fields (``0:0:1.5 --> 0:0:2.130``), as Microsoft Teams and
#: Stream write every one: the standard wants two-digit minutes and seconds and
#: three-digit milliseconds, but what is meant is plain
_SHORT_TIME = r"(?:(\d+):)?([0-5]?\d):([0-5]?\d)\.(\d{1,3})"
SHORT_TIMING = re.compile(rf"[ \t\f]*{_SHORT_TIME}[ \t\f]+-->[ \t\f]+{_SHORT_TIME}(?:[ \t\f].*)?")
#: the note that says so, once a file
SHORT_TIMES = "the cue times of this file are written short, as Microsoft Teams writes them"

#: how a timing players skip is told
_NOT_WEBVTT = ("the cue timing {timing!r} is not WebVTT ('hh:mm:ss.ttt --> hh:mm:ss.ttt'), so players "
               "skip this cue; {what}")


def _signature_problem(lines: Sequence[str], first_lineno: int) -> Problem | None:
    """A whole file's first line must be its signature, ``WEBVTT``."""
    first = lines[0].rstrip("\r\n") if lines else ""
    if _SIGNATURE.fullmatch(first):
        return None
    return Problem(
        first_lineno, "format",
        f"the file does not open with the WebVTT signature (its first line is {first[:40]!r}, "
        "not 'WEBVTT'), so players refuse it; it is read as WebVTT all the same, the lines up to "
        "its first cue timing or empty line as its header: make 'WEBVTT' its first line",
    )


def _read_blocks(
    lines: Sequence[str], first_lineno: int, problems: list[Problem], *, whole_file: bool = False
) -> list[_RawCue]:
    """The cues of the blocks, as WebVTT reads them (:func:`spec_timing`);
    what players skip is kept, with a problem at its line: a cue whose timing
    is not WebVTT (with the times webvtt-py or a looser reading finds in it,
    if any), and the text of a block without a timing line."""
    raw: list[_RawCue] = []
    seen_cue = False
    short: list[tuple[int, str]] = []  # timings written short, as Teams writes them
    unsigned = _signature_problem(lines, first_lineno) if whole_file else None
    if unsigned is not None:
        problems.append(unsigned)
    for number, block in enumerate(_blocks(lines, first_lineno)):
        head = block.lines[0]
        arrow = next((i for i, line in enumerate(block.lines) if "-->" in line), None)
        if number == 0 and block.lineno == first_lineno and (
            _SIGNATURE.fullmatch(head) if whole_file else _HEADER.match(head.lstrip("\ufeff"))
        ):
            continue  # the header (on the signature line, even an arrow is not a cue timing)
        if number == 0 and unsigned is not None and arrow is None:
            continue  # the header of a file without its signature: said once, above
        if arrow is None and (_NOTE.match(head) or head.strip() in ("STYLE", "REGION")):
            continue
        if arrow is not None:
            seen_cue = True
            timing = block.lines[arrow]
            text = "\n".join(block.lines[arrow + 1:])
            times: tuple[float | None, float | None] | None = spec_timing(timing)
            if times is None and (found := SHORT_TIMING.fullmatch(timing)):
                times = _loose_seconds(found.groups()[:4]), _loose_seconds(found.groups()[4:])
                short.append((block.lineno + arrow, timing.strip()))
            if times is None:
                times = _recovered(block.lines, seen_cue, timing.strip(), block.lineno + arrow, problems,
                                   has_text=bool(text.strip()))
                if not text.strip():
                    continue  # said once: nothing is lost
            raw.append(_RawCue(times[0], times[1], block.lineno + arrow, text, block.lineno + arrow + 1))
            continue
        try:
            item = parse_item(block.lines, strict=False, seen_cue=seen_cue)
        except (MalformedCaptionError, ValueError):  # webvtt-py's errors on what it cannot read
            item = None
        if item is not None:
            continue  # a STYLE or REGION block webvtt-py recognised
        problems.append(Problem(
            block.lineno, "cue",
            "this block has no cue timing line ('hh:mm:ss.ttt --> hh:mm:ss.ttt'), so players skip "
            "it; its text is kept " + ("with the cue before it" if raw else "as a cue without a time"),
        ))
        if raw:
            previous = raw[-1]
            previous.text = "\n".join([previous.text, *block.lines])
        else:
            raw.append(_RawCue(None, None, block.lineno, "\n".join(block.lines), block.lineno))
    if short:
        more = f", and {len(short) - 1} more" if len(short) > 1 else ""
        problems.append(Problem(short[0][0], "timing", (
            f"{SHORT_TIMES} ({short[0][1]!r}{more}): they are read as meant; WebVTT players skip such "
            "cues, and the feed files the site publishes write every time in full"), level="info"))
    return raw


def _recovered(
    block: Sequence[str], seen_cue: bool, timing: str, lineno: int, problems: list[Problem],
    *, has_text: bool,
) -> tuple[float | None, float | None]:
    """The times of a timing line the standard does not read: webvtt-py's
    reading (it is lenient: one-digit minutes, two-digit milliseconds), else a
    looser one (a comma before the milliseconds, a short arrow), else none;
    with the problem that says so."""
    try:
        item = parse_item(list(block), strict=False, seen_cue=seen_cue)
    except (MalformedCaptionError, ValueError):  # webvtt-py's errors on what it cannot read
        item = None
    start: float | None = None
    end: float | None = None
    if isinstance(item, Caption):
        start, end = item.start_time.in_milliseconds() / 1000, item.end_time.in_milliseconds() / 1000
    elif loose := _LOOSE_TIMING.match(timing):
        start, end = _loose_seconds(loose.groups()[:4]), _loose_seconds(loose.groups()[4:])
    what = ("it has no text either, so nothing is lost" if not has_text
            else f"it is read as {start:.3f} --> {end:.3f} s" if start is not None and end is not None
            else "its text is kept, without a time")
    problems.append(Problem(lineno, "timing", _NOT_WEBVTT.format(timing=timing, what=what)))
    return start, end


def _rolling(texts: Sequence[list[str]]) -> bool:
    """Whether the captions roll: three cues in four (and at least three) begin
    with the line the previous cue ended with, some going on with a new line."""
    pairs = [(a, b) for a, b in zip(texts, texts[1:], strict=False) if a and b]
    repeats = [b for a, b in pairs if b[0] == a[-1]]
    return len(repeats) >= 3 and len(repeats) * 4 >= len(pairs) * 3 and any(len(b) > 1 for b in repeats)


def _overlap(previous: list[str], current: list[str]) -> int:
    """How many of ``current``'s first lines repeat ``previous``'s last ones.

    The longest prefix of ``current`` that ends ``previous``, found with the
    prefix function of ``current``'s lines, a separator and ``previous``'s
    (Knuth-Morris-Pratt): linear, where comparing every size was quadratic
    in a cue of many lines.
    """
    size = min(len(previous), len(current))
    lines: list[str | None] = [*current[:size], None, *previous[len(previous) - size:]]
    border = [0] * len(lines)
    for index in range(1, len(lines)):
        length = border[index - 1]
        while length and lines[index] != lines[length]:
            length = border[length - 1]
        border[index] = length + (lines[index] == lines[length])
    return border[-1] if size else 0


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    cues, problems = read(lines, first_lineno, context)
    return assemble(cues, context, found=problems)


def _spans(cue: _RawCue, problems: list[Problem]) -> list[Part]:
    """The cue's voices (:func:`._cuetext.spans`); a ``<`` that opens no tag
    WebVTT knows is kept as written, with a problem at its line."""
    kept: list[tuple[int, str]] = []
    parts = spans(cue.text, kept=kept)
    by_line: dict[int, list[str]] = {}  # one pass: a cue of many lines each with a '<'
    for at, what in kept:
        by_line.setdefault(at, []).append(repr(what[:30]))
    for line, found in sorted(by_line.items()):
        verb, it = ("opens", "it") if len(found) == 1 else ("open", "them")
        problems.append(Problem(
            cue.text_lineno + line, "markup",
            f"{', '.join(found)} {verb} no WebVTT tag, and players hide {it} (from '<' to the next "
            "'>' or the cue's end); the page shows it as written: write '&lt;' for a '<' that is text",
        ))
    return parts


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> tuple[list[Cue], list[Problem]]:
    """The file's cues, each with its speaker label and text as the page shows
    them (before cues become turns), and the problems found reading them."""
    problems: list[Problem] = []
    raw = _read_blocks(lines, first_lineno, problems, whole_file=context.whole_file)
    parted = [_spans(cue, problems) for cue in raw]
    single = [len(parts) == 1 and parts[0].voice is None for parts in parted]
    texts = [plain_lines(parts[0].text) if one else [] for parts, one in zip(parted, single, strict=True)]
    rolling = _rolling(texts)
    previous: list[str] = []
    cues: list[Cue] = []
    for cue, parts, one, text in zip(raw, parted, single, texts, strict=True):
        if rolling and one:
            fresh = text[_overlap(previous, text):]
            previous = text
            if not fresh:
                continue  # a line shown again as the captions roll
            parts = [replace(parts[0], text="\n".join(fresh))]
        elif not parts:
            cues.append(Cue(cue.start, cue.end, None, "", cue.lineno))
            continue
        for index, part in enumerate(parts):
            label: str | None = part.voice
            body = part.text
            if label is None and one:
                first, _, rest = body.partition("\n")
                found = speaker_prefix(first, context)
                if found:
                    label = found[0]
                    body = "\n".join(line for line in (found[1], rest) if line)
            last = index == len(parts) - 1
            lineno = cue.lineno if index == 0 else cue.text_lineno + part.line
            cues.append(Cue(cue.start, cue.end if last else None, label, body, lineno))
    if not any(cue.label for cue in cues):
        cues = dashed(replace(cue, label="") for cue in cues)
    return cues, problems


def read_cues(
    lines: Sequence[str], first_lineno: int, *, whole_file: bool = True
) -> tuple[list[tuple[float | None, str, int]], list[Problem]]:
    """``(start, text, line of the text)`` of every cue, for files whose cues
    are not speech (a WebVTT chapters file), and the problems found."""
    problems: list[Problem] = []
    raw = _read_blocks(lines, first_lineno, problems, whole_file=whole_file)
    return [(cue.start, cue.text, cue.text_lineno) for cue in raw], problems
