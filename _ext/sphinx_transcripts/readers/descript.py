"""The ``descript`` format: Descript's plain-text export with timecodes.

Each paragraph opens with its timecode in brackets, then the speaker and a
colon: ``[00:01:02] Maya Okafor: text``.  Descript can also put the
timecode on a line of its own, with ``Name: text`` on the next line.  A
paragraph without a name continues the previous speaker.  A name is a
declared speaker's, a transcriber's ``Speaker 2``, or a name that opens at
least two paragraphs: a lone ``So: ...`` is text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, labels_seen, scan, split_label

_HEAD = re.compile(rf"^\[(?P<time>{TIMECODE})\](?:[ \t]+(?P<text>.*))?$")
#: a bracketed timecode opening a line, for detection (any digits)
_START = re.compile(r"^\[\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?\]")


def detect(text: str, context: ParseContext) -> float:
    """Sure when most non-blank lines open with ``[hh:mm:ss]`` or follow one
    standing alone."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    stamped = covered = 0
    alone = False
    for line in lines:
        found = _START.match(line)
        if found:
            stamped += 1
            covered += 1
            alone = not line[found.end():].strip()
        elif alone:
            covered += 1
            alone = False
    if stamped and covered >= 0.6 * len(lines) and (stamped >= 2 or len(lines) <= 2):
        return 0.9
    return min(0.4, 0.1 * stamped)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""
    rests = [(m["text"] or "") if (m := _HEAD.match(line.strip())) else line.strip() for line in lines]
    seen = labels_seen(rests)

    def header(line: str) -> Header | None:
        found = _HEAD.match(line)
        if not found:
            return None
        rest = (found["text"] or "").strip()
        if not rest:
            return Header(found["time"], None, label_below=True)
        label, text = split_label(rest, context, seen)
        return Header(found["time"], label, text)

    return scan(lines, first_lineno, context, header, seen)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "'[00:01:02] Name: text'")
