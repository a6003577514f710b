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
from collections.abc import Callable, Iterator

from docutils import nodes
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from ..model import Paragraph, Problem
from ..urls import safe_url
from . import elements
from .markdown_subset import MD as _MD
from .markdown_subset import markdown_lines, marked


def to_nodes(paragraph: Paragraph, source: str) -> list[nodes.Element]:
    """The paragraph's text as docutils nodes: paragraphs and bullet lists."""
    if not marked(paragraph):
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
            stack[-1] += elements.line_break()
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
#
# These run on every line of every transcript, so each takes time linear in
# the line, whatever the line holds.  A regular expression whose match may
# start at many places and run on to the same far character (``\{\{.*?\}\}``
# on a line of ``{{``, ``[^\]]*\]`` on a line of ``[``) is quadratic: one
# start is tried after another and each reads to the end again.  Those are
# finders here, which read the line once: the first start either matches or
# shows that no later one can (they all run on to the same character).

#: what a finder returns: where the attempt starts and its text, or None
Found = tuple[int, str] | None


def _regex(pattern: str, flags: int = 0) -> Callable[[str], Found]:
    """A finder of a pattern that is linear as it stands (each start reads a
    stretch no other start reads, or a bounded one)."""
    compiled = re.compile(pattern, flags)

    def find(line: str) -> Found:
        found = compiled.search(line)
        return (found.start(), found.group(0)) if found else None

    return find


def _leftmost(*finders: Callable[[str], Found]) -> Callable[[str], Found]:
    """The first of several finders' attempts, as a regular expression's
    alternation finds it (the leftmost; on a tie, the earlier finder's)."""

    def find(line: str) -> Found:
        found = [f for f in (finder(line) for finder in finders) if f is not None]
        return min(found, key=lambda f: f[0]) if found else None

    return find


#: a run of a role name's characters right before a backtick, from the run's start
_ROLE_RUN = re.compile(r"(?<![\w:+.\-])[\w:+.\-]++(?=`)")
_ROLE_START = re.compile(r"(?<![\w`]):[A-Za-z]")


def _colon_role(line: str) -> Found:
    r"""``:name:`…``` (``(?<![\w`]):[A-Za-z][\w:+.-]*:```): every start inside
    one run of name characters ends at the run's end, so each run is read
    once, for its first start, and only when it ends with the colon."""
    for run in _ROLE_RUN.finditer(line):
        if run.group().endswith(":"):
            start = _ROLE_START.search(line, run.start(), run.end() - 1)
            if start:
                return start.start(), line[start.start() : run.end() + 1]
    return None


def _braces(line: str) -> Found:
    r"""``{{…}}`` (``\{\{.*?\}\}``): the first ``{{``, the first ``}}`` after it."""
    opening = line.find("{{")
    closing = line.find("}}", opening + 2) if opening >= 0 else -1
    return (opening, line[opening : closing + 2]) if closing >= 0 else None


_HTML_TAG = re.compile(
    r"</?(?:a|abbr|audio|b|base|body|br|button|canvas|code|details|dialog|div|em|embed|"
    r"font|form|frame|frameset|h[1-6]|head|html|i|iframe|img|input|link|marquee|math|meta|"
    r"object|p|picture|pre|script|select|source|span|strong|style|sub|sup|svg|table|td|"
    r"template|textarea|th|tr|u|video)(?=[\s/>])", re.I)


def _html(line: str) -> Found:
    """A known element's tag to its ``>``: the first tag's, or none has one."""
    tag = _HTML_TAG.search(line)
    closing = line.find(">", tag.end()) if tag else -1
    return (tag.start(), line[tag.start() : closing + 1]) if tag and closing >= 0 else None


def _footnote(line: str) -> Found:
    r"""``[^…]`` (``\[\^[^\]]+\]``): after each ``[^``, the first ``]``."""
    at = line.find("[^")
    while at >= 0:
        closing = line.find("]", at + 2)
        if closing < 0:
            return None  # no later "[^" has a "]" after it either
        if closing > at + 2:
            return at, line[at : closing + 1]
        at = line.find("[^", at + 1)  # "[^]": empty, not a footnote
    return None


def _image(line: str) -> Found:
    r"""``![…](`` (``!\[[^\]]*\]\(``): each ``![`` reads to the first ``]``,
    and every ``![`` before that ``]`` would end at it too."""
    at = line.find("![")
    while at >= 0:
        closing = line.find("]", at + 2)
        if closing < 0:
            return None
        if line.startswith("(", closing + 1):
            return at, line[at : closing + 2]
        at = line.find("![", closing + 1)
    return None


