r"""The ``markdown`` format: transcripts kept as Markdown files.

What writes it: podcasts that publish their transcripts as Markdown
(Changelog's transcripts repository: ``**Name:** text``, ``\[07:18\]``
time marks) and archives of transcripts with YAML front matter (Lenny's
Podcast: a Rev transcript under ``# Title`` and ``## Transcript``).

How it is read (as data: nothing in it runs):

- Front matter (a ``---`` block at the very top) is the file's metadata,
  not text.  Headings before the first turn are the file's own titles,
  not text either (the page has its own); a heading inside the dialogue
  is kept, as a titled aside (below).
- A paragraph (lines up to a blank line) opening with a speaker label is a
  turn: ``**Name:** text`` or ``**Name**: text`` (the bold makes it a label,
  whoever it names: the cast says who it is), Rev's ``Name (01:02:03):``
  with the text on the next lines, or a declared ``Name: text``.  Any other
  paragraph goes on with the turn before it, as a paragraph of its own;
  Rev's ``(00:01:51):`` opens such a paragraph at that time.  Text before
  the first turn is the source's introduction.
- A time mark opening a paragraph (``\[11:37\]``, as Markdown escapes
  ``[11:37]``; or ``[11:37]``) is the paragraph's time, taken off the text.
- A label with only a time and no words, followed by another turn
  (``**Song of Arrakis:** \[07:18\]``, ``**Break**: \[19:20\]``: a clip
  played, a break), is no speaker: it is an aside, an unattributed turn
  showing its title, and the speaker before it goes on after it.
- Markdown's escapes of brackets and other punctuation the transcript
  subset does not read (``\[laughs\]``) are taken off: ``[laughs]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Paragraph, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext
from ._timecode import ASIDE, TIMECODE, seconds
from .rev import HEAD as REV_HEAD
from .rev import MARK as REV_MARK

__all__ = ["detect", "parse"]

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_HEADING_MARK = re.compile(r"#{1,6}[ \t]+")
_BOLD_LABEL = re.compile(
    r"^\*\*(?P<label>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]*:)(?:[ \t]+(?P<text>.*))?$"
)
_MARK = re.compile(rf"^\\?\[(?P<time>{TIMECODE})\\?\][ \t]*")
#: Markdown's escapes of punctuation that the transcript's subset shows as it is
#: (emphasis, code and the backslash itself keep theirs: the subset reads them)
_ESCAPE = re.compile(r"\\([\[\](){}#.!+\->|~:;,?'\"])")
#: how long a front matter block may be, in lines, to be one
_FRONT_MATTER_LINES = 200


def front_matter(lines: Sequence[str]) -> int:
    """How many lines of the top of ``lines`` are front matter (0 for none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, min(len(lines), _FRONT_MATTER_LINES)):
        if _FENCE.match(lines[index]):
            return index + 1
    return 0


def _heading(line: str) -> str | None:
    """The title of a heading line (``## Title ##`` -> ``Title``), or None.

    As ``^#{1,6}[ \t]+(?P<title>.*?)[ \t]*#*[ \t]*$`` reads it, with the
    closing hashes and spacing taken off the end by stripping: the lazy
    title tried them again after each of its characters, quadratic in a
    line of spaces or hashes.
    """
    mark = _HEADING_MARK.match(line)
    if mark is None:
        return None
    return line[mark.end():].rstrip(" \t").rstrip("#").rstrip(" \t")


def _opens_turn(line: str, context: ParseContext) -> bool:
    return bool(_BOLD_LABEL.match(line) or REV_HEAD.match(line)
                or (not REV_MARK.match(line) and context.labels.match_line(line)))


def detect(text: str, context: ParseContext) -> float:
    """Sure when a quarter of the paragraphs open with a bold label, at least
    two of them; or with Rev's headers (or marks) in a file that is Markdown
    (front matter, a heading: without them it is Rev's own export)."""
    lines = text.splitlines()
    skip = front_matter(lines)
    body = [line.strip() for line in lines[skip:]]
    firsts = [line for before, line in zip(["", *body], body, strict=False) if line and not before]
    marked = sum(1 for line in firsts if _BOLD_LABEL.match(line))
    if skip or any(_heading(line) is not None for line in firsts):
        marked += sum(1 for line in firsts if REV_HEAD.match(line) or REV_MARK.match(line))
    if marked >= 2 and marked * 4 >= len(firsts):
        return 0.95
    return 0.2 if skip else min(0.4, 0.1 * marked)


@dataclass
class _Block:
    """A paragraph of the file: its lines and the number of the first."""

    lineno: int
    lines: list[str]


def _blocks(lines: Sequence[str], first_lineno: int) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for lineno, raw in enumerate(lines, start=first_lineno):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        heading = _heading(line) is not None
        if current is None or heading:
            current = _Block(lineno, [])
            blocks.append(current)
        current.lines.append(line)
        if heading:
            current = None  # a heading is a block of its own line
    return blocks


def _text(lines: Sequence[str]) -> str:
    return "\n".join(_ESCAPE.sub(r"\1", line) for line in lines).strip()


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    skip = front_matter(lines)
    blocks = _blocks(lines[skip:], first_lineno + skip)
    cues: list[Cue] = []
    preamble: list[Paragraph] = []
    #: a label with no text in its paragraph: its text is the next paragraph
    pending: Cue | None = None
    for index, block in enumerate(blocks):
        head = block.lines[0]
        heading = _heading(head)
        if heading is not None:
            if cues:  # inside the dialogue: kept, as an aside
                cues.append(Cue(None, None, None, f"**{_text([heading])}**", block.lineno,
                                aside=True))
            continue
        after = blocks[index + 1].lines[0] if index + 1 < len(blocks) else None
        aside = ASIDE.match(head)
        if aside and len(block.lines) == 1 and (after is None or _opens_turn(after, context)):
            cues.append(Cue(seconds(aside["time"]), None, None, f"*{aside['title'].strip()}*",
                            block.lineno, aside=True))
            continue
        label: str | None = None
        rest = block.lines[1:]
        bold, rev, mark = _BOLD_LABEL.match(head), REV_HEAD.match(head), REV_MARK.match(head)
        declared = None if (bold or rev or mark) else context.labels.match_line(head)
        time: float | None = None
        if bold:
            label, first = bold["label"].strip(), bold["text"] or ""
        elif rev or mark:
            found = rev or mark
            assert found is not None
            label = rev["label"].strip() if rev else None
            time, first = seconds(found["time"]), found["text"] or ""
        elif declared is not None:
            label, first = declared[0].written.strip(), declared[1]
        else:
            first = head
        timed = _MARK.match(first)
        if timed:
            first = first[timed.end():]
            time = time if time is not None else seconds(timed["time"])
        text = _text([first, *rest])
        if pending is not None and label is None and time is None:
            cues.append(replace(pending, text=text, lineno=block.lineno))
            pending = None
            continue
        if pending is not None:  # a label with no text at all: a problem of assemble's
            cues.append(pending)
            pending = None
        if label is None and not cues:  # before the first turn: the source's introduction
            preamble.append(Paragraph(block.lineno, tuple(text.split("\n"))))
            continue
        cue = Cue(time, None, label, text, block.lineno, paragraph=True)
        if text:
            cues.append(cue)
        else:
            pending = cue
    if pending is not None:
        cues.append(pending)
    transcript = assemble(cues, context, continue_voice=True)
    problems = tuple(p for p in transcript.problems if not (p.kind == "empty" and preamble))
    return replace(transcript, preamble=tuple(preamble), problems=problems)
