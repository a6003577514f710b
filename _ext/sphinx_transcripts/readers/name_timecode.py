"""The ``name-timecode`` format: ``Name: [00:01:02] text`` paragraphs.

Exports such as Trint's and Sonix's put the speaker first, then the
paragraph's timecode in brackets, then its text.  A paragraph that opens
with the timecode alone continues the previous speaker; a line with neither
is more text of the paragraph before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, scan, score

_HEAD = re.compile(
    rf"^(?:(?P<label>[^\s:\[\]][^:\[\]]{{0,79}}?)[ \t]*:[ \t]*)?\[(?P<time>{TIMECODE})\]"
    r"(?:[ \t]+(?P<text>.*))?$"
)


def detect(text: str, context: ParseContext) -> float:
    """Sure when a third of the non-blank lines open with ``Name: [00:01:02]``."""
    return score(text, lambda line: bool((m := _HEAD.match(line)) and m["label"]), 1 / 3)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""

    def header(line: str) -> Header | None:
        found = _HEAD.match(line)
        if not found:
            return None
        label = found["label"].strip() if found["label"] else None
        return Header(found["time"], label, found["text"] or "")

    return scan(lines, first_lineno, context, header)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "'Name: [00:01:02] text'")
