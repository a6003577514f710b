"""A transcript's catalogue messages, and the transcript in a catalogue's language (pure).

A message is one paragraph of a turn (or of the source's own introduction)
as a translator reads it: its lines joined by spaces, a line break kept only
where it means something to the subset (before a list item, after a forced
break ``\\``, where a list ends).  So a WebVTT paragraph of twelve caption
lines is one message, not twelve, and a long turn is as many messages as it
has paragraphs.  A chapter's title is a message too.  Speaker names, roles
and times never are.

:func:`translate` takes the resolved transcript and a lookup (the page's
catalogue) and returns the transcript whose paragraphs are the translations,
which the page then reads with the same inert subset as the original
(:mod:`.markup`), and the problems of each translation: what looks like
markup, control characters, and a translation whose number of paragraphs
is not the original's (one).  A message the catalogue does not have, or
left empty, keeps the original text; so does every time and speaker, and
the feed files (:mod:`..writers`) of a translated transcript are translated
with it, cue for cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ..model import Chapter, Paragraph, Problem, Transcript
from ..source import clean
from .markup import suspicious

#: A line that opens a list item, as :mod:`.markdown_subset` reads it (bullets, glyphs, "1." numbers).
_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣●]|\d{1,9}[.)])(?:\s|$)")
#: Where one paragraph of a translation ends and another starts.
_BLANK = re.compile(r"\n[ \t]*\n")

Lookup = Callable[[str], str | None]


def message(paragraph: Paragraph) -> str:
    """The paragraph as one catalogue message (see the module's docstring)."""
    parts: list[str] = []
    in_item = broke = False
    for line in paragraph.lines:
        text = line.strip()
        if not text:
            continue
        item = bool(_ITEM.match(line))
        indented = line[:1] in (" ", "\t")
        if parts:
            parts.append("\n" if item or broke or (in_item and not indented) else " ")
        parts.append(text)
        in_item = item or (in_item and indented)
        broke = text.endswith("\\") and not text.endswith("\\\\")
    return "".join(parts)


def messages(transcript: Transcript) -> Iterator[str]:
    """Every message of the transcript, in reading order (chapter titles apart)."""
    for paragraph in (*transcript.preamble, *(p for t in transcript.turns for p in t.paragraphs)):
        text = message(paragraph)
        if text:
            yield text


@dataclass(frozen=True)
class Translated:
    """A transcript in the catalogue's language, and what was wrong with its translations.

    ``problems`` pairs each problem with the message whose translation has
    it: the caller locates it at that message's line in the catalogue.
    ``total`` and ``done`` count the transcript's messages and those the
    catalogue translated.
    """

    transcript: Transcript
    problems: tuple[tuple[str, Problem], ...] = ()
    total: int = 0
    done: int = 0


def _usable(msgid: str, msgstr: str | None) -> str | None:
    """The translation to show, or None to keep the original."""
    if msgstr is None or not msgstr.strip() or msgstr == msgid:
        return None
    return msgstr


def translated_paragraph(msgid: str, msgstr: str, original: Paragraph) -> tuple[Paragraph, list[Problem]]:
    """The translation as the original paragraph's text, and its problems.

    Times and the place in the transcript stay the original's (the nodes of
    the translation are located at the original's line); the problems are
    numbered from the translation's first line.
    """
    text, problems = clean(msgstr.replace("\r\n", "\n").replace("\r", "\n"))
    count = sum(1 for block in _BLANK.split(text) if block.strip())
    if count > 1:
        problems.append(Problem(1, "translation", (
            f"the translation of '{_excerpt(msgid)}' has {count} paragraphs where the original "
            "has one: they are shown as one paragraph (a message is one paragraph of a turn)")))
    lines = tuple(line for line in text.split("\n") if line.strip())
    problems.extend(suspicious(Paragraph(1, lines), "a translation"))
    return replace(original, lines=lines, linenos=(original.lineno,) * len(lines)), problems


def _excerpt(text: str, size: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def translate(transcript: Transcript, lookup: Lookup) -> Translated:
    """``transcript`` with every message ``lookup`` translates replaced by its translation."""
    found: list[tuple[str, Problem]] = []
    counts = [0, 0]

    def paragraph(original: Paragraph) -> Paragraph:
        msgid = message(original)
        if not msgid:
            return original
        counts[0] += 1
        msgstr = _usable(msgid, lookup(msgid))
        if msgstr is None:
            return original
        result, problems = translated_paragraph(msgid, msgstr, original)
        found.extend((msgid, problem) for problem in problems)
        if not result.lines:  # nothing left once cleaned: the original, never an empty turn
            return original
        counts[1] += 1
        return result

    def chapter(original: Chapter) -> Chapter:
        title = _usable(original.title, lookup(original.title)) if original.title else None
        if title is None:
            return original
        text, problems = clean(title)
        flat = " ".join(text.split())
        # shown as plain text, and warned about like the original title
        problems.extend(suspicious(Paragraph(1, (flat,)), "a chapter title's translation"))
        found.extend((original.title, problem) for problem in problems)
        return replace(original, title=flat) if flat else original

    result = replace(
        transcript,
        preamble=tuple(paragraph(p) for p in transcript.preamble),
        turns=tuple(replace(turn, paragraphs=tuple(paragraph(p) for p in turn.paragraphs))
                    for turn in transcript.turns),
        chapters=tuple(chapter(c) for c in transcript.chapters),
    )
    return Translated(result, tuple(found), counts[0], counts[1])
