"""A transcript as SubRip: one numbered cue per paragraph, ``Name:`` when the speaker changes (pure).

Podcasting 2.0's rule for SRT: "start a new card when the speaker changes"
and put the speaker's name, then a colon, first; a cue without a name
continues the speaker before it.  The text is plain (emphasis dropped),
wrapped at :data:`.cues.WIDTH`.
"""

from __future__ import annotations

from ..model import Transcript
from ._cues import Run, cues, timestamp, wrap


def write(transcript: Transcript) -> str:
    out: list[str] = []
    speaker = ""
    for number, cue in enumerate(cues(transcript), start=1):
        blocks = list(cue.blocks)
        if cue.speaker and cue.speaker != speaker:
            blocks[0] = (Run(f"{cue.speaker}: "), *blocks[0])
        speaker = cue.speaker
        lines = [" ".join("".join(r.text for r in word) for word in words)
                 for block in blocks for words in wrap(block)]
        out.append(f"{number}\n{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}\n"
                   + "\n".join(lines))
    return "\n\n".join(out) + "\n"
