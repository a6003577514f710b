"""A transcript as SubRip: one numbered cue per paragraph, ``Name:`` when the speaker changes (pure).

Podcasting 2.0's rule for SRT: "start a new card when the speaker changes"
and put the speaker's name, then a colon, first; a cue without a name
continues the speaker before it.  The text is plain (emphasis dropped),
wrapped at :data:`.cues.WIDTH`.

SubRip has no escapes, and its readers take a cue's first words for a
speaker when they end with a colon, a line with a timing for a new cue, and
``<i>`` or ``{\\an8}`` for styles.  So that every export reads back with the
same speakers, times and words (:mod:`..readers.srt` is one such reader):

- the speaker is named on every cue whose first line has a colon a reader
  could take for a label's (``Docker: it runs``), not only when the speaker
  changes; a transcript that names nobody is written without names unless
  a cue would then be misread (:func:`._cues.unnamed_misread`: a label-like
  first line, or a line opening with a dash, which such captions read as a
  change of speaker): then its cues are :data:`~..model.UNATTRIBUTED`'s;
- a WORD JOINER (U+2060, invisible, no space) is put where text would read
  as SubRip's syntax: after the ``<`` of a tag (``<⁠i>``), between ``{`` and
  ``\\`` (``{⁠\\an8}``), in an arrow (``--⁠>``), before a line that opens
  with a time (``⁠00:01:02,000 …``), after a colon followed by a space
  inside a name (``Dr:⁠ Who:``), so a reader sees the text as written;
- the text has no blank line (a paragraph's blocks are its lines), so no
  number and timing written by the text can start a cue of their own.

A name that is a bracketed label (``[SPEAKER_00]``) is bracketed once more,
as WhisperX's labels are read without their brackets.
"""

from __future__ import annotations

import re

from ..model import UNATTRIBUTED, Transcript
from ._cues import LABEL_COLON, Cue, cues, timestamp, unnamed_misread

#: U+2060 WORD JOINER: invisible, and no space between the characters it stands between
JOINER = "\u2060"
#: syntax a SubRip reader sees in text: a tag, a style code, an arrow
_SYNTAX = re.compile(r"<(?=[/A-Za-z0-9])|\{(?=\\)|--(?=>)")
#: a line opening with a time, as a timing line does (``1:02:03``, ``00:01:02,000``)
_TIME_FIRST = re.compile(r"\s*\d+[,.:，．。：]\d+[,.:，．。：]\d+")


def escape(text: str) -> str:
    """A line of text as a SubRip reader reads it back as written."""
    text = _SYNTAX.sub(lambda m: m.group() + JOINER, text)
    return JOINER + text if _TIME_FIRST.match(text) else text


def label(name: str) -> str:
    """The speaker's name before the colon of ``Name: text``."""
    name = escape(name.replace(": ", f":{JOINER} "))
    return f"[{name}]" if len(name) > 2 and name[0] == "[" and name[-1] == "]" else name


def misread(cue: Cue) -> bool:
    """Whether the cue's first line could be read as naming a speaker."""
    lines = cue.lines()
    return bool(lines) and LABEL_COLON.search(lines[0]) is not None


def write(transcript: Transcript) -> str:
    out: list[str] = []
    speaker = ""
    found = cues(transcript)
    nobody = UNATTRIBUTED if not any(cue.speaker for cue in found) and unnamed_misread(found) else ""
    for number, cue in enumerate(found, start=1):
        who = cue.speaker or nobody
        name = who if who and (who != speaker or misread(cue)) else ""
        prefix = f"{label(name)}: " if name else ""
        lines = [escape(line) for line in cue.lines(indent=len(prefix))]
        lines[0] = prefix + lines[0]
        speaker = who
        out.append(f"{number}\n{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}\n"
                   + "\n".join(lines))
    return "\n\n".join(out) + "\n"
