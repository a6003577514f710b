"""The ``diarized`` format: the text output of a diarizing transcriber.

pyannote-based pipelines (WhisperX and others) write one segment a line,
``SPEAKER_00: text`` (WhisperX: ``[SPEAKER_00]: text``), optionally after
the segment's times, ``[00:00:01.000 --> 00:00:07.400] SPEAKER_00: text``.
The labels stay as written, ``SPEAKER_00``: ``:speaker-map:`` says who they
are.  A line without a label continues the previous speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, scan, score

_HEAD = re.compile(
    rf"^(?:\[(?P<time>{TIMECODE})[ \t]*-->[ \t]*{TIMECODE}\][ \t]*)?"
    r"(?P<open>\[?)(?P<label>SPEAKER_\d{1,3})(?P<close>\]?)[ \t]*:(?:[ \t]+(?P<text>.*))?$"
)


def _header(line: str) -> re.Match[str] | None:
    found = _HEAD.match(line)
    return found if found and bool(found["open"]) == bool(found["close"]) else None


def detect(text: str, context: ParseContext) -> float:
    """Sure when most (60%) non-blank lines open with ``SPEAKER_nn:``."""
    return score(text, lambda line: _header(line) is not None, 0.6)


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Reading:
    """The cues of ``lines``, the introduction before them, and problems."""

    def header(line: str) -> Header | None:
        found = _header(line)
        return Header(found["time"], found["label"], found["text"] or "") if found else None

    return scan(lines, first_lineno, context, header)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return finish(read(lines, first_lineno, context), context, first_lineno, "'SPEAKER_00: text'")
