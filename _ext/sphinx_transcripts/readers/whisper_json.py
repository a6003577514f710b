"""The ``whisper-json`` format: the JSON files of Whisper, WhisperX and whisper.cpp.

Three shapes of one thing, a list of timed phrases:

- OpenAI Whisper (``--output_format json``): ``{"text", "segments": [{"id",
  "seek", "start", "end", "text", "tokens", …}], "language"}``, times in
  seconds, no speakers.
- WhisperX: ``{"segments": [{"start", "end", "text", "words", "speaker"}],
  "word_segments"}``; each word's ``start`` is read as its time.  A
  diarized run gives a segment a ``speaker`` (``SPEAKER_00``), which
  ``:speaker-map:`` names; a segment the diarizer left without one
  continues the previous speaker, as in WhisperX's VTT and SRT files
  (``:strict-voices:`` makes it unattributed).
- whisper.cpp (``-oj``, ``-ojf``): ``{"systeminfo", "model", "params",
  "result", "transcription": [{"timestamps", "offsets", "text"}]}``, the
  ``offsets`` ``from`` and ``to`` in milliseconds.  The full JSON (``-ojf``)
  gives a segment its ``tokens``, pieces of words with their own
  ``offsets`` where whisper.cpp computed them: read as the words' times
  (:func:`token_words`).  With ``--diarize`` a segment has a ``speaker``:
  ``"0"`` or ``"1"`` (the stereo channel), which ``:speaker-map:`` names,
  or ``"?"`` where it could not tell: that segment is unattributed.
  ``--tinydiarize`` marks where the voice changes (``speaker_turn_next``)
  but not whose it is, so the marks are not read.

A file without any speaker is one unattributed speaker, or ``:speaker:``.
Each segment is a cue; :func:`._assemble.assemble` makes the turns and
paragraphs.  A segment that does not follow the format is a problem naming
its index, at the line where it starts; whisper.cpp writes one field a
line, Whisper the whole file on one line.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence

from ..model import Problem, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext
from ._timecode import number_seconds, seconds
from .podcast_json import load, segment_lines

#: whisper.cpp's speaker where it could not tell the channels apart
_UNSURE = "?"


def channel_label(speaker: str) -> str | None:
    """The label of a speaker as whisper.cpp writes it: ``"0"``, ``"1"`` (or
    any other name) as written, ``"?"`` nobody (``""``), empty not given."""
    speaker = speaker.strip()
    return "" if speaker == _UNSURE else speaker or None

_WHISPER_HEAD = re.compile(r'^\{\s*"text"\s*:\s*"')
_START = re.compile(r'"start"\s*:\s*-?\d')


def detect(text: str, context: ParseContext) -> float:
    """Sure of whisper.cpp's ``"transcription"`` with ``"offsets"``, of an
    object opening with Whisper's ``"text"``, and of ``"segments"`` whose
    times are ``"start"``, not the Podcasting 2.0 ``"startTime"``."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return 0.0
    if '"transcription"' in head and '"offsets"' in head:
        return 0.95
    if '"body"' in head or '"startTime"' in head:
        return 0.0
    if _WHISPER_HEAD.match(head):
        return 0.9  # the whole text first: the segments may be past the sample
    if '"segments"' in head and _START.search(head):
        return 0.9
    return 0.0


def _shown(value: object) -> str:
    return json.dumps(value)[:40]


class _Reader:
    """The cues of one file's segments, and what is wrong with them."""

    def __init__(self) -> None:
        self.cues: list[Cue] = []
        self.problems: list[Problem] = []

    def problem(self, lineno: int, index: int, message: str) -> None:
        self.problems.append(Problem(lineno, "json", f"segment {index}: {message}"))

    def text(self, segment: dict, lineno: int, index: int) -> str | None:
        text = segment.get("text")
        if isinstance(text, str):
            return text.strip()
        self.problem(lineno, index, 'has no "text"; it is left out' if text is None else
                     f'"text" is not text but {_shown(text)}; the segment is left out')
        return None

    def time(self, value: object, name: str, lineno: int, index: int, per_second: int = 1) -> float | None:
        if value is None:
            return None
        time = number_seconds(value, per_second)
        if time is None:
            self.problem(lineno, index, f'"{name}" is not a time but {_shown(value)}; '
                         "the segment is kept without it")
        return time

    def label(self, segment: dict, named: bool, lineno: int, index: int) -> str | None:
        """The segment's speaker label: "" for nobody, None to continue."""
        if not named:
            return ""
        speaker = segment.get("speaker")
        if speaker is None:
            return None
        if isinstance(speaker, int) and not isinstance(speaker, bool):
            speaker = str(speaker)
        if not isinstance(speaker, str):
            self.problem(lineno, index, f'"speaker" is not text but {_shown(speaker)}; '
                         "the segment continues the previous speaker")
            return None
        return channel_label(speaker)

    def read(self, segments: list, starts: list[int], first_lineno: int, span: Span) -> None:
        """A cue of every segment that has text."""
        named = any(isinstance(s, dict) and "speaker" in s for s in segments)
        for index, segment in enumerate(segments):
            lineno = starts[index] if index < len(starts) else first_lineno
            if not isinstance(segment, dict):
                self.problem(lineno, index, f"is not an object but {_shown(segment)}; it is left out")
                continue
            text = self.text(segment, lineno, index)
            if text is None:
                continue
            start, end = span(self, segment, lineno, index)
            # WhisperX's words, or whisper.cpp's tokens (its full JSON, -ojf)
            words = timed_words(segment.get("words")) or token_words(segment.get("tokens"))
            self.cues.append(Cue(start, end, self.label(segment, named, lineno, index), text, lineno,
                                 words=words))

    def seconds(self, segment: dict, lineno: int, index: int) -> tuple[float | None, float | None]:
        """Whisper's and WhisperX's ``start`` and ``end``, in seconds."""
        if segment.get("start") is None:
            self.problem(lineno, index, 'has no "start"; it is kept without a time')
        return (self.time(segment.get("start"), "start", lineno, index),
                self.time(segment.get("end"), "end", lineno, index))

    def offsets(self, segment: dict, lineno: int, index: int) -> tuple[float | None, float | None]:
        """whisper.cpp's ``offsets`` in milliseconds, or else the
        ``timestamps`` it writes beside them."""
        offsets, stamps = segment.get("offsets"), segment.get("timestamps")
        if isinstance(offsets, dict):
            return (self.time(offsets.get("from"), "offsets.from", lineno, index, 1000),
                    self.time(offsets.get("to"), "offsets.to", lineno, index, 1000))
        if isinstance(stamps, dict):
            times: list[float | None] = []
            for name in ("from", "to"):
                value = stamps.get(name)
                time = seconds(value) if isinstance(value, str) else None
                if value is not None and time is None:
                    self.problem(lineno, index, f'"timestamps.{name}" is not a time but {_shown(value)}; '
                                 "the segment is kept without it")
                times.append(time)
            return times[0], times[1]
        self.problem(lineno, index, 'has no "offsets"; it is kept without a time')
        return None, None


