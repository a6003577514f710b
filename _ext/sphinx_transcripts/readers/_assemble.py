"""From timed cues to turns: what every timed format shares (pure).

A timed format (WebVTT, SRT, Podcasting 2.0 JSON, timecoded text) reads its
file into :class:`Cue` values, each with its time, its speaker label as the
source writes it, and its text; :func:`assemble` makes turns of them:

- a cue whose speaker is not given (``label=None``) continues the previous
  cue's speaker (the Podcasting 2.0 and Apple convention; the format can
  turn that off, then the cue is unattributed);
- consecutive cues of one speaker are one turn (unless a cue says it
  opens a turn: ``Cue.turn``, see :func:`dashed`);
- a cue that is no speech (``Cue.aside``: a clip played, a break) is an
  unattributed turn of its own, and the speaker before it goes on after it;
- a long turn is split into paragraphs at a sentence end once it passes
  ``context.paragraph_chars`` characters, at a pause longer than
  ``context.paragraph_gap`` seconds, and where the source marks a
  paragraph (``Cue.paragraph``);
- a cue that starts before the previous one ends is crosstalk (two people
  talking over each other, the norm in real conversation), read in the
  order of the starts like any other cue, with no problem;
- times that go backwards (a cue that starts before the previous one
  starts), a cue that ends before it starts and cues with no text are
  problems at their line.  Nothing is dropped: a backwards cue is kept
  where the file has it.

Labels stay as written (``SPEAKER_00``, ``Daniel Reyes (he/him)``); the
cast (:mod:`transcripts.cast`) says who they are.  A source with no speaker
information at all gives turns with the label ``""``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..model import UNATTRIBUTED, Paragraph, Problem, Transcript, Turn
from ._context import ParseContext

_SENTENCE_END = re.compile(r"[.!?…][\"')\]»”’]*$")


@dataclass(frozen=True)
class Cue:
    """One timed piece of a source: its time, speaker, text and line."""

    start: float | None
    end: float | None
    #: the speaker as written; "" for "nobody says", None for "not given here"
    label: str | None
    text: str
    lineno: int
    #: the cue opens a paragraph of its own (the source marks one: an HTML
    #: ``<p>``, a paragraph's time mark), when it continues a turn
    paragraph: bool = False
    #: the cue opens a turn of its own: a change of speaker the source marks
    #: without naming the speaker (a caption's leading ``- ``)
    turn: bool = False
    #: the cue is no speech: a clip or a break the source marks between
    #: turns; a turn of its own, unattributed, after which the speaker goes on
    aside: bool = False
    #: ``(start, word)`` of the words the source times within the cue
    words: tuple[tuple[float, str], ...] = ()


def assemble(
    cues: Iterable[Cue],
    context: ParseContext,
    *,
    continue_voice: bool | None = None,
    found: Iterable[Problem] = (),
) -> Transcript:
    """Turns from cues (see the module's description); the transcript's
    problems are ``found`` (the format's own, from reading the cues) and
    those of the cues, in line order."""
    carry = context.continue_voice if continue_voice is None else continue_voice
    problems: list[Problem] = list(found)
    turns: list[Turn] = []
    label = ""  # the current turn's
    speaking = ""  # who a cue without a label continues: the last one not aside
    lines: list[str] = []  # the paragraph being collected
    linenos: list[int] = []  # the line of each
    timed_words: list[tuple[float, str]] = []  # the paragraph's timed words
    para_start: tuple[int, float | None] = (0, None)
    para_end: float | None = None
    paragraphs: list[Paragraph] = []
    turn_head: tuple[str, int, float | None] | None = None
    chars = 0
    previous: Cue | None = None

    def close_paragraph() -> None:
        nonlocal lines, linenos, chars, timed_words
        if lines:
            paragraphs.append(Paragraph(para_start[0], tuple(lines), para_start[1], para_end,
                                        tuple(linenos), tuple(timed_words)))
        lines, linenos, chars, timed_words = [], [], 0, []

    def close_turn() -> None:
        nonlocal paragraphs
        close_paragraph()
        if turn_head is not None:
            who, lineno, start = turn_head
            end = paragraphs[-1].end if paragraphs else None
            turns.append(Turn(who, lineno, tuple(paragraphs), start=start, end=end))
        paragraphs = []

    for cue in cues:
        text = cue.text.strip()
        if not text:
            problems.append(Problem(cue.lineno, "empty-cue", "this cue has no text"))
            continue
        check_times(cue, previous, problems)
        if cue.aside:
            who = UNATTRIBUTED
        else:
            who = cue.label if cue.label is not None else (speaking if carry else "")
            speaking = who
        gap = (
            cue.start - previous.end
            if previous and cue.start is not None and previous.end is not None else 0.0
        )
        if turn_head is None or who != label or cue.turn or cue.aside or (previous and previous.aside):
            close_turn()
            turn_head = (who, cue.lineno, cue.start)
            label = who
        elif cue.paragraph or gap > context.paragraph_gap or (
            chars >= context.paragraph_chars and _SENTENCE_END.search(lines[-1] if lines else "")
        ):
            close_paragraph()
        first_of_paragraph = not lines
        if first_of_paragraph:
            para_start = (cue.lineno, cue.start)
        for offset, line in enumerate(text.splitlines()):
            if line.strip():
                lines.append(line.strip())
                linenos.append(cue.lineno + offset)
        chars += len(text)
        timed_words.extend(cue.words)
        end = cue.end if cue.end is not None else cue.start
        # crosstalk: a cue may end before the one it talks over does
        if first_of_paragraph or para_end is None or (end is not None and end > para_end):
            para_end = end
        previous = cue
    close_turn()
    if not turns:
        problems.append(Problem(0, "empty", "the transcript is empty"))
    problems.sort(key=lambda p: p.lineno)
    return Transcript((), tuple(turns), tuple(problems))


#: a caption line that opens with a dash: another speaker speaks
_DASH = re.compile(r"^-[ \t]+(?=\S)")


def dashed(cues: Iterable[Cue]) -> list[Cue]:
    """Captions that name nobody mark a change of speaker with a dash
    (``- Hi, Mike.``; YouTube's and many subtitlers' convention): each line
    that opens with one opens a turn of its own, without the dash.  A cue
    with two dashed lines is two cues, both starting when the cue starts
    (the first has no end of its own), as a cue with two voices is."""
    out: list[Cue] = []
    for cue in cues:
        parts: list[tuple[bool, list[str], int]] = []
        for offset, line in enumerate(cue.text.split("\n")):
            dash = _DASH.match(line)
            if dash or not parts:
                parts.append((bool(dash), [line[dash.end():] if dash else line], offset))
            else:
                parts[-1][1].append(line)
        for index, (turn, lines, offset) in enumerate(parts):
            last = index == len(parts) - 1
            out.append(replace(cue, text="\n".join(lines), end=cue.end if last else None,
                               lineno=cue.lineno + offset, turn=turn))
    return out


def check_times(cue: Cue, previous: Cue | None, problems: list[Problem]) -> None:
    """A cue that ends before it starts, or starts before the previous one
    starts; one that starts before the previous one ends is crosstalk, fine."""
    if cue.start is None:
        return
    if cue.end is not None and cue.end < cue.start:
        problems.append(Problem(cue.lineno, "timing",
                                f"this cue ends ({cue.end:.3f} s) before it starts ({cue.start:.3f} s)"))
    if previous is None or previous.start is None:
        return
    if cue.start < previous.start:
        problems.append(Problem(cue.lineno, "timing",
                                f"this cue starts ({cue.start:.3f} s) before the previous one "
                                f"({previous.start:.3f} s); it is kept where the file has it"))
