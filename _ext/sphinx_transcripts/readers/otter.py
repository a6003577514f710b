"""The ``otter`` format: Otter.ai's text export.

Each turn opens with a header line, the speaker, two spaces and the time
(``Maya Okafor  1:02``, no colon; ``1:02:03`` past the hour), then the
turn's text.  Speakers Otter could not name are ``Unknown Speaker`` or
``Speaker 1``: map them with ``:speaker-map:``.  The export ends with
Otter's footer, ``Transcribed by https://otter.ai``: nobody says it, so it
is no turn but the transcript's credit, shown under the dialogue, and noted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..model import Paragraph, Problem, Transcript
from ._context import ParseContext
from ._timecode import TIMECODE, Header, Reading, finish, scan, score

_HEAD = re.compile(rf"^(?P<label>\S(?:.{{0,78}}\S)?)(?:[ \t]{{2,}}|\t)(?P<time>{TIMECODE})$")
FOOTER = re.compile(r"^Transcribed by https?://(?:www\.)?otter\.ai\S*$", re.IGNORECASE)


def detect(text: str, context: ParseContext) -> float:
    """Sure when a quarter of the non-blank lines are ``Name  1:02`` headers;
    Otter's footer makes a single header enough."""
    found = score(text, lambda line: bool(_HEAD.match(line)), 0.25)
    if found < 0.5 and any(FOOTER.match(line.strip()) for line in text.splitlines()[-5:]):
        return 0.9 if found else 0.3
    return found


def read(lines: Sequence[str], first_lineno: int, context: ParseContext) -> tuple[Reading, int | None]:
    """The cues of ``lines``, the introduction, problems; and the footer's index."""
    footer = None
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            if FOOTER.match(lines[index].strip()):
                footer = index
            break
    body = lines[:footer] if footer is not None else lines

    def header(line: str) -> Header | None:
        found = _HEAD.match(line)
        return Header(found["time"], found["label"].strip()) if found else None

    reading = scan(body, first_lineno, context, header)
    if footer is not None:
        reading.problems.append(Problem(
            first_lineno + footer, "footer",
            "Otter's footer is not spoken: it is shown under the dialogue as the transcript's credit",
            level="info",
        ))
    return reading, footer


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    reading, footer = read(lines, first_lineno, context)
    transcript = finish(reading, context, first_lineno, "'Name  1:02' header")
    if footer is None:
        return transcript
    credit = Paragraph(first_lineno + footer, (lines[footer].strip(),))
    return replace(transcript, credits=(credit,))
