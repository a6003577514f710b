"""What a format parser is told besides the text (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..people.labels import LabelTable


@dataclass(frozen=True)
class ParseContext:
    """The directive's options, as the parsers need them.

    ``labels`` are the declared speakers' labels (names and aliases, and the
    source labels of ``:speaker-map:``); ``hosts`` and ``guests`` are the
    canonical names of ``:host:`` and ``:guests:``, in order.
    """

    labels: LabelTable = field(default_factory=lambda: LabelTable({}))
    not_speakers: frozenset[str] = frozenset()
    hosts: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    #: a cue with no speaker continues the previous cue's speaker
    continue_voice: bool = True
    #: a turn of a timed source gets a new paragraph at a sentence end past this length
    paragraph_chars: int = 600
    #: ... and at a pause longer than this, in seconds
    paragraph_gap: float = 4.0
    #: the lines are a whole file (not a region of one, nor a page's content):
    #: a format whose files open with a signature (WebVTT) checks it
    whole_file: bool = False
