"""The ``labeled`` format: ``Name: text`` turns, as typed or copied from a page.

A label counts only at the start of a line and only for a declared label (a
speaker's name or alias, compared as :mod:`..labels` says).  Hard-wrapped
lines stay together as one paragraph, a blank line starts a new paragraph
of the same turn, and an unlabeled paragraph continues the previous
speaker's turn.  The text before the first turn is the *preamble*, the
source's own introduction, kept and shown as prose attributed to nobody.

:func:`scan` is shared with the ``qa`` format, whose questions are marked
``Q:`` instead of a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..labels import LabelMatch, label_like
from ..model import Paragraph, Problem, Transcript, Turn
from .context import ParseContext

#: The marker that opens a question in the ``qa`` format.
QUESTION_MARKER = "Q:"


def detect(text: str, context: ParseContext) -> float:
    """Sure from three lines opening with a declared label (one for a short text)."""
    found = 0
    lines = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        lines += 1
        if context.labels.match_line(line.rstrip()):
            found += 1
            if found >= 3:
                return 0.9
    return 0.9 if found and lines <= 6 else 0.3 * found


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    return scan(lines, first_lineno, context)


@dataclass
class _Builder:
    """Mutable accumulator used while scanning; frozen into a Transcript."""

    preamble: list[Paragraph] = field(default_factory=list)
    turns: list[tuple[str, str, int, list[Paragraph]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: labels recognised only after normalisation: written -> (match, first line, count)
    odd: dict[str, tuple[LabelMatch, int, int]] = field(default_factory=dict)
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

    def start_turn(self, speaker: str, label: str, lineno: int) -> None:
        self.flush()
        self.turns.append((speaker, label, lineno, []))

    def note_spelling(self, match: LabelMatch, lineno: int) -> None:
        if match.how:
            seen = self.odd.get(match.written)
            self.odd[match.written] = (match, seen[1], seen[2] + 1) if seen else (match, lineno, 1)

    def freeze(self) -> Transcript:
        self.flush()
        turns = []
        for speaker, label, lineno, paragraphs in self.turns:
            if not paragraphs:
                self.problems.append(
                    Problem(lineno, "empty-turn", f"the turn of {speaker!r} has no text")
                )
            turns.append(Turn(label, lineno, tuple(paragraphs), speaker=speaker))
        for match, lineno, count in self.odd.values():
            times = "" if count == 1 else f" ({count} times)"
            self.problems.append(Problem(
                lineno, "label-spelling",
                f"label {match.written!r} is read as {match.speaker!r}: {match.how}{times}",
                match.written, level="info",
            ))
        if not turns and not self.preamble:
            self.problems.append(Problem(0, "empty", "the transcript is empty"))
        self.problems.sort(key=lambda p: p.lineno)
        return Transcript(tuple(self.preamble), tuple(turns), tuple(self.problems))


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
        in_question = bool(out.turns) and out.turns[-1][1] == QUESTION_MARKER
        found = context.labels.match_line(line)
        if found is not None:
            match, rest = found
            out.note_spelling(match, lineno)
            out.start_turn(match.speaker, match.written.strip(), lineno)
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
