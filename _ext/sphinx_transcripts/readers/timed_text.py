"""The ``timed-text`` format: lines that open with their time, ``00:01:02 text``.

What writes it: Talk Python To Me's published text transcripts (a line per
caption, ``HH:MM:SS text``, a blank line between), and notes typed with a
time in front of each line.  The time is the line's start; the text after
it is the caption.  Most such files name nobody (every turn then has the
label "": ``:speaker:`` names who speaks); a line whose text opens with a
declared speaker's label, or a label that opens at least two lines
(``00:01:02 Maya Okafor: text``), is that speaker's, and the lines after
it go on with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, labels_seen, scan, score, split_label

_HEAD = re.compile(rf"^(?P<time>{TIMECODE})[ \t]+(?P<text>\S.*)$")


def detect(text: str, context: ParseContext) -> float:
    """Sure when two or more, and half of the non-blank lines, open with a time and text."""
    return score(text, lambda line: bool(_HEAD.match(line)), 0.5, one=False)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""
    rests = [m["text"] for line in lines if (m := _HEAD.match(line.strip()))]
    seen = labels_seen(rests)
    named = bool(seen) or any(split_label(rest, context)[0] is not None for rest in rests)

    def header(line: str) -> Header | None:
        found = _HEAD.match(line)
        if not found:
            return None
        if not named:  # the source names nobody
            return Header(found["time"], "", found["text"])
        label, text = split_label(found["text"], context, seen)
        return Header(found["time"], label, text)

    return scan(lines, first_lineno, context, header, seen)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "'00:01:02 text'")
