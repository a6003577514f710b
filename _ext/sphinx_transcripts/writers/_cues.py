"""What every feed writer shares: a transcript's cues, their times and their text (pure).

A cue is one paragraph of a turn: the paragraph's start, its end (or the
next paragraph's start, or its own start and :data:`TAIL` at the very
end), the turn's registered name (one line, as :func:`..people.labels.normalize`
spaces it: a name is never two lines of a caption), and the paragraph's
words as a reader sees them on the page.  The text is read with the page's own parser
(:mod:`..dialogue.markdown_subset`), so the words are the page's words; its emphasis stays
as styled runs the writers show (WebVTT ``<i>``/``<b>``) or drop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markdown_it.token import Token

from ..dialogue.markdown_subset import MD, markdown_lines, marked
from ..model import UNATTRIBUTED, Paragraph, Transcript
from ..people.labels import normalize

#: Seconds a cue lasts when nothing says when it ends (the last one of an episode).
TAIL = 4.0
_SPACE = re.compile(r"(\s+)")
#: Characters on a caption line: Podcasting 2.0 recommends at most 65.
WIDTH = 65


@dataclass(frozen=True)
class Run:
    """Text in one style: ``italic`` and ``bold`` come from ``*em*`` and ``**strong**``."""

    text: str
    italic: bool = False
    bold: bool = False


#: a block is a paragraph or a list item of the text: its runs in order
Block = tuple[Run, ...]


@dataclass(frozen=True)
class Cue:
    """One paragraph of a turn, timed.  ``speaker`` is "" when the source names nobody."""

    speaker: str
    start: float
    end: float
    blocks: tuple[Block, ...]

    @property
    def plain(self) -> str:
        """The text without styles: a line per block, its words on one line."""
        return "\n".join(" ".join("".join(r.text for r in block).split()) for block in self.blocks)

    def lines(self, indent: int = 0) -> list[str]:
        """The caption's lines without styles, wrapped at :data:`WIDTH`; ``indent``
        characters of the first line are taken (see :func:`wrap`)."""
        return [plain_line(words) for n, block in enumerate(self.blocks)
                for words in wrap(block, indent=0 if n else indent)]


def speaker_name(name: str) -> str:
    """A person's name as every export writes it: one line, single spaces, no
    zero-width character (:func:`..people.labels.normalize`); a name with nothing
    left is the unattributed speaker."""
    return normalize(name) or UNATTRIBUTED


#: a colon a reader may take for the end of a speaker's label (``Docker: …``)
LABEL_COLON = re.compile(r":(?=\s|$)")
#: a line opening with a dash, a change of speaker in captions that name nobody (``- Yes.``)
DASH_LINE = re.compile(r"-[ \t]+\S")


def unnamed_misread(found: list[Cue]) -> bool:
    """Whether these cues, written without names, would be read otherwise than
    written by a reader of captions that name nobody: a first line that reads as
    a speaker's label (``Docker: it runs``), a line that opens with a dash (``- a
    list item``: YouTube's and subtitlers' change of speaker), or a cue that opens
    with the line the one before it ended with (the repeated line of roll-up
    captions, which a reader drops)."""
    last: list[str] = []
    for cue in found:
        lines = cue.lines()
        if lines and (LABEL_COLON.search(lines[0]) or (last and lines[0] == last[-1])
                      or any(DASH_LINE.match(line) for line in lines)):
            return True
        last = lines
    return False


def cues(transcript: Transcript) -> list[Cue]:
    """The cues of a timed transcript, in order, with starts that never go back;
    when no cue is somebody's but the unattributed speaker's, the source names
    nobody: the cues' speaker is "" (no voice, no name)."""
    spans: list[tuple[str, float | None, float | None, Paragraph]] = []
    for turn in transcript.turns:
        last = len(turn.paragraphs) - 1
        for n, para in enumerate(turn.paragraphs):
            start = para.start if para.start is not None else (turn.start if n == 0 else None)
            end = para.end if para.end is not None else (turn.end if n == last else None)
            spans.append((speaker_name(turn.speaker), start, end, para))
    out: list[Cue] = []
    previous = 0.0
    # the first later span that starts after ``begin``: ``begin`` never goes
    # back, so neither does this index, and finding every cue's is one pass
    later = 0
    for n, (speaker, start, end, para) in enumerate(spans):
        blocks = text_blocks(para)
        if not blocks:
            continue
        # a paragraph without a time starts where the one before it ended;
        # a start before the previous one is moved up to it (WebVTT requires
        # starts in order)
        begin = max(previous, start if start is not None else (out[-1].end if out else 0.0))
        later = max(later, n + 1)
        while later < len(spans) and not _after(spans[later][1], begin):
            later += 1
        following = spans[later][1] if later < len(spans) else None
        if end is None or end <= begin:
            end = following if following is not None else begin + TAIL
        out.append(Cue(speaker, begin, end, blocks))
        previous = begin
    if all(cue.speaker == UNATTRIBUTED for cue in out):
        return [replace(cue, speaker="") for cue in out]
    return out


