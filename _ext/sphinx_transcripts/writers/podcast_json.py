"""A transcript as Podcasting 2.0 JSON: a segment per paragraph (pure).

``{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime",
"body"}]}``, times in seconds (to the millisecond), the body plain text
(emphasis dropped, a line per paragraph or list item of the text).  A
source that names nobody gives segments without ``speaker``.

Readers of word-level files join a body of punctuation only (``","``) to
the word before it, without a space; a paragraph that is punctuation only
(``"…"``) is not part of the one before it, so the body before it ends
with a line end (``"Right.\\n"``), as a word-level file ends a line.
"""

from __future__ import annotations

import json
import re

from ..model import Transcript
from ._cues import cues

VERSION = "1.0.0"
#: a body with no word in it: punctuation, symbols
_NO_WORD = re.compile(r"\W+")


def write(transcript: Transcript) -> str:
    segments = []
    found = cues(transcript)
    for n, cue in enumerate(found):
        segment: dict[str, object] = {"speaker": cue.speaker} if cue.speaker else {}
        body = cue.plain
        if n + 1 < len(found) and _NO_WORD.fullmatch(found[n + 1].plain):
            body += "\n"
        segment.update(startTime=round(cue.start, 3), endTime=round(cue.end, 3), body=body)
        segments.append(segment)
    return json.dumps({"version": VERSION, "segments": segments}, indent=2, ensure_ascii=False) + "\n"
