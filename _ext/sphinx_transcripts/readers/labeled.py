"""The ``labeled`` format: ``Name: text`` turns, as typed or copied from a page.

A label counts only at the start of a line and only for a declared label (a
speaker's name or alias, compared as :mod:`..people.labels` says).  The turn
keeps the label as written; who it is, and the note when it took more than
the exact spelling, is the cast's step (:func:`..people.cast.resolve`), as for
every other format.  Hard-wrapped
lines stay together as one paragraph, a blank line starts a new paragraph
of the same turn, and an unlabeled paragraph continues the previous
speaker's turn.  The text before the first turn is the *preamble*, the
source's own introduction, kept and shown as prose attributed to nobody.

:func:`scan` is shared with the ``qa`` format, whose questions are marked
``Q:`` instead of a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Chapter, Paragraph, Problem, Transcript, Turn
from ..people.labels import label_like
from ._context import ParseContext
from ._timecode import seconds

#: A chapter marked in the text: ``[chapter] Title`` or ``[chapter 12:30] Title``.
#: The title runs to the line's end (the scan strips the line first): a lazy
#: title before ``[ \t]*$`` tried every space of a long run of them again.
CHAPTER = re.compile(r"^\[chapter(?:[ \t]+(?P<time>[0-9:.,]+))?\][ \t]*(?P<title>\S.*)$",
                     re.IGNORECASE)

#: The marker that opens a question in the ``qa`` format.
QUESTION_MARKER = "Q:"


#: a line opening with a timecode (``[00:01:02]``, ``1:02``, ``00:00:01,000 -->``)
_TIMED_LINE = re.compile(r"^\s*\[?\d{1,2}:\d{2}")
#: what follows a label in a timed export (``Name: [00:01:02] text``)
_TIMED_REST = re.compile(r"^\[\d{1,2}:\d{2}")
#: a diarizer's label, which the ``diarized`` format reads
_DIARIZER = re.compile(r"^\[?SPEAKER_\d+\]?\s*:")


def detect(text: str, context: ParseContext) -> float:
    """Sure from three lines opening with a declared label (one for a short text).

    A timed export is not typed text even where its lines open with
    declared labels (``Name: [00:01:02] text``, ``SPEAKER_00: text`` with a
    speaker map, ``[00:01:02]`` lines before ``Name: text``): those lines do
    not count, and a text where a quarter of the lines open with a
    timecode is at most a little labeled.
    """
    found = 0
    lines = 0
    timed = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        lines += 1
        if _TIMED_LINE.match(line):
            timed += 1
            continue
        match = context.labels.match_line(line.rstrip())
        if match and not _TIMED_REST.match(match[1]) and not _DIARIZER.match(line):
            found += 1
    if timed >= 2 and timed * 4 >= lines:
        return min(0.3, 0.1 * found)
    if found >= 3:
        return 0.9
    return 0.9 if found and lines <= 6 else 0.3 * found


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return scan(lines, first_lineno, context)


@dataclass
class _Builder:
    """Mutable accumulator used while scanning; frozen into a Transcript."""

    preamble: list[Paragraph] = field(default_factory=list)
    #: (speaker, label, line, paragraphs, by label): a turn opened by a label
    #: gets its speaker from the cast (:func:`..people.cast.resolve`); only
    #: ``qa``'s questions and answers are the format's own to attribute
    turns: list[tuple[str, str, int, list[Paragraph], bool]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    #: a chapter was marked: the next unlabeled paragraph opens a turn of its own
    split: bool = False
    para_start: int = 0
    para_lines: list[str] = field(default_factory=list)

    def flush(self) -> None:
        if not self.para_lines:
            return
        para = Paragraph(self.para_start, tuple(self.para_lines))
        (self.turns[-1][3] if self.turns else self.preamble).append(para)
        self.para_lines = []

    def add_line(self, lineno: int, line: str) -> None:
        if not self.para_lines:
            self.para_start = lineno
        self.para_lines.append(line)

    def start_turn(self, speaker: str, label: str, lineno: int, by_label: bool = False) -> None:
        self.flush()
        self.split = False
        self.turns.append((speaker, label, lineno, [], by_label))

    def mark_chapter(self, lineno: int, time: str | None, title: str) -> None:
        self.flush()
        start = seconds(time) if time else 0.0
        if start is None:
            self.problems.append(Problem(lineno, "chapter", f"{time!r} is not a time (12:30, "
                                                            "1:02:03); the chapter has none"))
            start = 0.0
        self.chapters.append(Chapter(start, title, lineno, turn=len(self.turns)))
        self.split = bool(self.turns)

    def freeze(self) -> Transcript:
        self.flush()
        turns = []
        for speaker, label, lineno, paragraphs, by_label in self.turns:
            if not paragraphs:
                self.problems.append(
                    Problem(lineno, "empty-turn", f"the turn of {speaker!r} has no text")
                )
            turns.append(Turn(label, lineno, tuple(paragraphs), speaker="" if by_label else speaker))
        if not turns and not self.preamble:
            self.problems.append(Problem(0, "empty", "the transcript is empty"))
        self.problems.sort(key=lambda p: p.lineno)
        return Transcript(tuple(self.preamble), tuple(turns), tuple(self.problems),
                          tuple(self.chapters))


def _check_label_like(out: _Builder, lineno: int, line: str, context: ParseContext) -> None:
    """A line that looks like a label but names nobody declared is a warning."""
    label = label_like(line)
    if label is None:
        return
    # an indented label of a declared speaker is quoted text, not a turn
    if label in context.not_speakers or label == "Q" or context.labels.lookup(label):
        return
    out.problems.append(
        Problem(
            lineno,
            "undeclared-label",
            f"{label!r} looks like a speaker label but is not a declared speaker; the line is "
            "kept as text of the " + ("previous turn" if out.turns else "introduction"),
            label,
        )
    )


def scan(
    lines: Sequence[str],
    first_lineno: int,
    context: ParseContext,
    qa: tuple[str, str] | None = None,
) -> Transcript:
    """The one scanner behind ``labeled`` and ``qa``; ``qa`` is (interviewer, guest)."""
    out = _Builder()
    at_paragraph_start = True
    for lineno, raw in enumerate(lines, start=first_lineno):
        line = raw.rstrip()
        if not line.strip():
            out.flush()
            at_paragraph_start = True
            continue
        starts, at_paragraph_start = at_paragraph_start, False
        chapter = CHAPTER.match(line)
        if chapter:
            out.mark_chapter(lineno, chapter["time"], chapter["title"].rstrip())
            at_paragraph_start = True
            continue
        in_question = bool(out.turns) and out.turns[-1][1] == QUESTION_MARKER
        found = context.labels.match_line(line)
        if found is not None:
            match, rest = found
            out.start_turn(match.speaker, match.written.strip(), lineno, by_label=True)
            if rest:
                out.add_line(lineno, rest)
            continue
        if qa and starts and line.startswith(QUESTION_MARKER):
            if not in_question:  # a question continues over paragraphs
                out.start_turn(qa[0], QUESTION_MARKER, lineno)
            rest = line[len(QUESTION_MARKER) :].lstrip()
            if rest:
                out.add_line(lineno, rest)
            continue
        if qa and starts and in_question:
            out.start_turn(qa[1], "", lineno)
        elif out.split:  # the turn goes on after a chapter title, as a turn of its own
            out.start_turn(*out.turns[-1][:2], lineno, by_label=out.turns[-1][4])
        if qa and not starts and line.startswith(QUESTION_MARKER):
            out.problems.append(
                Problem(
                    lineno,
                    "question",
                    f"{QUESTION_MARKER!r} inside a paragraph does not start a question: the "
                    "line is kept as text of the "
                    + ("previous turn" if out.turns else "introduction")
                    + "; to make it a question, put a blank line before it",
                )
            )
        _check_label_like(out, lineno, line, context)
        out.add_line(lineno, line)
    return out.freeze()
