"""The ``rev`` format: Rev's text export.

Each turn opens with the speaker and the time in parentheses on a line of
its own, ``Maya Okafor (01:02):`` (``(01:02:03)`` past the hour), then the
turn's paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, scan, score

_HEAD = re.compile(rf"^(?P<label>\S.{{0,79}}?)[ \t]*\((?P<time>{TIMECODE})\):(?:[ \t]+(?P<text>.*))?$")


def detect(text: str, context: ParseContext) -> float:
    """Sure when a quarter of the non-blank lines are ``Name (01:02):`` headers."""
    return score(text, lambda line: bool(_HEAD.match(line)), 0.25)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""

    def header(line: str) -> Header | None:
        found = _HEAD.match(line)
        return Header(found["time"], found["label"].strip(), found["text"] or "") if found else None

    return scan(lines, first_lineno, context, header)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "'Name (01:02):'")
