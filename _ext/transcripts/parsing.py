"""Turn raw transcript text into speakers' turns.

This module knows nothing of Sphinx or docutils: it maps strings to small
frozen dataclasses, and everything that looks wrong in the input becomes a
:class:`Problem` carrying the line number it was found on.  The directive
decides how to report problems; the parser never drops text to get rid of one.

Two shapes of transcript are understood:

``labeled``
    ``Name: text`` turns.  A label counts only at the start of a line and only
    for a declared label (a speaker's name or alias).  Hard-wrapped lines stay
    together as one paragraph, a blank line starts a new paragraph of the same
    turn, and an unlabeled paragraph continues the previous speaker's turn.

``qa``
    Interviews printed without labels.  A paragraph that starts with ``Q:`` is
    the interviewer's question; every other paragraph is the guest's answer.

In both shapes the text before the first turn is the transcript's
*preamble* (the source's own introduction): it is kept and shown as prose,
attributed to nobody.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

#: The marker that opens a question in the ``qa`` format.
QUESTION_MARKER = "Q:"

#: Something that looks like a speaker label: one to four capitalised words
#: (initials, hyphens and apostrophes allowed) followed by a colon and text.
#: Used only to warn about labels that are *not* declared.
_LABEL_LIKE = re.compile(
    r"^(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+\S"
)

FORMATS = ("labeled", "qa")

#: A list item typed with a bullet glyph, as text copied from web pages has.
_GLYPH_BULLET = re.compile(r"^\s*[•◦▪‣●]\s+")
#: A list item typed as markup already.
_MARKUP_BULLET = re.compile(r"^\s*[-*+]\s")


class RegionError(ValueError):
    """A ``start-after``/``end-before`` marker was not found."""


@dataclass(frozen=True)
class Paragraph:
    """Consecutive non-blank source lines; ``lineno`` is the first one's (1-based)."""

    lineno: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Turn:
    """What one speaker said before someone else spoke.

    ``speaker`` is the canonical name the label resolved to; ``label`` is the
    label as written in the source (an alias such as "Tom", or ``Q:``).
    """

    speaker: str
    label: str
    lineno: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Problem:
    """Something in the input a publisher should hear about."""

    lineno: int
    kind: str
    message: str
    #: what the problem is about (the label of an ``undeclared-label``), or ""
    subject: str = ""


