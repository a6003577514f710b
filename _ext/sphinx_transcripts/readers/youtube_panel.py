"""The ``youtube-panel`` format: a copy of YouTube's "Show transcript" panel.

The panel lists each caption's start, ``1:02`` (``1:02:03`` past the hour),
on a line of its own, then the caption's text; there are no speakers, so
every turn has the label "" (``:speaker:`` names who speaks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, scan, score

_HEAD = re.compile(rf"^(?P<time>{TIMECODE})$")


def detect(text: str, context: ParseContext) -> float:
    """Sure when two or more, and a third of the non-blank lines, are timecodes alone."""
    return score(text, lambda line: bool(_HEAD.match(line)), 1 / 3, one=False)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""

    def header(line: str) -> Header | None:
        found = _HEAD.match(line)
        return Header(found["time"], "") if found else None

    return scan(lines, first_lineno, context, header)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "timecode ('1:02')")
