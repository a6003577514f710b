"""The markup a transcript may use, and nothing more: its text as inert nodes.

A transcript comes from outside (a transcription service, a guest, a
scraped page), so its text is read with a closed subset of Markdown, the
same whatever the page's own markup:

- ``*emphasis*`` and ``_emphasis_``, ``**strong**``, ```inline code```;
- links ``[text](url)``, ``<url>`` and bare ``https://…`` addresses, whose
  scheme is http, https or mailto (any other link is shown as written);
- bullet lists (``-``, ``*``, ``+``, or the glyphs ``•◦▪‣●`` of copied text);
- a line break, where a line ends with a backslash.

Nothing else is live: no directive, role, substitution, include, raw HTML or
LaTeX, math, footnote, target, comment, heading, quote, table or numbered
list.  It is all shown exactly as written; :func:`suspicious` names what
looks like an attempt at markup, so the directive can warn at its line.

Parsing is markdown-it-py (MyST's own parser) with only those rules
enabled (:mod:`.markdown_subset`, shared with the feed writers); its tokens become
docutils nodes here.  Only docutils is used.

The paragraphs are ``translatable=False``: Sphinx would parse a catalogue's
translation of them with the page's own parser.  A translation is read by
this subset too, like the original (:mod:`.messages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from ..model import Paragraph, Problem
from ..urls import safe_url
from . import elements as tn
from .markdown_subset import MD as _MD
from .markdown_subset import SPECIAL as _SPECIAL
from .markdown_subset import markdown_lines


def to_nodes(paragraph: Paragraph, source: str) -> list[nodes.Element]:
    """The paragraph's text as docutils nodes: paragraphs and bullet lists."""
    if not _SPECIAL.search(paragraph.text):
        para = nodes.paragraph(paragraph.text, paragraph.text, translatable=False)
        para.source, para.line = source, paragraph.lineno
        return [para]
    lines = markdown_lines(paragraph)
    tokens = _MD.parse("\n".join(line for _, line in lines))
    return _Builder(tokens, source, [lineno for lineno, _ in lines]).blocks()