@dataclass(frozen=True)
class Transcript:
    """The parsed transcript: introduction, turns and what looked wrong."""

    preamble: tuple[Paragraph, ...]
    turns: tuple[Turn, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in order of first appearance."""
        return tuple(dict.fromkeys(t.speaker for t in self.turns))


def markup_lines(paragraph: Paragraph) -> list[tuple[int, str]]:
    """The paragraph's lines as markup, each with its source line number.

    Bullet glyphs ("  • item") become list markers ("- item") that Markdown
    and reStructuredText both read as a list, and a list that follows text
    gets the blank line reStructuredText needs before it.  The source's
    indentation is dropped: in markup it would make a code block (Markdown)
    or a block quote (reStructuredText); an indented line after an item
    continues the item.  Everything else is passed through untouched.
    """
    out: list[tuple[int, str]] = []
    in_item = False
    for lineno, line in enumerate(paragraph.lines, start=paragraph.lineno):
        item = _GLYPH_BULLET.match(line)
        if item:
            if out and not in_item:
                out.append((lineno, ""))
            line = "- " + line[item.end() :]
        elif in_item and line[:1] in (" ", "\t"):
            line = "  " + line.lstrip()  # the item's text, wrapped
        else:
            if in_item:
                out.append((lineno, ""))  # text after a list is a new paragraph
            line = line.lstrip()
        out.append((lineno, line))
        in_item = bool(item or _MARKUP_BULLET.match(line)) or (in_item and line.startswith("  "))
    return out


def select_region(
    text: str, start_after: str | None = None, end_before: str | None = None
) -> tuple[list[str], int]:
    """Cut the lines between two text markers, as literalinclude does.

    The region starts on the line after the first line containing
    ``start_after`` and stops before the first line, after that, containing
    ``end_before``.  Returns the lines and the 1-based number of the first.
    """
    lines = text.splitlines()
    first = 0
    if start_after:
        for index, line in enumerate(lines):
            if start_after in line:
                first = index + 1
                break
        else:
            raise RegionError(f"start-after text {start_after!r} not found")
    last = len(lines)
    if end_before:
        for index in range(first, len(lines)):
            if end_before in lines[index]:
                last = index
                break
        else:
            raise RegionError(f"end-before text {end_before!r} not found")
    return lines[first:last], first + 1


@dataclass
class _Builder:
    """Mutable accumulator used while scanning; frozen into a Transcript."""

    preamble: list[Paragraph] = field(default_factory=list)
    turns: list[tuple[str, str, int, list[Paragraph]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # the paragraph being collected: its first line number and its lines
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

    def freeze(self) -> Transcript:
        self.flush()
        turns = []
        for speaker, label, lineno, paragraphs in self.turns:
            if not paragraphs:
                self.problems.append(
                    Problem(lineno, "empty-turn", f"the turn of {speaker!r} has no text")
                )
            turns.append(Turn(speaker, label, lineno, tuple(paragraphs)))
        if not turns and not self.preamble:
            self.problems.append(Problem(0, "empty", "the transcript is empty"))
        return Transcript(tuple(self.preamble), tuple(turns), tuple(self.problems))


def _match_label(line: str, labels: Sequence[str]) -> tuple[str, str] | None:
    """Return (label, rest of line) if the line opens with a declared label."""
    for label in labels:  # longest first, so "Eli Stevens" beats "Eli"
        if line.startswith(label) and line[len(label) : len(label) + 1] == ":":
            return label, line[len(label) + 1 :].lstrip()
    return None


def _check_label_like(
    out: _Builder,
    lineno: int,
    line: str,
    accepted: Mapping[str, str],
    not_speakers: Collection[str],
) -> None:
    match = _LABEL_LIKE.match(line)
    label = match["label"] if match else ""
    if match and label not in accepted and label not in not_speakers and label != "Q":
        out.problems.append(
            Problem(
                lineno,
                "undeclared-label",
                f"{match['label']!r} looks like a speaker label but is not a declared "
                "speaker; the line is kept as text of the "
                + ("previous turn" if out.turns else "introduction"),
                match["label"],
            )
        )


def parse_labeled(
    lines: Sequence[str],
    first_lineno: int,
    labels: Mapping[str, str],
    not_speakers: Collection[str] = (),
) -> Transcript:
    """Parse ``Name: text`` turns.

    ``labels`` maps every accepted label (names and aliases) to the canonical
    speaker name; ``not_speakers`` are label-like words ("Note") that the
    publisher says are text, so they raise no problem.
    """
    return _parse(lines, first_lineno, labels, not_speakers)


def parse_qa(
    lines: Sequence[str],
    first_lineno: int,
    interviewer: str,
    guest: str,
    labels: Mapping[str, str] | None = None,
    not_speakers: Collection[str] = (),
) -> Transcript:
    """Parse an unlabeled interview whose questions are marked ``Q:``.

    Consecutive question paragraphs form one turn; the paragraphs after a
    question, up to the next one, are the guest's answer.  Declared ``Name:``
    labels are honoured too, so a transcript may mix both conventions.
    """
    return _parse(lines, first_lineno, labels or {}, not_speakers, qa=(interviewer, guest))


def _parse(
    lines: Sequence[str],
    first_lineno: int,
    labels: Mapping[str, str],
    not_speakers: Collection[str] = (),
    qa: tuple[str, str] | None = None,
) -> Transcript:
    """The one scanner behind both formats; ``qa`` is (interviewer, guest)."""
    ordered = sorted(labels, key=len, reverse=True)
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
        found = _match_label(line, ordered)
        if found is None and qa and starts and line.startswith(QUESTION_MARKER):
            found = QUESTION_MARKER, line[len(QUESTION_MARKER) :].lstrip()
        if found:
            label, rest = found
            if label != QUESTION_MARKER:
                out.start_turn(labels[label], label, lineno)
            elif qa and not in_question:  # a question continues over paragraphs
                out.start_turn(qa[0], label, lineno)
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
        _check_label_like(out, lineno, line, labels, not_speakers)
        out.add_line(lineno, line)
    return out.freeze()