Span = Callable[[_Reader, dict, int, int], tuple[float | None, float | None]]


def timed_words(words: object) -> tuple[tuple[float, str], ...]:
    """WhisperX's ``words`` (``{"word", "start", "end", "score"}``): the
    ``(start, word)`` of each that has a finite time, in order.  A word
    without one (WhisperX leaves numbers untimed) is only not highlighted:
    the segment's text is what is shown, so nothing here is a warning."""
    if not isinstance(words, list):
        return ()
    out: list[tuple[float, str]] = []
    for item in words[:100_000]:
        if not isinstance(item, dict):
            continue
        word, start = item.get("word"), item.get("start")
        if (isinstance(word, str) and word.strip() and isinstance(start, int | float)
                and not isinstance(start, bool) and math.isfinite(start) and start >= 0):
            out.append((float(start), word.strip()[:200]))
    return tuple(out)


#: whisper.cpp's special tokens as its full JSON writes their text: "[_BEG_]",
#: "[_TT_150]" (a timestamp token), "<|endoftext|>"; they are not spoken
_SPECIAL_TOKEN = re.compile(r"^\s*(?:\[_[A-Z0-9_]*\]|<\|[^|]*\|>)\s*$")


def token_words(tokens: object) -> tuple[tuple[float, str], ...]:
    """whisper.cpp's ``tokens`` (its full JSON, ``-ojf``: ``{"text",
    "timestamps", "offsets", "id", "p", "t_dtw"}``) as ``(start, word)``.

    A token is a piece of a word: one whose text starts with a space begins
    a word, the others ("ing", ",") continue it, so a word's start is its
    first piece's ``offsets.from`` (milliseconds from the start of the
    audio).  whisper.cpp writes the times only when it computed them: a word
    whose first piece has none is left out (only not highlighted), as are
    the special tokens; a file without token times gives no words."""
    if not isinstance(tokens, list):
        return ()
    out: list[tuple[float, str]] = []
    word, start = "", None

    def close() -> None:
        if start is not None and word.strip():
            out.append((start, word.strip()[:200]))

    for token in tokens[:100_000]:
        if not isinstance(token, dict):
            continue
        text = token.get("text")
        if not isinstance(text, str) or not text or _SPECIAL_TOKEN.match(text):
            continue
        if text[0].isspace() or not word:
            close()
            word, start = "", _token_start(token)
        word += text
    close()
    return tuple(out)


def _token_start(token: dict) -> float | None:
    offsets = token.get("offsets")
    begin = offsets.get("from") if isinstance(offsets, dict) else None
    if (isinstance(begin, int | float) and not isinstance(begin, bool) and math.isfinite(begin)
            and begin >= 0):
        return round(begin / 1000, 3)
    return None


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    text = "\n".join(lines)
    data, trouble = load(text, first_lineno)
    if trouble is not None:
        return Transcript((), (), (trouble,))
    reader = _Reader()
    if isinstance(data, dict) and isinstance(data.get("transcription"), list):
        starts = segment_lines(text, first_lineno, "transcription")
        reader.read(data["transcription"], starts, first_lineno, _Reader.offsets)
    elif isinstance(data, dict) and isinstance(data.get("segments"), list):
        reader.read(data["segments"], segment_lines(text, first_lineno), first_lineno, _Reader.seconds)
    else:
        what = "an object" if isinstance(data, dict) else f"a JSON {type(data).__name__}"
        return Transcript((), (), (Problem(
            first_lineno, "json",
            f'the file is not a Whisper transcript: it is {what} without a "segments" '
            'or "transcription" list',
        ),))
    return assemble(reader.cues, context, found=reader.problems)