_ATTEMPTS: tuple[tuple[str, Callable[[str], Found]], ...] = (
    ("a directive or code fence", _regex(r"^\s*(?:```|~~~|:::)")),
    ("a reStructuredText directive, target or comment", _regex(r"^\s*\.\.\s+(?:[\w:-]+::|_|\|)")),
    ("a role", _leftmost(_regex(r"\{[A-Za-z][\w:+.-]*\}`"), _colon_role)),
    ("a substitution", _leftmost(_braces, _regex(r"(?<![\w|])\|[A-Za-z][\w -]*\|(?![\w|])"))),
    ("raw HTML", _html),
    # \write18 is a name and a number: the shell escape
    ("a LaTeX command", _regex(r"\\[A-Za-z@]{2,}\d*(?=[\s{\[\\]|$)")),
    ("math", _regex(r"\$\$|\\\(|\\\[")),
    ("a footnote", _footnote),
    ("a target", _regex(r"^\s*\([\w-]+\)=\s*$")),
    ("an image", _image),
)

#: what follows a link's ``](``: its address (``\s*<?([^)\s>]*)``)
_ADDRESS = re.compile(r"\s*<?([^)\s>]*)")
#: an autolink's ``<scheme:`` (the rest runs to the first ``>`` or space)
_AUTOLINK = re.compile(r"<[A-Za-z][\w+.-]{1,31}:")
_LINK_START = re.compile(r"[\[<]")
_LINK_STOP = re.compile(r"[>\s]")


def _links(line: str) -> Iterator[str]:
    r"""The address of every link of the line, as
    ``\[[^\]]*\]\(\s*<?([^)\s>]*)|<([A-Za-z][\w+.-]{1,31}:[^>\s]*)>`` finds
    them one after the other, reading the line once: a ``[`` with no ``](``
    at its first ``]`` shows that every ``[`` before that ``]`` has none
    either, and likewise an autolink with no ``>`` before a space."""
    end = 0  # where the last link ended
    no_bracket = no_angle = -1  # starts before these fail
    for start in _LINK_START.finditer(line):
        at = start.start()
        if at < end:
            continue
        if line[at] == "[":
            if at < no_bracket:
                continue
            closing = line.find("]", at + 1)
            if closing < 0:
                no_bracket = len(line)
            elif line.startswith("(", closing + 1):
                address = _ADDRESS.match(line, closing + 2)
                assert address is not None  # it matches the empty string
                end = address.end()
                yield address.group(1)
            else:
                no_bracket = closing
        elif at >= no_angle:
            scheme = _AUTOLINK.match(line, at)
            if scheme is None:
                continue
            stop = _LINK_STOP.search(line, scheme.end())
            if stop is not None and line[stop.start()] == ">":
                end = stop.end()
                yield line[at + 1 : stop.start()]
            else:
                no_angle = stop.start() if stop else len(line)


#: A character or line start without which no line of a paragraph looks like
#: markup (a line's indentation stops at its end: see ``SPECIAL``).
_TRIGGER = re.compile(r"[{}<>\\$|\[:]|^[^\S\n]*(?:```|~~~|\.\.|\()", re.M)


def suspicious(paragraph: Paragraph, where: str = "a transcript") -> Iterator[Problem]:
    """Problems for what, in the paragraph, looks like markup the subset does not run.

    ``where`` names the text in the message: "a transcript", "a chapter
    title", "a bio" (titles and bios are shown as plain text, not even the
    subset, but the same attempts are worth a warning there).
    """
    if not _TRIGGER.search(paragraph.text):
        return
    for lineno, line in paragraph.numbered():
        for what, finder in _ATTEMPTS:
            found = finder(line)
            if found:
                yield Problem(lineno, "markup",
                              f"{what} ('{found[1].strip()[:40]}') in {where} is "
                              "shown as written, not run")
        for url in _links(line):
            if url and not safe_url(_decoded(url)):
                yield Problem(lineno, "link",
                              f"link to '{url[:60]}' is shown as written: links in {where} "
                              "must be http, https or mailto URLs")


def _decoded(url: str) -> str:
    """The URL as markdown-it reads it: character references decoded."""
    return unescapeAll(url)