class _Builder:
    """markdown-it block tokens to docutils nodes."""

    def __init__(self, tokens: list[Token], source: str, linenos: list[int]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.source = source
        self.linenos = linenos

    def located(self, node: nodes.Element, token: Token) -> nodes.Element:
        node.source = self.source
        node.line = self.linenos[min(token.map[0] if token.map else 0, len(self.linenos) - 1)]
        return node

    def blocks(self, until: str = "") -> list[nodes.Element]:
        out: list[nodes.Element] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == until:
                break
            if token.type == "inline":
                para = self.located(nodes.paragraph(token.content, translatable=False), token)
                para += inline(token.children or [])
                out.append(para)
            elif token.type == "bullet_list_open":
                listing = self.located(nodes.bullet_list(bullet=token.markup), token)
                for item in self.blocks("bullet_list_close"):
                    listing += item
                out.append(listing)
            elif token.type == "ordered_list_open":
                # not part of the subset: each item as written, "1. text"
                out.extend(self.numbered(token))
            elif token.type == "list_item_open":
                item = self.located(nodes.list_item(), token)
                if token.info:  # a numbered item's number, as written ("007")
                    item["number"] = token.info
                item += self.blocks("list_item_close")
                out.append(item)
        return out

    def numbered(self, opening: Token) -> list[nodes.Element]:
        """Each item as written: its number, exactly, then its text, if any
        ("2020." alone is a year, not an empty item to drop)."""
        out: list[nodes.Element] = []
        for item in self.blocks("ordered_list_close"):
            marker = nodes.Text(f"{item.attributes.pop('number', '')}{opening.markup} ")
            first = item.children[0] if item.children else None
            if not isinstance(first, nodes.paragraph):
                first = nodes.paragraph(translatable=False)
                first.source, first.line = item.source, item.line
                item.insert(0, first)
            first.insert(0, marker)
            out.extend(child for child in item.children if isinstance(child, nodes.Element))
        return out


def inline(tokens: list[Token]) -> list[nodes.Node]:
    """markdown-it inline tokens to docutils inline nodes."""
    root: nodes.Element = nodes.inline()
    stack = [root]
    # a link with no address (``[words]()``, which CommonMark makes a link to
    # nowhere) is shown as written: its level of the stack is its parent's
    nowhere: list[bool] = [False]
    for token in tokens:
        kind = token.type
        if kind == "text":
            stack[-1] += nodes.Text(token.content)
        elif kind == "softbreak":
            stack[-1] += nodes.Text("\n")
        elif kind == "hardbreak":
            stack[-1] += tn.line_break()
        elif kind == "code_inline":
            stack[-1] += nodes.literal(token.content, token.content)
        elif kind == "link_open" and not token.attrGet("href"):
            stack[-1] += nodes.Text("[")
            stack.append(stack[-1])
            nowhere.append(True)
        elif kind in ("em_open", "strong_open", "link_open"):
            if kind == "link_open":
                url = str(token.attrGet("href") or "")
                child: nodes.Element = nodes.reference("", "", refuri=url)
            else:
                child = nodes.emphasis() if kind == "em_open" else nodes.strong()
            stack[-1] += child
            stack.append(child)
            nowhere.append(False)
        elif kind in ("em_close", "strong_close", "link_close") and len(stack) > 1:
            stack.pop()
            if nowhere.pop():
                stack[-1] += nodes.Text("]()")
        else:  # nothing else is enabled; whatever it is, its text stays
            stack[-1] += nodes.Text(token.content)
    return list(root.children)


# -- what looks like markup -------------------------------------------------------

_ATTEMPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a directive or code fence", re.compile(r"^\s*(?:```|~~~|:::)")),
    ("a reStructuredText directive, target or comment", re.compile(r"^\s*\.\.\s+(?:[\w:-]+::|_|\|)")),
    ("a role", re.compile(r"\{[A-Za-z][\w:+.-]*\}`|(?<![\w`]):[A-Za-z][\w:+.-]*:`")),
    ("a substitution", re.compile(r"\{\{.*?\}\}|(?<![\w|])\|[A-Za-z][\w -]*\|(?![\w|])")),
    ("raw HTML", re.compile(
        r"</?(?:a|abbr|audio|b|base|body|br|button|canvas|code|details|dialog|div|em|embed|"
        r"font|form|frame|frameset|h[1-6]|head|html|i|iframe|img|input|link|marquee|math|meta|"
        r"object|p|picture|pre|script|select|source|span|strong|style|sub|sup|svg|table|td|"
        r"template|textarea|th|tr|u|video)(?=[\s/>])[^>]*>", re.I)),
    # \write18 is a name and a number: the shell escape
    ("a LaTeX command", re.compile(r"\\[A-Za-z@]{2,}\d*(?=[\s{\[\\]|$)")),
    ("math", re.compile(r"\$\$|\\\(|\\\[")),
    ("a footnote", re.compile(r"\[\^[^\]]+\]")),
    ("a target", re.compile(r"^\s*\([\w-]+\)=\s*$")),
    ("an image", re.compile(r"!\[[^\]]*\]\(")),
)
_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]*)|<([A-Za-z][\w+.-]{1,31}:[^>\s]*)>")


#: A character or line start without which no line of a paragraph looks like markup.
_TRIGGER = re.compile(r"[{}<>\\$|\[:]|^\s*(?:```|~~~|\.\.|\()", re.M)


def suspicious(paragraph: Paragraph, where: str = "a transcript") -> Iterator[Problem]:
    """Problems for what, in the paragraph, looks like markup the subset does not run.

    ``where`` names the text in the message: "a transcript", "a chapter
    title", "a bio" (titles and bios are shown as plain text, not even the
    subset, but the same attempts are worth a warning there).
    """
    if not _TRIGGER.search(paragraph.text):
        return
    for lineno, line in paragraph.numbered():
        for what, pattern in _ATTEMPTS:
            found = pattern.search(line)
            if found:
                yield Problem(lineno, "markup",
                              f"{what} ('{found.group(0).strip()[:40]}') in {where} is "
                              "shown as written, not run")
        for link in _LINK.finditer(line):
            url = link.group(1) if link.group(1) is not None else link.group(2)
            if url and not safe_url(_decoded(url)):
                yield Problem(lineno, "link",
                              f"link to '{url[:60]}' is shown as written: links in {where} "
                              "must be http, https or mailto URLs")


def _decoded(url: str) -> str:
    """The URL as markdown-it reads it: character references decoded."""
    return unescapeAll(url)
