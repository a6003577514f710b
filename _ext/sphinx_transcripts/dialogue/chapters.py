"""Where an episode's chapters are shown among the turns (pure).

:func:`place` says before which turn each chapter goes: the first turn that
starts at or after the chapter's start (untimed transcripts: where the
marker stands).  A chapter out of order, or past the end of the episode, is
a problem at its line; a ``toc: false`` chapter is kept for the feed but not
shown.  The chapters themselves are read by :mod:`..readers.chapters`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Chapter, Problem, Transcript
from ..readers.chapters import named


@dataclass(frozen=True)
class Placed:
    """A chapter shown before the turn at index ``turn`` (``len(turns)``: after all)."""

    chapter: Chapter
    turn: int


def place(transcript: Transcript) -> tuple[list[Placed], list[Problem]]:
    """Where each shown chapter goes among the turns, and what is wrong."""
    problems: list[Problem] = []
    placed: list[Placed] = []
    turns = transcript.turns
    starts = [t.start for t in turns]
    timed = transcript.timed
    last_end = max((t.end or t.start or 0.0 for t in turns), default=0.0)
    previous: Chapter | None = None
    number = {id(chapter): index for index, chapter in enumerate(transcript.chapters, 1)}
    for chapter in transcript.chapters:
        if previous is not None and chapter.turn is None and chapter.start < previous.start:
            problems.append(Problem(chapter.lineno, "chapter",
                                    f"{named(number[id(chapter)], chapter.title)} starts "
                                    f"({chapter.start:g} s) before the chapter above it "
                                    f"({previous.start:g} s); it is shown in time order"))
        previous = chapter
    # the chapters placed by time come in time order, so the first turn at or
    # after each one's start never moves back: one pass over the turns for all
    first = 0
    for chapter in sorted(transcript.chapters, key=_order):
        where = named(number[id(chapter)], chapter.title)
        if not chapter.toc:
            continue
        if chapter.turn is not None:
            placed.append(Placed(chapter, chapter.turn))
            continue
        if not timed:
            problems.append(Problem(chapter.lineno, "chapter",
                                    f"{where} has a time, but the transcript has "
                                    "none to place it by; it is shown before the first turn"))
            placed.append(Placed(chapter, 0))
            continue
        if chapter.start > last_end:
            problems.append(Problem(chapter.lineno, "chapter",
                                    f"{where} starts ({chapter.start:g} s) after the "
                                    f"transcript ends ({last_end:g} s); it is not shown"))
            continue
        while first < len(starts) and not _at_or_after(starts[first], chapter.start - 0.5):
            first += 1
        placed.append(Placed(chapter, first))
    return placed, problems


def _at_or_after(start: float | None, time: float) -> bool:
    return start is not None and start >= time


def _order(chapter: Chapter) -> tuple[float, float]:
    return (chapter.turn if chapter.turn is not None else -1, chapter.start)
