"""Long typed paragraphs cut at sentence ends, as timed ones are (pure).

A timed source's turn gets a new paragraph at a sentence end once it passes
``paragraph_chars`` characters (:mod:`._assemble`), between cues.  Typed
text (a machine transcription's export, an interview typed out) has no
cues: a turn may be one paragraph of 3,000 characters.  :func:`split_long`
cuts such a paragraph the same way, inside its lines: at the first
sentence end past ``paragraph_chars`` characters, then again from there.

A cut never moves a word to another turn (it is inside one paragraph) and
never changes a word; it is only made where it cannot break the
transcript's markup (:mod:`..dialogue.markup`): not in a paragraph that
holds a list, not inside emphasis, code or a link.  A sentence end is
``.``, ``!``, ``?`` or ``…`` (and closing quotes or brackets) before a space
and a word that does not start in lower case, after a word that is no
abbreviation ("Dr.", "e.g.") or initial ("J.").  Paragraphs with a time of
their own are the timed readers' and are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Paragraph, Transcript, Turn

#: a sentence's end: its mark, closing quotes or brackets, then space and no lower-case word
_END = re.compile(r"[.!?…][\"')\]»”’]*(?=[ \t]+[^\s\-a-z])")
#: the word before a full stop that does not end a sentence
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\"'“‘])(?:[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|vs|etc|e\.g|i\.e|cf|approx|No|Vol|pp)\.$")
#: a list item's line: a paragraph with one is left whole
_BULLET = re.compile(r"^\s*(?:[-*+]|[•◦▪‣●])\s")
#: emphasis marks at a word's edge (a snake_case word's "_" is no mark)
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def _open_markup(text: str) -> bool:
    """Whether ``text`` (a paragraph's start) leaves emphasis, code or a link open."""
    if text.count("`") % 2 or text.count("[") != text.count("]") or text.count("(") < text.count("]("):
        return True
    if text.count("](") and text.rfind("](") > text.rfind(")"):
        return True
    return sum(len(m.group()) for m in _EMPHASIS.finditer(text)) % 2 == 1


def _cuts(text: str, chars: int) -> list[int]:
    """Where ``text`` is cut: after each first sentence end past ``chars`` characters."""
    cuts: list[int] = []
    last = 0
    for match in _END.finditer(text):
        end = match.end()
        if end - last < chars:
            continue
        before = text[max(0, match.start() - 12):match.start() + 1]
        if match.group()[0] == "." and _ABBREVIATION.search(before):
            continue
        if _open_markup(text[last:end]):
            continue
        cuts.append(end)
        last = end
    # nothing worth a paragraph of its own after the last cut: no cut there
    if cuts and len(text) - cuts[-1] < min(chars // 2, 80):
        cuts.pop()
    return cuts


def split_paragraph(paragraph: Paragraph, chars: int) -> list[Paragraph]:
    """``paragraph`` cut at sentence ends past ``chars`` characters (itself when not)."""
    if paragraph.start is not None or sum(map(len, paragraph.lines)) < chars:
        return [paragraph]
    numbered = paragraph.numbered()
    if any(_BULLET.match(line) for _, line in numbered):
        return [paragraph]
    # the lines joined by one "\n" each, as the paragraph's text; a cut falls inside a line
    text = "\n".join(line for _, line in numbered)
    cuts = _cuts(text, chars)
    if not cuts:
        return [paragraph]
    # each line's place in the text; each piece between cuts takes the parts of
    # its lines (one pass over both: the text may be long)
    spans: list[tuple[int, int, int]] = []
    position = 0
    for lineno, line in numbered:
        spans.append((lineno, position, position + len(line)))
        position += len(line) + 1
    bounds = [0, *cuts, len(text)]
    out: list[Paragraph] = []
    first = 0  # the first line the current piece may take
    for begin, end in zip(bounds, bounds[1:], strict=False):
        lines: list[str] = []
        linenos: list[int] = []
        index = first
        while index < len(spans) and spans[index][1] < end:
            lineno, start, stop = spans[index]
            piece = text[max(start, begin):min(stop, end)]
            if start < begin:
                piece = piece.lstrip()
            if stop > end:
                piece = piece.rstrip()
            if piece.strip():
                lines.append(piece)
                linenos.append(lineno)
            if stop > end:
                break  # this line goes on in the next piece
            index += 1
        first = index
        if lines:
            out.append(Paragraph(linenos[0], tuple(lines), linenos=tuple(linenos)))
    return out


def split_long(transcript: Transcript, chars: int) -> Transcript:
    """``transcript`` with every long untimed paragraph of its turns cut (:func:`split_paragraph`)."""
    def turn(original: Turn) -> Turn:
        paragraphs = tuple(p for para in original.paragraphs for p in split_paragraph(para, chars))
        return original if len(paragraphs) == len(original.paragraphs) else replace(
            original, paragraphs=paragraphs)

    turns = tuple(map(turn, transcript.turns))
    return replace(transcript, turns=turns)
