"""The transcript's markup subset as Markdown: the parser and the lines it reads (pure).

:mod:`.markup` turns the parsed tokens into docutils nodes for the page;
the feed writers (:mod:`.writers`) turn the same tokens into caption text,
so a page and its exports read one text the same way.  No docutils here.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ..model import Paragraph
from ..urls import safe_url


def parser() -> MarkdownIt:
    """markdown-it with only the subset's rules: emphasis, code, links, lists, breaks."""
    md = MarkdownIt("zero", {"linkify": True})
    md.enable(["emphasis", "backticks", "link", "autolink", "linkify", "list", "newline"])
    if md.linkify is not None:
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    md.validateLink = safe_url  # type: ignore[method-assign]
    return md


MD = parser()

#: A list item typed with a bullet glyph, as text copied from web pages has.
GLYPH_BULLET = re.compile(r"^\s*[•◦▪‣●]\s+")
#: A list item typed as markup already.
MARKUP_BULLET = re.compile(r"^\s*[-*+]\s")
#: Characters without which a paragraph is plain text (the fast path).  A
#: line's indentation is spacing up to its own end (``[^\S\n]``): ``\s*`` ran
#: on over every following line end, from each of them, on a run of empty lines.
SPECIAL = re.compile(r"[*_`\[\]<>\\@]|https?:|www\.|^[^\S\n]*(?:[-+•◦▪‣●]|\d{1,9}[.)])(?:\s|$)", re.M)


def markdown_lines(paragraph: Paragraph) -> list[tuple[int, str]]:
    """The paragraph's lines as the subset's Markdown, each with its source line.

    Bullet glyphs ("  • item") become list markers ("- item"), and a list
    that follows text is set apart from it.  The source's indentation is
    dropped: it is how the text was laid out, not markup; an indented line
    after an item continues the item.  A trailing backslash, the line break,
    becomes the two spaces markdown-it reads as one (not on a paragraph's last
    line, nor alone on a line: there it breaks nothing and is kept as text).
    """
    out: list[tuple[int, str]] = []
    in_item = False
    numbered = paragraph.numbered()
    for index, (lineno, line) in enumerate(numbered):
        item = GLYPH_BULLET.match(line)
        if item:
            if out and not in_item:
                out.append((lineno, ""))
            line = "- " + line[item.end():]
        elif in_item and line[:1] in (" ", "\t"):
            line = "  " + line.lstrip()  # the item's text, wrapped
        else:
            if in_item:
                out.append((lineno, ""))  # text after a list is a new paragraph
            line = line.lstrip()
        # a break needs text before it and a line after it: else the backslash is text
        if (line.endswith("\\") and not line.endswith("\\\\") and line[:-1].strip()
                and index < len(numbered) - 1):
            line = line[:-1] + "  "
        out.append((lineno, line))
        in_item = bool(item or MARKUP_BULLET.match(line)) or (in_item and line.startswith("  "))
    return out


def marked(paragraph: Paragraph) -> bool:
    """Whether the paragraph's text is read as the subset's Markdown: it holds
    something that may be markup, and is not past the markup a transcript may
    have (:attr:`..model.Paragraph.plain`: then it is shown as written)."""
    return not paragraph.plain and SPECIAL.search(paragraph.text) is not None
