"""The ``podcast-json`` format: the Podcasting 2.0 JSON transcript.

``{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime",
"body"}]}``: times in seconds, ``endTime`` optional, ``speaker`` optional (a
segment without one continues the previous speaker; a file without any
names nobody).  Segments may be phrases or single words (``"father.\\n"``):
consecutive segments of one speaker are joined into sentences, words by
one space and punctuation-only bodies (``","``) with none, and those
sentences are the cues :func:`._assemble.assemble` makes turns of.  A sentence
is also cut where the times jump back or pause, so that the timing checks
and the paragraph breaks of ``assemble`` see them, and after a body that
ends with a line end (``"father.\\n"``): the line is over, so a
punctuation-only body after it (the feed writer's paragraph ``"…"``) is
not glued to it.

A segment that does not follow the format is a problem naming its index,
at the line where the segment starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..limits import load_json
from ..model import Problem, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext
from ._timecode import number_seconds

_WHISPER_TIME = re.compile(r'"start"\s*:')
_SENTENCE_END = re.compile(r"[.!?…][\"')\]»”’]*$")
#: a body of punctuation only, joined to the word before it without a space
_PUNCTUATION = re.compile(r"^[^\w\s(\[{“‘\"'¿¡]+$")
#: the longest cue of joined segments, in characters
_CUE_CHARS = 300


def detect(text: str, context: ParseContext) -> float:
    """Sure of an object with ``"segments"`` and segment fields in it; not
    of segments timed by ``"start"``, which are Whisper's (``whisper-json``)."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("{") or '"segments"' not in text:
        return 0.0
    if '"body"' in text or '"startTime"' in text:
        return 0.95
    return 0.0 if _WHISPER_TIME.search(text) else 0.6


def segment_lines(text: str, first_lineno: int, key: str = "segments") -> list[int]:
    """The line each element of the top-level array ``key`` starts on.

    ``text`` must be valid JSON; an empty list when the array is not found.
    """
    decoder = json.JSONDecoder()
    space = re.compile(r"[ \t\r\n]*")

    def skip(pos: int) -> int:
        found = space.match(text, pos)
        return found.end() if found else pos

    try:
        pos = skip(0)
        if text[pos] != "{":
            return []
        pos = skip(pos + 1)
        while text[pos] != "}":
            name, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            pos = skip(pos + 1)  # the colon
            if name == key and text[pos] == "[":
                starts = []
                # lines are counted on from the previous element, not from the
                # file's start: a million one-word segments are one pass
                line, counted = first_lineno, 0
                pos = skip(pos + 1)
                while text[pos] != "]":
                    line += text.count("\n", counted, pos)
                    counted = pos
                    starts.append(line)
                    _, pos = decoder.raw_decode(text, pos)
                    pos = skip(pos)
                    if text[pos] == ",":
                        pos = skip(pos + 1)
                return starts
            _, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if text[pos] == ",":
                pos = skip(pos + 1)
    except (ValueError, IndexError):
        return []
    return []


def load(text: str, first_lineno: int) -> tuple[object, Problem | None]:
    """The JSON value of ``text``, or the problem at the line where it is not
    JSON or is nested too deep (:mod:`..limits`)."""
    data, trouble = load_json(text)
    if trouble is None:
        return data, None
    return None, Problem(first_lineno + max(trouble.lineno, 1) - 1, "json", trouble.message)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class _Sentence:
    """Segments being joined into one cue."""

    start: float | None
    end: float | None
    label: str | None
    lineno: int
    words: list[str] = field(default_factory=list)
    #: ``(startTime, body)`` of each segment joined in (word segments: the words' times)
    timed: list[tuple[float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.words)

    def add(self, body: str) -> None:
        if self.words and not _PUNCTUATION.match(body):
            self.words.append(" ")
        self.words.append(body)


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    text = "\n".join(lines)
    problems: list[Problem] = []
    data, trouble = load(text, first_lineno)
    if trouble is not None:
        return Transcript((), (), (trouble,))
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        what = "an object" if isinstance(data, dict) else f"a JSON {type(data).__name__}"
        return Transcript((), (), (Problem(
            first_lineno, "json",
            f"the file is not a Podcasting 2.0 transcript: it is {what} without a "
            '"segments" list',
        ),))
    starts = segment_lines(text, first_lineno)
    named = any(isinstance(s, dict) and "speaker" in s for s in segments)
    cues: list[Cue] = []
    current: _Sentence | None = None
    last_time: float | None = None  # where the previous segment ends

    def close() -> None:
        nonlocal current
        if current is not None:
            # joined segments are timed words or phrases: the player highlights them
            timed = tuple(current.timed) if len(current.timed) > 1 else ()
            cues.append(Cue(current.start, current.end, current.label, current.text, current.lineno,
                            words=timed))
        current = None

    for index, segment in enumerate(segments):
        lineno = starts[index] if index < len(starts) else first_lineno

        def problem(message: str, at: int = lineno, i: int = index) -> None:
            problems.append(Problem(at, "json", f"segment {i}: {message}"))

        if not isinstance(segment, dict):
            problem(f"is not an object but {json.dumps(segment)[:40]}; it is left out")
            continue
        body = segment.get("body")
        if not isinstance(body, str):
            problem('has no "body"; it is left out' if body is None else
                    f'"body" is not text but {json.dumps(body)[:40]}; the segment is left out')
            continue
        times: list[float | None] = []
        for name in ("startTime", "endTime"):
            value = segment.get(name)
            if value is None:
                if name == "startTime":
                    problem('has no "startTime"; it is kept without a time')
                times.append(None)
            elif not _number(value):
                problem(f'"{name}" is not a number but {json.dumps(value)[:40]}; '
                        "the segment is kept without it")
                times.append(None)
            else:
                time = number_seconds(value)
                if time is None:
                    problem(f'"{name}" is not a time but {json.dumps(value)[:40]}; '
                            "the segment is kept without it")
                times.append(time)
        start, end = times
        speaker = segment.get("speaker")
        label: str | None
        if not named:
            label = ""
        elif speaker is None:
            label = None
        elif isinstance(speaker, str):
            label = speaker.strip()
        else:
            problem(f'"speaker" is not text but {json.dumps(speaker)[:40]}; '
                    "the segment continues the previous speaker")
            label = None
        words = body.strip()
        joins = (
            current is not None and words
            and (label is None or label == current.label)
            and start is not None and (end is None or end >= start)
            and last_time is not None and last_time - 0.001 <= start <= last_time + context.paragraph_gap
            and (_PUNCTUATION.match(words) or (
                not _SENTENCE_END.search(current.text) and len(current.text) < _CUE_CHARS))
        )
        if joins and current is not None:
            current.add(words)
            current.end = end if end is not None else current.end
        else:
            close()
            current = _Sentence(start, end, label, lineno)
            current.add(words)
        if start is not None and words:
            current.timed.append((start, words))
        if body.rstrip(" \t").endswith(("\n", "\r")):
            close()
        last_time = end if end is not None else start
    close()
    return assemble(cues, context, found=problems)