def _after(start: float | None, begin: float) -> bool:
    return start is not None and start > begin


# -- text -----------------------------------------------------------------------


def text_blocks(paragraph: Paragraph) -> tuple[Block, ...]:
    """The paragraph's text as blocks of styled runs, as the page reads it."""
    if not marked(paragraph):
        return (tuple(Run(line) for line in _spaced(paragraph.lines)),) if paragraph.text.strip() else ()
    tokens = MD.parse("\n".join(line for _, line in markdown_lines(paragraph)))
    blocks: list[Block] = []
    # open lists: [marker] of a bullet list, [number, delimiter] of a numbered one
    lists: list[list[str]] = []
    marker = ""
    for token in tokens:
        if token.type == "bullet_list_open":
            lists.append(["-"])
        elif token.type == "ordered_list_open":
            lists.append([str(int(token.attrGet("start") or 1)), token.markup])
        elif token.type in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif token.type == "list_item_open" and lists:
            current = lists[-1]
            marker = f"{current[0]} " if len(current) == 1 else f"{current[0]}{current[1]} "
            if len(current) == 2:
                current[0] = str(int(current[0]) + 1)
        elif token.type == "inline":
            runs = ([Run(marker)] if marker else []) + list(inline_runs(token.children or []))
            marker = ""
            if "".join(r.text for r in runs).strip():
                blocks.append(tuple(runs))
    return tuple(blocks)


def _spaced(lines: tuple[str, ...]) -> Iterator[str]:
    for n, line in enumerate(lines):
        yield (" " if n else "") + line.strip()


def inline_runs(tokens: list[Token]) -> Iterator[Run]:
    """markdown-it inline tokens as runs; a hard line break is a ``"\\n"`` run."""
    italic = bold = 0
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline"):
            yield Run(token.content, italic > 0, bold > 0)
        elif kind == "softbreak":
            yield Run(" ", italic > 0, bold > 0)
        elif kind == "hardbreak":
            yield Run("\n")
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind in ("link_open", "link_close"):
            continue  # a link is its text
        else:
            yield Run(token.content, italic > 0, bold > 0)


Word = tuple[Run, ...]


def words(block: Block) -> Iterator[Word | None]:
    """The block's words, each the runs that make it; ``None`` is a forced line break."""
    current: list[Run] = []
    for run in block:
        if run.text == "\n":
            if current:
                yield tuple(current)
                current = []
            yield None
            continue
        for piece in _SPACE.split(run.text):
            if not piece:
                continue
            if piece.isspace():
                if current:
                    yield tuple(current)
                    current = []
            else:
                current.append(Run(piece, run.italic, run.bold))
    if current:
        yield tuple(current)


def wrap(block: Block, width: int = WIDTH, indent: int = 0) -> list[list[Word]]:
    """The block's words on lines of at most ``width`` characters (a longer
    word has a line of its own); ``indent`` characters of the first line are
    taken already (a speaker's ``Name: ``)."""
    lines: list[list[Word]] = [[]]
    used = indent
    for word in words(block):
        if word is None:
            lines.append([])
            used = 0
            continue
        size = sum(len(r.text) for r in word)
        gap = 1 if lines[-1] else 0
        if used and used + gap + size > width:
            lines.append([])
            used = gap = 0
        used += gap + size
        lines[-1].append(word)
    return [line for line in lines if line]


def plain_line(words: list[Word]) -> str:
    """A wrapped line's words without styles."""
    return " ".join("".join(r.text for r in word) for word in words)


def timestamp(seconds: float, separator: str) -> str:
    """``62.4`` -> ``00:01:02.400`` (``separator`` "."; SRT's is ",")."""
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"
