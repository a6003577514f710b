"""The ``rev`` format: Rev's text export.

Each turn opens with the speaker and the time in parentheses on a line of
its own, ``Maya Okafor (01:02):`` (``(01:02:03)`` past the hour), then the
turn's paragraphs.  A long turn goes on with a time alone,
``(00:01:51):``: a new paragraph of the same speaker, at that time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, scan, score

#: a turn's header: ``Maya Okafor (01:02):``
HEAD = re.compile(rf"^(?P<label>[^\s(].{{0,79}}?)[ \t]*\((?P<time>{TIMECODE})\):(?:[ \t]+(?P<text>.*))?$")
#: a paragraph of the same speaker: ``(00:01:51):``
MARK = re.compile(rf"^\((?P<time>{TIMECODE})\):(?:[ \t]+(?P<text>.*))?$")


#: what a Markdown file has and Rev's export does not: front matter, a heading
_MARKDOWN = re.compile(r"\A\s*---[ \t]*$|^#{1,6}[ \t]+\S", re.MULTILINE)


def detect(text: str, context: ParseContext) -> float:
    """Sure when a quarter of the non-blank lines are ``Name (01:02):``
    headers or ``(01:02):`` marks, and one of them a header; a little when
    the text is Markdown (a Rev transcript kept in a Markdown file is the
    ``markdown`` format's)."""
    if not any(HEAD.match(line.strip()) for line in text.splitlines()):
        return 0.0
    found = score(text, lambda line: bool(HEAD.match(line) or MARK.match(line)), 0.25)
    return min(found, 0.4) if _MARKDOWN.search(text) else found


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""

    def header(line: str) -> Header | None:
        found = HEAD.match(line)
        if found:
            return Header(found["time"], found["label"].strip(), found["text"] or "")
        mark = MARK.match(line)
        return Header(mark["time"], None, mark["text"] or "", paragraph=True) if mark else None

    return scan(lines, first_lineno, context, header)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "'Name (01:02):'")
