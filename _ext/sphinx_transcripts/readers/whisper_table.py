"""The ``whisper-table`` format: Whisper's TSV and whisper.cpp's CSV files.

Whisper (``--output_format tsv``, one of the files of its default ``all``)
writes a header ``start<TAB>end<TAB>text``, then one segment a line: its
start and end in whole milliseconds and its text, tabs replaced by spaces,
unquoted.  whisper.cpp (``-ocsv``) writes ``start,end,text`` the same way,
the text in double quotes (``""`` for a quote in it); with ``--diarize`` a
``speaker`` column comes before the text: ``0`` or ``1`` (the stereo
channel), named with ``:speaker-map:``, or ``?`` where it could not tell,
which is unattributed.  A file without a speaker column is one speaker, the
``:speaker:``'s or unattributed.

Each row (one line) is a cue; :func:`._assemble.assemble` makes the turns and
paragraphs.  A row that does not follow the header is a problem at its
line, and its text is kept.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence

from ..model import Problem, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext
from ._timecode import number_seconds
from .whisper_json import channel_label

_HEADER = re.compile(r"start(?P<sep>[\t,])end(?P=sep)(?:speaker(?P=sep))?text", re.IGNORECASE)
_MILLISECONDS = re.compile(r"\d{1,15}")


def _header(lines: Sequence[str]) -> tuple[int, re.Match[str]] | None:
    """The index of the first non-blank line and its match, if it is a header."""
    for index, line in enumerate(lines):
        if line.strip():
            found = _HEADER.fullmatch(line.strip().lstrip("\ufeff"))
            return (index, found) if found else None
    return None


def detect(text: str, context: ParseContext) -> float:
    """Sure of a first line ``start<TAB>end<TAB>text`` or ``start,end[,speaker],text``."""
    return 0.95 if _header(text.splitlines()[:20]) else 0.0


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    header = _header(lines)
    if header is None:
        return Transcript((), (), (Problem(
            first_lineno, "table",
            "the file does not start with Whisper's header line 'start<TAB>end<TAB>text' "
            "or whisper.cpp's 'start,end,text'",
        ),))
    at, found = header
    sep = found["sep"]
    columns = [name.lower() for name in found.group(0).split(sep)]
    named = "speaker" in columns
    cues: list[Cue] = []
    problems: list[Problem] = []
    for index, line in enumerate(lines[at + 1:], start=at + 1):
        lineno = first_lineno + index
        if not line.strip():
            continue
        row = _split(line.rstrip("\r"), sep)
        if row is None:
            problems.append(Problem(lineno, "table", "this row cannot be read as CSV; the whole line "
                                                     "is kept as text, without a time"))
            cues.append(Cue(None, None, None if named else "", line.strip(), lineno))
            continue
        start, end, label, text = _row(row, sep, columns, named, lineno, problems)
        cues.append(Cue(start, end, label, text, lineno))
    return assemble(cues, context, found=problems)


def _split(line: str, sep: str) -> list[str] | None:
    """The fields of one row: Whisper's TSV quotes nothing (a quote is text),
    whisper.cpp's CSV quotes the text; ``None`` for a row the CSV reader refuses."""
    if sep == "\t":
        return line.split("\t")
    try:
        return next(csv.reader([line]))
    except csv.Error:  # a field over the CSV reader's size limit
        return None


def _row(
    row: list[str], sep: str, columns: list[str], named: bool, lineno: int, problems: list[Problem]
) -> tuple[float | None, float | None, str | None, str]:
    """One row's times, speaker label and text; what is wrong goes to ``problems``."""
    width = len(columns)
    if len(row) < width:
        problems.append(Problem(lineno, "table", f"this row has {len(row)} of the {width} columns "
                                                 f"({', '.join(columns)}); what it has is kept as text"))
        return None, None, (None if named else ""), " ".join(field.strip() for field in row)

    # the text is the last column: a separator in it makes more fields, all text
    values = dict(zip(columns, [*row[:width - 1], sep.join(row[width - 1:])], strict=True))
    text = values["text"]
    times: list[float | None] = []
    for name in ("start", "end"):
        value = values[name].strip()
        time = number_seconds(int(value), 1000) if _MILLISECONDS.fullmatch(value) else None
        if time is None:
            problems.append(Problem(lineno, "table", f"the {name} {value!r} is not a time in "
                                                     "milliseconds; the row is kept without it"))
        times.append(time)
    label: str | None = ""
    if named:
        label = channel_label(values["speaker"])
    return times[0], times[1], label, text.strip()
