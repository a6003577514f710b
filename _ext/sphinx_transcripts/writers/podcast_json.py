"""A transcript as Podcasting 2.0 JSON: a segment per paragraph (pure).

``{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime",
"body"}]}``, times in seconds (to the millisecond), the body plain text
(emphasis dropped, a line per paragraph or list item of the text).  A
source that names nobody gives segments without ``speaker``.
"""

from __future__ import annotations

import json

from ..model import Transcript
from ._cues import cues

VERSION = "1.0.0"


def write(transcript: Transcript) -> str:
    segments = []
    for cue in cues(transcript):
        segment: dict[str, object] = {"speaker": cue.speaker} if cue.speaker else {}
        segment.update(startTime=round(cue.start, 3), endTime=round(cue.end, 3), body=cue.plain)
        segments.append(segment)
    return json.dumps({"version": VERSION, "segments": segments}, indent=2, ensure_ascii=False) + "\n"
