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
from .markdown_subset import MARKUP_BULLET, MD, markdown_lines, marked
from .markup import suspicious

#: A list marker with nothing after it on its line (an item's first words included).
_BARE = re.compile(r"^(?:[-*+•◦▪‣●]\s+)?(?:[-*+•◦▪‣●]|\d{1,9}[.)])$")
#: Where one paragraph of a translation ends and another starts.
_BLANK = re.compile(r"\n[ \t]*\n")

Lookup = Callable[[str], str | None]


def message(paragraph: Paragraph) -> str:
    """The paragraph as one catalogue message (see the module's docstring).

    Where a line break means something is where the subset sees it: a line
    that opens a block (a list item, text after a list) starts a line of the
    message, and a forced break is written as the subset's ``\\`` at the end
    of a line; every other line continues the one before, after a space.  Read
    back by the subset, the message is the paragraph.
    """
    texts = [line.strip() for line in paragraph.lines if line.strip()]
    if not marked(paragraph):  # plain text: no block, no break
        return " ".join(texts)
    lines = [line for _, line in markdown_lines(paragraph)]
    starts = {token.map[0] for token in MD.parse("\n".join(lines))
              if token.map and token.type in ("paragraph_open", "list_item_open")}
    # the subset's lines that hold text are the paragraph's, in order
    filled = [index for index, line in enumerate(lines) if line.strip()]
    # the subset breaks the line after entry n (a "\\" it turned into two
    # spaces, or two spaces as written) ...
    breaks = [lines[index].endswith("  ") and n + 1 < len(filled) and filled[n + 1] not in starts
              for n, index in enumerate(filled)]
    # ... entry n opens a block, is an item as the subset's lines see one (it
    # decides where a list ends, even where markdown reads it as text), or
    # follows a bare marker ("•" alone: words after it would make it an item)
    own_line = [n > 0 and (breaks[n - 1] or index in starts or bool(MARKUP_BULLET.match(lines[index]))
                           or bool(_BARE.match(texts[n - 1])))
                for n, index in enumerate(filled)]
    parts: list[str] = []
    for n, (index, text) in enumerate(zip(filled, texts, strict=True)):
        single = text.endswith("\\") and not text.endswith("\\\\")
        if breaks[n] and not single:  # the break, in the subset's own way to write it
            text += " \\" if text.endswith("\\") else "\\"
        elif (single and not lines[index].endswith("  ") and n + 1 < len(texts) and own_line[n + 1]):
            text += " "  # a backslash the subset kept as text, kept from ending its line
        if n and own_line[n] and lines[index].startswith(" "):
            text = "  " + text  # still the list item's text, after a break: indented, as the subset reads it
        if n:
            parts.append("\n" if own_line[n] else " ")
        parts.append(text)
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
        return replace(original, title=flat, original=original.title) if flat else original

    result = replace(
        transcript,
        preamble=tuple(paragraph(p) for p in transcript.preamble),
        turns=tuple(replace(turn, paragraphs=tuple(paragraph(p) for p in turn.paragraphs))
                    for turn in transcript.turns),
        chapters=tuple(chapter(c) for c in transcript.chapters),
    )
    return Translated(result, tuple(found), counts[0], counts[1])
