"""The ``qa`` format: interviews printed without labels.

A paragraph that starts with ``Q:`` is the interviewer's question
(consecutive question paragraphs are one turn); every other paragraph is the
guest's answer.  Declared ``Name:`` labels are honoured too, so a transcript
may mix both conventions.  It needs exactly one ``:host:`` (who asks) and
one ``:guests:`` (who answers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from .labeled import QUESTION_MARKER, scan

_QUESTION = re.compile(r"(?:^|\n[ \t]*\n)[ \t]*Q:[ \t]", re.MULTILINE)


def detect(text: str, context: ParseContext) -> float:
    """Sure from two paragraphs opening with ``Q:``."""
    questions = len(_QUESTION.findall(text))
    return 0.95 if questions >= 2 else 0.3 * questions


def check(context: ParseContext) -> str:
    if len(context.hosts) == 1 and len(context.guests) == 1:
        return ""
    return (
        "the qa format needs exactly one :host: (who asks the Q: questions) and one "
        f":guests: (who answers); got host={list(context.hosts)!r} guests={list(context.guests)!r}"
    )


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return scan(lines, first_lineno, context, qa=(context.hosts[0], context.guests[0]))


__all__ = ["QUESTION_MARKER", "check", "detect", "parse"]
